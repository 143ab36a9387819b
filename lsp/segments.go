package lsp

import "strings"

// What the terminology checker reads of a document, line by line: in
// prose, every line but code blocks, front matter, HTML comments and
// markup of the language's own; in code, comments only, and not the
// commented-out code and directives in them. Whether a line is inside a
// code block or a comment depends on the lines above, so a document is
// read from its start with a lineState carried from line to line (a
// small value, so that lines can be cached by their state and text).

// lineState is the state of the scan at the start of a line.
type lineState struct {
	code  scanState // code: inside a block comment or a string
	fence string    // prose: the run of ` or ~ that opened a code block
	block string    // prose: how an Org or LaTeX block that is not prose ends
	front bool      // Markdown: inside YAML front matter
	html  bool      // Markdown: inside an HTML comment
	done  bool      // git commit: past the scissors line, the diff
}

// proseKind is the flavour of a prose language, for its code blocks and
// markup.
type proseKind int

const (
	plainProse proseKind = iota
	markdownProse
	commitProse
	orgProse
	latexProse
	rstProse
)

var proseKinds = map[string]proseKind{
	"markdown": markdownProse, "gfm": markdownProse, "asciidoc": markdownProse,
	"git-commit": commitProse, "gitcommit": commitProse,
	"org": orgProse, "latex": latexProse, "tex": latexProse,
	"restructuredtext": rstProse, "rst": rstProse,
}

// lineReader reads the lines of a document in one language.
type lineReader struct {
	prose bool
	kind  proseKind
	code  syntax
}

func newLineReader(languageID string) lineReader {
	if isProse(languageID) {
		return lineReader{prose: true, kind: proseKinds[strings.ToLower(languageID)]}
	}
	return lineReader{code: syntaxOf(languageID)}
}

// segments returns the parts of the line [ls, le) of text that are prose,
// as byte ranges of the line, and the state at the start of the next
// line. n is the line's number.
func (r lineReader) segments(text string, ls, le, n int, st lineState) ([]span, lineState) {
	if !r.prose {
		segs, next := r.code.commentSpans(text, ls, le, st.code)
		for i := range segs {
			segs[i].start -= ls
			segs[i].end -= ls
		}
		return segs, lineState{code: next}
	}
	return r.proseSegments(text[ls:le], n, st)
}

func (r lineReader) proseSegments(line string, n int, st lineState) ([]span, lineState) {
	trimmed := strings.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	switch {
	case st.done:
		return nil, st
	case st.fence != "":
		if indent < 4 && strings.HasPrefix(trimmed, st.fence) && strings.Trim(trimmed, st.fence[:1]+" \t") == "" {
			st.fence = ""
		}
		return nil, st
	case st.front:
		if line == "---" || line == "..." {
			st.front = false
		}
		return nil, st
	case st.block != "":
		if strings.HasPrefix(strings.ToLower(trimmed), st.block) {
			st.block = ""
		}
		return nil, st
	case n == 0 && r.kind == markdownProse && line == "---":
		st.front = true
		return nil, st
	case indent < 4 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
		st.fence = trimmed[:runOf(trimmed, trimmed[0])]
		return nil, st
	case indent >= 4 || strings.HasPrefix(line, "\t"):
		return nil, st // an indented code block, or output pasted in
	}
	switch r.kind {
	case commitProse:
		if strings.HasPrefix(line, "#") {
			// Git drops these lines; below the scissors is the diff.
			st.done = strings.Contains(line, ">8")
			return nil, st
		}
		if isTrailer(line) {
			return nil, st
		}
	case orgProse:
		if lower := strings.ToLower(trimmed); strings.HasPrefix(lower, "#+") {
			if kind, ok := strings.CutPrefix(lower, "#+begin_"); ok && !strings.HasPrefix(kind, "quote") {
				st.block = "#+end_"
			}
			return nil, st
		}
	case latexProse:
		for _, env := range []string{"verbatim", "lstlisting", "minted", "comment"} {
			if strings.HasPrefix(trimmed, `\begin{`+env) {
				st.block = `\end{` + env
				return nil, st
			}
		}
	case rstProse:
		if strings.HasPrefix(trimmed, ".. ") {
			return nil, st
		}
	}
	if r.kind != markdownProse {
		return []span{{0, len(line)}}, st
	}
	return htmlCommentFree(line, st)
}

// htmlCommentFree returns the parts of a Markdown line outside HTML
// comments, which may span lines.
func htmlCommentFree(line string, st lineState) ([]span, lineState) {
	var out []span
	i := 0
	for i <= len(line) {
		if st.html {
			end := strings.Index(line[i:], "-->")
			if end < 0 {
				return out, st
			}
			i, st.html = i+end+3, false
			continue
		}
		open := strings.Index(line[i:], "<!--")
		if open < 0 {
			if i < len(line) {
				out = append(out, span{i, len(line)})
			}
			return out, st
		}
		if open > 0 {
			out = append(out, span{i, i + open})
		}
		i, st.html = i+open+4, true
	}
	return out, st
}

// isTrailer reports whether a commit message line is a trailer such as
// "Signed-off-by: Name <address>", which holds names, not prose.
func isTrailer(line string) bool {
	key, _, ok := strings.Cut(line, ": ")
	if !ok || !strings.Contains(key, "-") || strings.ContainsAny(key, " \t") {
		return false
	}
	return isASCIILetters(strings.ReplaceAll(key, "-", ""))
}

// commentSpans returns the comments in the line [ls, le) of text, as byte
// ranges of text, when the line starts in state st, and the state at the
// start of the next line. It follows scan's rules (strings skipped, a "`"
// string may span lines) and leaves out what is code in a comment: a
// line comment whose text does not start with a space ("//go:build",
// "#!/bin/sh", commented-out "#print(x)"), or starts with a tab or two
// spaces (a code block in a doc comment).
func (s syntax) commentSpans(text string, ls, le int, st scanState) ([]span, scanState) {
	var out []span
	i := ls
	for {
		switch {
		case st.closer != "":
			at := strings.Index(text[i:le], st.closer)
			if at < 0 {
				out = append(out, span{i, le})
				return out, st
			}
			end := i + at + len(st.closer)
			out = append(out, span{i, end})
			i, st = end, scanState{}
		case st.quote != 0:
			end := closingQuote(text, i, st.quote)
			if end >= le {
				if st.quote != '`' {
					st = scanState{} // unclosed: the string ends with its line
				}
				return out, st
			}
			i, st = end+1, scanState{}
		case i >= le:
			return out, st
		default:
			c := text[i]
			if strings.IndexByte(s.quotes, c) >= 0 {
				i, st.quote = i+1, c
				continue
			}
			if marker, ok := linePrefix(text[i:le], s.line); ok {
				body := text[i+len(marker) : le]
				if body == "" || (body[0] == ' ' && !strings.HasPrefix(body, "  ")) {
					out = append(out, span{i + len(marker), le})
				}
				return out, st
			}
			if opener, closer, ok := s.blockOpener(text[i:]); ok {
				i, st.closer = i+len(opener), closer
				continue
			}
			i++
		}
	}
}

func linePrefix(s string, prefixes []string) (string, bool) {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return p, true
		}
	}
	return "", false
}
