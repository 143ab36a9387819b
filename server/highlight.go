package server

import (
	"html/template"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// highlight returns a search highlight as HTML. The search index escapes
// the text of a fragment and adds only <mark> and </mark>, so that is all
// a fragment may contain; anything else is escaped as plain text instead
// of trusted.
func highlight(fragment string) template.HTML {
	bare := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fragment)
	if strings.ContainsAny(bare, "<>") || strings.Count(fragment, "<mark>") != strings.Count(fragment, "</mark>") {
		return template.HTML(template.HTMLEscapeString(fragment))
	}
	return template.HTML(fragment)
}

// termMarker wraps a term's names in <mark> inside text: the term, its
// forms and aliases, as whole words, ignoring case.
type termMarker struct{ re *regexp.Regexp }

func newTermMarker(names ...string) termMarker {
	var alts []string
	for _, n := range names {
		if n = strings.TrimSpace(strings.ToValidUTF8(n, "")); n != "" {
			alts = append(alts, regexp.QuoteMeta(n))
		}
	}
	if len(alts) == 0 {
		return termMarker{}
	}
	// Longest first, and leftmost-longest matching, so "race conditions"
	// is marked whole rather than as "race".
	slices.SortFunc(alts, func(a, b string) int { return len(b) - len(a) })
	re := regexp.MustCompile(`(?i)` + strings.Join(alts, "|"))
	re.Longest()
	return termMarker{re: re}
}

// mark returns text as escaped HTML with every whole-word occurrence of
// the names in <mark>.
func (m termMarker) mark(text string) template.HTML {
	if m.re == nil {
		return template.HTML(template.HTMLEscapeString(text))
	}
	var b strings.Builder
	done := 0
	for i := 0; i < len(text); {
		loc := m.re.FindStringIndex(text[i:])
		if loc == nil || loc[0] == loc[1] {
			break
		}
		start, end := i+loc[0], i+loc[1]
		if !wordBoundary(text, start, end) {
			_, size := utf8.DecodeRuneInString(text[start:])
			i = start + size
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[done:start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[start:end]))
		b.WriteString("</mark>")
		done, i = end, end
	}
	b.WriteString(template.HTMLEscapeString(text[done:]))
	return template.HTML(b.String())
}

// wordBoundary reports whether text[start:end] is not part of a longer
// word.
func wordBoundary(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
