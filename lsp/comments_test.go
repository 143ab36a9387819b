package lsp

import (
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestHelpsAt(t *testing.T) {
	t.Parallel()
	// | marks the cursor.
	tests := []struct {
		name string
		lang string
		text string
		want bool
	}{
		{"markdown is prose", "markdown", "# Title\n\nidemp|", true},
		{"plain text", "plaintext", "idemp|", true},
		{"git commit, VS Code's name", "git-commit", "Make retries idemp|", true},
		{"git commit, Neovim's name", "gitcommit", "Make retries idemp|", true},
		{"GitHub Markdown, eglot's name (gfm-mode)", "gfm", "idemp|", true},
		{"reStructuredText, eglot's name", "rst", "idemp|", true},
		{"Org", "org", "* Notes\nidemp|", true},
		{"mail", "mail", "Hi,\n\nidemp|", true},
		{"LaTeX is prose", "latex", "\\section{Retries}\nidemp|", true},
		{"LaTeX, AUCTeX's name", "LaTeX", "idemp|", true},
		{"TeX, Neovim's name", "tex", "idemp|", true},
		{"go code", "go", "x := idemp|", false},
		{"go line comment", "go", "x := 1 // idemp|", true},
		{"go comment at the end of the text", "go", "// idemp|", true},
		{"go code after a comment line", "go", "// note\nx := idemp|", false},
		{"go comment after comment lines", "go", "// a\n// b\n\tx() // idemp|", true},
		{"go block comment", "go", "/* a\n * idemp|\n */", true},
		{"go after a block comment", "go", "/* a */ x := idemp|", false},
		{"go unclosed block comment", "go", "/* a\nidemp|", true},
		{"go // inside a string", "go", `url := "http://idemp|"`, false},
		{"go // after a string", "go", `url := "http://x" // idemp|`, true},
		{"go escaped quote", "go", `s := "a \" // b" + idemp|`, false},
		{"go raw string across lines", "go", "s := `a\n// not a comment idemp|`", false},
		{"go comment opener inside a comment", "go", "/* a // b */ idemp|", false},
		{"python comment", "python", "x = 1  # idemp|", true},
		{"python code", "python", "idemp|", false},
		{"python # in a string", "python", `x = "#idemp|"`, false},
		{"python // is not a comment", "python", "x = 7 // idemp|", false},
		{"sql comment", "sql", "SELECT 1; -- idemp|", true},
		{"lisp comment", "lisp", "(car x) ; idemp|", true},
		{"html comment", "html", "<p>x</p> <!-- idemp|", true},
		{"html text is not prose", "html", "<p>idemp|</p>", false},
		{"unknown language, // comment", "brainfunk", "x // idemp|", true},
		{"unknown language, # comment", "brainfunk", "# idemp|", true},
		{"unknown language, code", "brainfunk", "x idemp|", false},
		{"yaml comment after a value", "yaml", "key: value # idemp|", true},
		{"line comment ends at its line", "python", "# a\nx = idemp|", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.text, "|")
			text := strings.Replace(tt.text, "|", "", 1)
			d := &document{languageID: tt.lang, text: text}
			if got := d.helpsAt(off); got != tt.want {
				t.Errorf("helpsAt in %s %q = %v; want %v", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}

// TestHelpsAtAfterEdits checks the remembered scan state against edits
// above, on and below the line asked about, and asks about lines in any
// order: every answer must equal that of a fresh scan.
func TestHelpsAtAfterEdits(t *testing.T) {
	t.Parallel()
	d := &document{uri: "file:///x.go", languageID: "go", text: "package x\n\nfunc f() {\n\tcall()\n}\n"}
	steps := []struct {
		name   string
		change any // applied before asking; nil for none
		line   int
		col    int // bytes into the line; -1 for its end
		want   bool
	}{
		{"code", nil, 3, -1, false},
		{"a line above, not scanned again", nil, 2, -1, false},
		{"open a block comment above", change(1, 0, 1, 0, "/*"), 3, -1, true},
		{"still inside further down", nil, 4, -1, true},
		{"close it below the line", change(3, 1, 3, 1, "*/ "), 4, -1, false},
		{"the line with the closer, before it", nil, 3, 1, true},
		{"the line with the closer, after it", nil, 3, -1, false},
		{"remove the opener", change(1, 0, 1, 2, ""), 3, -1, false},
		{"a backtick string over the lines", change(2, 0, 2, 0, "var s = `"), 4, -1, false},
		{"whole text replaced", protocol.TextDocumentContentChangeEventWhole{Text: "/* a\nb\n"}, 1, -1, true},
	}
	for _, st := range steps {
		if st.change != nil {
			if err := d.apply(d.version+1, []any{st.change}); err != nil {
				t.Fatal(err)
			}
		}
		start := lineStart(d.text, st.line)
		_, at := lineAt(d.text, start)
		if st.col >= 0 {
			at = start + st.col
		}
		fresh := (&document{languageID: "go", text: d.text}).helpsAt(at)
		if got := d.helpsAt(at); got != st.want || fresh != st.want {
			t.Errorf("%s: helpsAt(line %d, byte %d of %q) = %v (fresh scan: %v); want %v", st.name, st.line, at-start, d.text, got, fresh, st.want)
		}
	}
}
