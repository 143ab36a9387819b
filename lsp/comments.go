package lsp

import "strings"

// Where the glossary helps: everywhere in prose, and only inside comments
// in code, so that it never gets in the way of identifiers.

// proseLanguages are the languageIds written as prose: the whole document
// is text. Editors name them differently: git commit messages are
// "git-commit" (VS Code, Helix, eglot with Magit) or "gitcommit" (Neovim);
// eglot names a language after its major mode, so GitHub-flavoured
// Markdown is "gfm" and reStructuredText "rst".
//
// Org, reStructuredText, mail and LaTeX are prose on purpose: they are
// what people write documentation and messages in, and an editor only
// sends them when the user has chosen to run the server there (eglot
// captures every mode derived from text-mode when text-mode is listed).
// LaTeX's commands and Org's markup are not terms, so nothing is offered
// for them, and the terminology checker skips \commands.
var proseLanguages = map[string]bool{
	"markdown": true, "gfm": true, "plaintext": true, "text": true,
	"git-commit": true, "gitcommit": true, "restructuredtext": true, "rst": true, "asciidoc": true,
	"org": true, "mail": true, "message": true, "latex": true, "tex": true,
}

// syntax is how a language marks comments, and the string quotes whose
// contents are not comments even when they hold "//" or "#".
type syntax struct {
	line   []string    // line comments: from the marker to the end of the line
	block  [][2]string // block comments: from the opener to the closer
	quotes string      // a quote opens a string closed by the same quote on the same line; "`" may span lines
}

var (
	cLike = syntax{line: []string{"//"}, block: [][2]string{{"/*", "*/"}}, quotes: "\"'`"}
	hash  = syntax{line: []string{"#"}, quotes: "\"'"}
	dash  = syntax{line: []string{"--"}, quotes: "\"'"}
	semi  = syntax{line: []string{";"}, quotes: "\""}
	html  = syntax{block: [][2]string{{"<!--", "-->"}}}
	// other is for languages not listed: the commonest markers.
	other = syntax{line: []string{"//", "#"}, block: [][2]string{{"/*", "*/"}}, quotes: "\"'`"}
)

// syntaxes maps a languageId (as VS Code names them; Neovim and Helix use
// the same names for these) to its comment syntax. The heuristic is
// deliberately simple: it knows line and block comments and skips string
// literals, and nothing else (no nested comments, no heredocs, no Python
// docstrings).
var syntaxes = map[string]syntax{
	"go": cLike, "c": cLike, "cpp": cLike, "csharp": cLike, "java": cLike,
	"javascript": cLike, "javascriptreact": cLike, "typescript": cLike, "typescriptreact": cLike,
	"rust": cLike, "swift": cLike, "kotlin": cLike, "scala": cLike, "dart": cLike,
	"groovy": cLike, "objective-c": cLike, "objective-cpp": cLike, "proto": cLike,
	"jsonc": cLike, "scss": cLike, "less": cLike, "zig": cLike,
	"css":    {block: [][2]string{{"/*", "*/"}}, quotes: "\"'"},
	"php":    {line: []string{"//", "#"}, block: [][2]string{{"/*", "*/"}}, quotes: "\"'"},
	"python": hash, "shellscript": hash, "sh": hash, "bash": hash, "zsh": hash, "fish": hash,
	"ruby": hash, "perl": hash, "r": hash, "yaml": hash, "toml": hash, "dockerfile": hash,
	"makefile": hash, "cmake": hash, "elixir": hash, "nix": hash, "powershell": hash,
	"terraform": {line: []string{"#", "//"}, block: [][2]string{{"/*", "*/"}}, quotes: "\""},
	"hcl":       {line: []string{"#", "//"}, block: [][2]string{{"/*", "*/"}}, quotes: "\""},
	"sql":       dash, "lua": dash, "haskell": dash, "elm": dash, "ada": dash,
	"lisp": semi, "clojure": semi, "scheme": semi, "racket": semi, "ini": {line: []string{";", "#"}},
	"erlang": {line: []string{"%"}, quotes: "\""},
	"html":   html, "xml": html, "vue": html, "svelte": html,
}

