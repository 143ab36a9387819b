package lsp

import (
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
}

// checkLine returns the findings in the parts of line that are prose
// (segs, byte ranges of the line in order).
func (v *vocabulary) checkLine(line string, segs []span) []finding {
	var out []finding
	for _, seg := range segs {
		for _, run := range proseRuns(line, seg) {
			out = v.checkRun(line, run, out)
		}
	}
	return out
}

// checkRun checks the words of one run of prose: first the corpus's
// misspellings, which may be several words, then each word alone.
func (v *vocabulary) checkRun(line string, run span, out []finding) []finding {
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
		if f, ok := v.typo(word); ok {
			f.start, f.end = w.start, w.end
			out = append(out, f)
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
// capital after the first letter).
func (v *vocabulary) typo(word string) (finding, bool) {
	if len(word) < minTypoLen || !isASCIILetters(word) || hasInnerUpper(word) {
		return finding{}, false
	}
	lower := strings.ToLower(word)
	if v.isKnown(lower) {
		return finding{}, false
	}
	refs := v.typoOf(lower)
	if len(refs) == 0 {
		return finding{}, false
	}
	f := finding{kind: kindTypo, text: word, id: refs[0].id}
	for _, r := range refs {
		f.fixes = append(f.fixes, caseLike(r.name, word))
	}
	return f, true
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

// proseRuns splits a segment of a line into the runs that are prose:
// everything but inline code (`...`), URLs and e-mail addresses, the
// targets of Markdown links and images, and HTML tags.
func proseRuns(line string, seg span) []span {
	var out []span
	start := seg.start
	flush := func(end int) {
		if end > start {
			out = append(out, span{start, end})
		}
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
			i, start = i+end, i+end
			continue
		case c == '<' && i+1 < seg.end && (isASCIILetterByte(line[i+1]) || line[i+1] == '/' || line[i+1] == '!'):
			if end := strings.IndexByte(line[i:seg.end], '>'); end >= 0 {
				flush(i)
				i, start = i+end+1, i+end+1
				continue
			}
		case (i == seg.start || !isLetterByte(line[i-1])) && isURLStart(line[i:seg.end]):
			flush(i)
			end := i
			for end < seg.end && !unicode.IsSpace(rune(line[end])) && line[end] != '>' && line[end] != ')' && line[end] != '"' {
				end++
			}
			i, start = end, end
			continue
		}
		i++
	}
	flush(seg.end)
	return out
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
