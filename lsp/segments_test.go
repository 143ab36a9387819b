package lsp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readable returns what the checker reads of each line of text: the
// segments' text joined by "|", lines by "\n".
func readable(lang, text string) string {
	r := newLineReader(lang)
	var out []string
	var st lineState
	lines := strings.Split(text, "\n")
	ls := 0
	for n, line := range lines {
		segs, next := r.segments(text, ls, ls+len(line), n, st)
		parts := []string{}
		for _, s := range segs {
			parts = append(parts, line[s.start:s.end])
		}
		out = append(out, strings.Join(parts, "|"))
		st = next
		ls += len(line) + 1
	}
	return strings.Join(out, "\n")
}

func TestSegments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, text, want string
	}{
		{"markdown: fences, indented code, front matter, HTML comments", "markdown",
			"---\ntitle: x\n---\n# Title\n```go\nx := 1\n```\ntext <!-- hidden\nstill -->after\n    code\n~~~\nc\n~~~\nend",
			"\n\n\n# Title\n\n\n\ntext \nafter\n\n\n\n\nend"},
		{"front matter only on the first line", "markdown", "a\n---\nb", "a\n---\nb"},
		{"a longer fence is not closed by a shorter one", "markdown", "````\n```\nx\n````\ny", "\n\n\n\ny"},
		{"git commit: comments, trailers, the diff below the scissors", "git-commit",
			"Fix it\n\nBody text\n# Please enter the message\nSigned-off-by: A B <a@b.c>\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n+text",
			"Fix it\n\nBody text\n\n\n\n\n"},
		{"org: #+ lines and source blocks", "org", "* Head\n#+TITLE: x\n#+BEGIN_SRC go\nx\n#+END_SRC\ntext", "* Head\n\n\n\n\ntext"},
		{"org: quotes are prose", "org", "#+begin_quote\ntext\n#+end_quote", "\ntext\n"},
		{"latex: verbatim", "latex", "a\n\\begin{verbatim}\nx\n\\end{verbatim}\nb", "a\n\n\n\nb"},
		{"rst: directives", "rst", "a\n.. code-block:: go\n\n    x := 1\nb", "a\n\n\n\nb"},
		{"plain text: fences and indentation too", "plaintext", "a\n```\nb\n```\n\tc\nd", "a\n\n\n\n\nd"},
		{"go: comments only", "go",
			"// Package x does y.\npackage x // trailing\n\n/* block\n   comment */ x := `raw // not`\n//go:generate z\n//\tcode in a doc comment\n//  also code\ns := \"// no\" // yes",
			" Package x does y.\n trailing\n\n block\n   comment */\n\n\n\n yes"},
		{"python: # comments", "python", "x = 1  # note\n#!shebang-like\n'# no'", " note\n\n"},
		{"raw string across lines", "go", "s := `a\n// in the string`\n// comment", "\n\n comment"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, readable(tt.lang, tt.text)); diff != "" {
				t.Errorf("segments of %s %q (-want +got):\n%s", tt.lang, tt.text, diff)
			}
		})
	}
}