// isProse reports whether the whole of a document in this language is
// prose. Case does not matter: AUCTeX's mode makes eglot send "LaTeX".
func isProse(languageID string) bool { return proseLanguages[strings.ToLower(languageID)] }

// syntaxOf returns the comment syntax of a language of code.
func syntaxOf(languageID string) syntax {
	if s, ok := syntaxes[languageID]; ok {
		return s
	}
	return other
}

// multiline reports whether a comment or string can span lines, so that
// whether a line starts inside one depends on the lines above.
func (s syntax) multiline() bool {
	return len(s.block) > 0 || strings.Contains(s.quotes, "`")
}

// helpsAt reports whether the glossary should help at byte offset off of
// the document: anywhere in prose, inside comments in code.
//
// In a language whose comments or strings can span lines, the state at the
// start of the line depends on every line above. Scanning them all on each
// keystroke would cost a millisecond in a file of a few thousand lines, so
// the document remembers the state at the last line start it scanned to
// (apply forgets it when an edit comes before): typing along a line then
// scans that line only.
func (d *document) helpsAt(off int) bool {
	if isProse(d.languageID) {
		return true
	}
	s := syntaxOf(d.languageID)
	ls, _ := lineAt(d.text, off)
	var st scanState
	if s.multiline() {
		from := 0
		if d.scannedTo <= ls {
			from, st = d.scannedTo, d.scanned
		}
		st, _ = s.scan(d.text, from, ls, st)
		d.scannedTo, d.scanned = ls, st
	}
	_, in := s.scan(d.text, ls, off, st)
	return in
}

// scanState is what a scan stands in at a line start: code (the zero
// value), a block comment (closer is how it ends), or a string that spans
// lines (quote).
type scanState struct {
	closer string
	quote  byte
}

// scan reads text from i to off, starting in state st, and returns the
// state at off and whether off is inside a comment. Strings are skipped
// (a "//" in "http://" opens nothing); a quote that is not closed on its
// line ends there, except "`".
func (s syntax) scan(text string, i, off int, st scanState) (scanState, bool) {
	for {
		switch {
		case st.closer != "":
			at := strings.Index(text[i:], st.closer)
			if at < 0 {
				return st, true // open to the end of the document
			}
			end := i + at + len(st.closer) // the closer itself is still comment
			if off < end {
				return st, true
			}
			i, st = end, scanState{}
		case st.quote != 0:
			end := closingQuote(text, i, st.quote)
			if end >= off {
				return st, false
			}
			if text[end] == st.quote {
				end++
			}
			i, st = end, scanState{}
		case i >= off:
			return st, false
		default:
			c := text[i]
			if strings.IndexByte(s.quotes, c) >= 0 {
				i, st.quote = i+1, c
				continue
			}
			if hasAnyPrefix(text[i:], s.line) {
				_, end := lineAt(text, i)
				if off <= end {
					return st, true
				}
				i = end
				continue
			}
			if opener, closer, ok := s.blockOpener(text[i:]); ok {
				i, st.closer = i+len(opener), closer
				continue
			}
			i++
		}
	}
}

// closingQuote returns the offset of the quote q closing a string that
// starts at i, skipping backslash escapes; an unclosed string ends at the
// end of its line (or, for "`", at the end of the text).
func closingQuote(text string, i int, q byte) int {
	for ; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case q:
			return i
		case '\n', '\r':
			if q != '`' {
				return i
			}
		}
	}
	return len(text)
}

func (s syntax) blockOpener(rest string) (opener, closer string, ok bool) {
	for _, b := range s.block {
		if strings.HasPrefix(rest, b[0]) {
			return b[0], b[1], true
		}
	}
	return "", "", false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
