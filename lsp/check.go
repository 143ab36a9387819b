package lsp

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The terminology checker finds, in prose and comments, what writers get
// wrong about the glossary's terms: a name written in a form the corpus
// calls wrong ("Postgres SQL", "nodejs"), a name with one right form
// written with other capitals ("Javascript", "Github"), and a misspelt
// term ("idempotant", "Kubernets"). It is precise before it is thorough:
// an ordinary word, a word of the word list or of the corpus, code,
// URLs, paths and identifiers are never flagged.

// Kinds of finding, which are also the codes of their diagnostics and
// the names of their settings.
const (
	kindTypo = "typo" // a misspelt term
	kindName = "name" // a wrong form of a name
)

// finding is one error in a line: its byte bounds in the line, what is
// written there, and the names to replace it with, best first.
type finding struct {
	kind       string
	start, end int
	text       string
	fixes      []string
	id         string // the term
	message    string // what the editor shows
}

// describe sets the finding's message.
func (f *finding) describe() {
	switch f.kind {
	case kindTypo:
		f.message = fmt.Sprintf("%q looks like a misspelling of %s", f.text, quoteList(f.fixes))
	default:
		f.message = fmt.Sprintf("%q is written %q", f.text, f.fixes[0])
	}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, " or ")
}

// checkLine returns the findings in the parts of line that are prose
// (segs, byte ranges of the line in order), and the names the line uses
// as code or in URLs (see codeNames).
func (v *vocabulary) checkLine(line string, segs []span) ([]finding, []string) {
	var runs, skipped []span
	for _, seg := range segs {
		r, s := proseRuns(line, seg)
		runs, skipped = append(runs, r...), append(skipped, s...)
	}
	var out []finding
	for _, run := range runs {
		out = v.checkRun(line, run, skipped, out)
	}
	for i := range out {
		out[i].describe()
	}
	return out, codeNames(line, skipped)
}

// codeNames returns the words, in lower case, that the line has in code
// spans, URLs and link targets, long enough to be taken for typos: a
// document that writes `ccache` or https://…/reverst somewhere names a
// tool, and its prose may name it too.
func codeNames(line string, skipped []span) []string {
	var out []string
	for _, s := range skipped {
		text := line[s.start:s.end]
		for i := 0; i < len(text); {
			j := i
			for j < len(text) && isASCIILetterByte(text[j]) {
				j++
			}
			if j-i >= minTypoLen {
				out = append(out, strings.ToLower(text[i:j]))
			}
			i = j + 1
		}
	}
	return out
}

// checkRun checks the words of one run of prose: first the corpus's
// misspellings, which may be several words, then each word alone. A
// word that the line also has in a URL, a code span or a link's target
// (skipped) is a name there, not a typo: "[reverst](https://…/reverst)".
func (v *vocabulary) checkRun(line string, run span, skipped []span, out []finding) []finding {
	ws := words(line[run.start:run.end])
	for i := range ws {
		ws[i].start += run.start
		ws[i].end += run.start
	}
	for i := 0; i < len(ws); i++ {
		if n, f, ok := v.wrongForm(line, ws[i:]); ok {
			out = append(out, f)
			i += n - 1
			continue
		}
		w := ws[i]
		if skipWord(line, w) {
			continue
		}
		word := line[w.start:w.end]
		if cut, ok := cutPossessive(word); ok {
			word, w.end = cut, w.start+len(cut)
		}
		if f, ok := v.wrongCase(word); ok {
			f.start, f.end = w.start, w.end
			out = append(out, f)
			continue
		}
		if f, ok := v.typo(word, sentenceStart(line[:w.start])); ok && !inSpans(line, skipped, word) {
			f.start, f.end = w.start, w.end
			out = append(out, f)
			continue
		}
		if n, f, ok := v.phraseTypo(line, ws, i); ok {
			out = append(out, f)
			i = n - 1
		}
	}
	return out
}

// wrongForm reports whether the words at the start of ws, up to the
// longest misspelling, are a misspelling the corpus lists: how many words,
// and the finding.
func (v *vocabulary) wrongForm(line string, ws []span) (int, finding, bool) {
	for n := min(v.maxWrongWords, len(ws)); n >= 1; n-- {
		// Only spaces between the words: "Mongo DB", not "Mongo, DB".
		if n > 1 && strings.TrimSpace(line[ws[n-2].end:ws[n-1].start]) != "" {
			continue
		}
		start, end := ws[0].start, ws[n-1].end
		if n == 1 && skipWord(line, ws[0]) {
			continue
		}
		text := line[start:end]
		ref, ok := v.wrong[nameKey(text)]
		if !ok || v.right[strings.Join(strings.Fields(text), " ")] || isAllUpper(text) {
			continue
		}
		return n, finding{kind: kindName, start: start, end: end, text: text, fixes: []string{ref.name}, id: ref.id}, true
	}
	return 0, finding{}, false
}

// minPhraseTypoLen is the shortest word checked for a typo inside a name
// of several words: the other words vouch for it.
const minPhraseTypoLen = 5

// phraseTypo reports whether ws[i] is a typo in a name of several words
// whose other words are there as they are, with only spaces between:
// "race condtion", "connecton pool". The misspelt word must be no known
// word ("thread poll" is left alone). It returns the index of the word
// after the name and the finding, which covers the whole name.
func (v *vocabulary) phraseTypo(line string, ws []span, i int) (int, finding, bool) {
	word := line[ws[i].start:ws[i].end]
	lower := strings.ToLower(word)
	if len(word) < minPhraseTypoLen || !isASCIILetters(word) || hasInnerUpper(word) || v.isKnown(lower) {
		return 0, finding{}, false
	}
	spaced := func(a, b int) bool { return strings.Trim(line[ws[a].end:ws[b].start], " ") == "" }
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(ws) || !spaced(min(i, j), max(i, j)) {
			continue
		}
		for _, t := range v.phrases[strings.ToLower(line[ws[j].start:ws[j].end])] {
			first := j - t.pos // where the name would start in ws
			q := i - first     // the misspelt word's place in the name
			if first < 0 || first+len(t.words) > len(ws) || q < 0 || q >= len(t.words) || q == t.pos {
				continue
			}
			ok := osaDistance(lower, t.words[q], maxEditsFor(len(t.words[q]))+1) <= maxEditsFor(len(t.words[q])) && lower[0] == t.words[q][0]
			for k := 0; ok && k < len(t.words); k++ {
				if k > 0 && !spaced(first+k-1, first+k) {
					ok = false
				} else if k != q {
					ok = strings.EqualFold(line[ws[first+k].start:ws[first+k].end], t.words[k])
				}
			}
			if ok {
				start, end := ws[first].start, ws[first+len(t.words)-1].end
				text := line[start:end]
				return first + len(t.words), finding{kind: kindTypo, start: start, end: end, text: text,
					fixes: []string{caseLike(t.ref.name, text)}, id: t.ref.id}, true
			}
		}
	}
	return 0, finding{}, false
}

// wrongCase reports whether word is a name with capitals of its own
// written with other capitals: "Javascript", "Github", "Mongodb". All
// lower case (a command, a package: npm install typescript) and all
// capitals (a heading) are not flagged, nor a word of the word list
// ("Restful" is an English word as well as a form of RESTful).
func (v *vocabulary) wrongCase(word string) (finding, bool) {
	lower := strings.ToLower(word)
	ref, ok := v.mixed[lower]
	if !ok || v.right[word] || word == lower || isAllUpper(word) || v.known[lower]&inWordList != 0 {
		return finding{}, false
	}
	return finding{kind: kindName, text: word, fixes: []string{ref.name}, id: ref.id}, true
}

// typo reports whether word looks like a misspelling of a term's name.
// Only words of at least minTypoLen ASCII letters that are not known in
// any inflection are measured, and not acronyms or identifiers (a
// capital after the first letter). A capitalised word that does not
// start a sentence is a proper name ("Bastian Krol", "Nicolai Stange"),
// unless the name it is near is one too ("to Kubernets").
func (v *vocabulary) typo(word string, sentenceStart bool) (finding, bool) {
	if len(word) < minTypoLen || !isASCIILetters(word) || hasInnerUpper(word) {
		return finding{}, false
	}
	lower := strings.ToLower(word)
	if v.isKnown(lower) {
		return finding{}, false
	}
	refs := v.typoOf(lower)
	if !sentenceStart && word != lower {
		refs = slices.DeleteFunc(refs, func(r nameRef) bool { return strings.ToLower(r.name) == r.name })
	}
	if len(refs) == 0 {
		return finding{}, false
	}
	f := finding{kind: kindTypo, text: word, id: refs[0].id}
	for _, r := range refs {
		f.fixes = append(f.fixes, caseLike(r.name, word))
	}
	return f, true
}

// sentenceStart reports whether a word after before starts a sentence, a
// heading, a list item or a cell: nothing but spaces and marks before
// it, or the end of a sentence.
func sentenceStart(before string) bool {
	b := strings.TrimRight(before, " \t*_>")
	if b == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(b)
	return strings.ContainsRune(".!?:;#|-•", last) || unicode.IsDigit(last)
}

// caseLike writes a name as word is written: capitalised at the start
// of a sentence, unless the name has capitals of its own.
func caseLike(name, word string) string {
	if strings.ToLower(name) != name {
		return name
	}
	r, _ := utf8.DecodeRuneInString(word)
	if unicode.IsUpper(r) {
		n, size := utf8.DecodeRuneInString(name)
		return string(unicode.ToUpper(n)) + name[size:]
	}
	return name
}

func isAllUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func hasInnerUpper(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// cutPossessive returns word without a final "'s" or "’s".
func cutPossessive(word string) (string, bool) {
	for _, s := range []string{"'s", "’s"} {
		if w, ok := strings.CutSuffix(word, s); ok && w != "" {
			return w, true
		}
	}
	return word, false
}

// skipWord reports whether a word is code rather than prose: it holds a
// digit, an apostrophe other than a possessive's, or a "/" or "." (paths,
// file and host names, pkg.Func, pub/sub; Node.js is looked up as a whole
// by wrongForm); or it sits in a token that has code's marks around it (an
// identifier_with_underscores, a --flag, a key=value, a \LaTeX command,
// a #tag, an @mention, a part of a path).
func skipWord(line string, w span) bool {
	word := line[w.start:w.end]
	if cut, ok := cutPossessive(word); ok {
		word = cut
	}
	for _, r := range word {
		if unicode.IsDigit(r) || r == '/' || r == '.' || r == '\'' || r == '’' {
			return true
		}
	}
	before, _ := utf8.DecodeLastRuneInString(line[:w.start])
	after, _ := utf8.DecodeRuneInString(line[w.end:])
	if strings.ContainsRune(`_\#@$%&=+-~^|<>{}/.`, before) && before != utf8.RuneError {
		return true
	}
	if strings.ContainsRune(`_\@$%&=+~^|<>{}(/`, after) && after != utf8.RuneError {
		// "(" right after a word: a call, f(x).
		return true
	}
	// A token holding code's marks anywhere: max_connections, a=b.
	ts, te := w.start, w.end
	for ts > 0 && !unicode.IsSpace(rune(line[ts-1])) {
		ts--
	}
	for te < len(line) && !unicode.IsSpace(rune(line[te])) {
		te++
	}
	return strings.ContainsAny(line[ts:te], "_=\\{}<>$@")
}

// inSpans reports whether word is in the text of spans of line, in any
// case.
func inSpans(line string, spans []span, word string) bool {
	for _, s := range spans {
		if len(word) <= s.end-s.start && strings.Contains(strings.ToLower(line[s.start:s.end]), strings.ToLower(word)) {
			return true
		}
	}
	return false
}

// proseRuns splits a segment of a line into the runs that are prose and
// the parts that are not: inline code (`...`), URLs and e-mail
// addresses, the targets of Markdown links and images, HTML tags, and
// what is in double quotes, which mentions words rather than uses them
// (`the "Kubernets" typo`, a UI string, a name).
func proseRuns(line string, seg span) (runs, skipped []span) {
	start := seg.start
	flush := func(end int) {
		if end > start {
			runs = append(runs, span{start, end})
		}
	}
	skip := func(from, to int) {
		skipped = append(skipped, span{from, to})
	}
	for i := seg.start; i < seg.end; {
		c := line[i]
		switch {
		case c == '`':
			n := runOf(line[i:seg.end], '`')
			flush(i)
			// The span ends at the next run of as many backticks; an
			// unclosed one runs to the end of the segment.
			end := seg.end
			if j := strings.Index(line[i+n:seg.end], line[i:i+n]); j >= 0 {
				end = i + n + j + n
			}
			skip(i, end)
			i, start = end, end
			continue
		case c == ']' && i+1 < seg.end && line[i+1] == '(':
			flush(i)
			end := strings.IndexByte(line[i:seg.end], ')')
			if end < 0 {
				end = seg.end - i
			} else {
				end++
			}
			skip(i, i+end)
			i, start = i+end, i+end
			continue
		case c == '<' && i+1 < seg.end && (isASCIILetterByte(line[i+1]) || line[i+1] == '/' || line[i+1] == '!'):
			if end := strings.IndexByte(line[i:seg.end], '>'); end >= 0 {
				flush(i)
				skip(i, i+end+1)
				i, start = i+end+1, i+end+1
				continue
			}
		case c == '"' || strings.HasPrefix(line[i:seg.end], "“"):
			closer, n := `"`, 1
			if c != '"' {
				closer, n = "”", len("“")
			}
			if end := strings.Index(line[i+n:seg.end], closer); end >= 0 {
				flush(i)
				to := i + n + end + len(closer)
				i, start = to, to
				continue
			}
		case (i == seg.start || !isLetterByte(line[i-1])) && isURLStart(line[i:seg.end]):
			flush(i)
			end := i
			for end < seg.end && !unicode.IsSpace(rune(line[end])) && line[end] != '>' && line[end] != ')' && line[end] != '"' {
				end++
			}
			skip(i, end)
			i, start = end, end
			continue
		}
		i++
	}
	flush(seg.end)
	return runs, skipped
}

// isURLStart reports whether s starts with a URL or an address: a scheme
// and "://", "www.", "mailto:", or a word with an "@" in it.
func isURLStart(s string) bool {
	if strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "mailto:") {
		return true
	}
	i := 0
	for i < len(s) && (isLetterByte(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.') {
		i++
	}
	if i > 0 && strings.HasPrefix(s[i:], "://") {
		return true
	}
	j := 0
	for j < len(s) && !unicode.IsSpace(rune(s[j])) && s[j] != '>' && s[j] != ')' {
		if s[j] == '@' && j > 0 && j+1 < len(s) && isLetterByte(s[j+1]) {
			return true
		}
		j++
	}
	return false
}

func runOf(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

func isASCIILetterByte(c byte) bool { c |= 0x20; return c >= 'a' && c <= 'z' }

func isLetterByte(c byte) bool { return isASCIILetterByte(c) || (c >= '0' && c <= '9') }
