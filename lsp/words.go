package lsp

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// maxPhraseWords is the longest phrase, in words, that hover looks up
// around the cursor. Four words cover every term's name and all but eight
// aliases (long forms of short names, such as the one of HIPAA), and
// bound the look-ups a hover costs a remote glossary.
const maxPhraseWords = 4

// span is a word of a line: its byte bounds in the line.
type span struct{ start, end int }

// Words are what names are made of. A word is a run of letters, digits and
// marks; "-", "/", ".", "'" and "’" join two such runs into one word
// ("back-pressure", "pub/sub", "node.js", "don't"), and "+" and "#" count
// as part of a word they follow ("C++", "C#"). So "idempotent." is the
// word "idempotent", and "#tag" the word "tag".

func isLetter(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isJoiner(r rune) bool {
	return r == '-' || r == '/' || r == '.' || r == '\'' || r == '’'
}

func isSuffix(r rune) bool { return r == '+' || r == '#' }

// words splits a line into its words.
func words(line string) []span {
	var out []span
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isLetter(r) {
			i += size
			continue
		}
		start := i
		i = wordEnd(line, i)
		out = append(out, span{start, i})
	}
	return out
}

// wordEnd returns where the word starting at i ends.
func wordEnd(line string, i int) int {
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case isLetter(r), isSuffix(r):
			i += size
		case isJoiner(r):
			next, _ := utf8.DecodeRuneInString(line[i+size:])
			if !isLetter(next) {
				return i
			}
			i += size
		default:
			return i
		}
	}
	return i
}

// prefixAt returns the start of the partial word that ends at off: what a
// user is typing when the cursor is at off. It is off itself when no word
// ends there. A joiner just typed ("back-") belongs to the word.
func prefixAt(line string, off int) int {
	start := off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:start])
		if !isLetter(r) && !isSuffix(r) && !isJoiner(r) {
			break
		}
		start -= size
	}
	// The word starts at its first letter: not at a joiner or suffix
	// ("--flag", "#tag").
	for start < off {
		r, size := utf8.DecodeRuneInString(line[start:])
		if isLetter(r) {
			break
		}
		start += size
	}
	return start
}

// wordAt returns the index in ws of the word under the cursor at off: the
// word holding the character at off, or else the word ending at off (the
// cursor just after it). It returns -1 when there is none.
func wordAt(ws []span, off int) int {
	for i, w := range ws {
		if w.start <= off && off < w.end {
			return i
		}
	}
	for i, w := range ws {
		if w.end == off {
			return i
		}
	}
	return -1
}

// joinable reports whether the gap between two words lets them be read as
// one phrase: spaces, and the inline marks of Markdown and quotes
// ("**race** condition"), but no punctuation that ends a clause.
func joinable(gap string) bool {
	for _, r := range gap {
		if !unicode.IsSpace(r) && !strings.ContainsRune("*_`\"~", r) {
			return false
		}
	}
	return true
}

// phrase is a run of words that hover looks up: its key and its bounds in
// the line.
type phrase struct {
	key        string
	start, end int
}

// phrasesAt lists the phrases of line that hold the word under the cursor
// at off, of at most maxWords words, longest first and, among those of one
// length, leftmost first.
func phrasesAt(line string, off, maxWords int) []phrase {
	ws := words(line)
	k := wordAt(ws, off)
	if k < 0 {
		return nil
	}
	// Stretch the run of words around k that gaps allow to be one phrase.
	first, last := k, k
	for first > 0 && k-first+1 < maxWords && joinable(line[ws[first-1].end:ws[first].start]) {
		first--
	}
	for last < len(ws)-1 && last-k+1 < maxWords && joinable(line[ws[last].end:ws[last+1].start]) {
		last++
	}
	var out []phrase
	for n := min(maxWords, last-first+1); n >= 1; n-- {
		for s := max(first, k-n+1); s <= k && s+n-1 <= last; s++ {
			parts := make([]string, n)
			for j := range n {
				parts[j] = line[ws[s+j].start:ws[s+j].end]
			}
			out = append(out, phrase{key: nameKey(strings.Join(parts, " ")), start: ws[s].start, end: ws[s+n-1].end})
		}
	}
	return out
}

// nameKey is how names and phrases are compared: corpus.Normalize (lower
// case, single spaces), with typographic apostrophes made plain.
func nameKey(s string) string {
	return corpus.Normalize(strings.ReplaceAll(s, "’", "'"))
}

// nameKeys returns the keys a name is found by: its own, and, when they
// differ, the key of its words as the text is split into them, so that
// "back-pressure" matches, and "bronze, silver and gold layers" can too.
func nameKeys(name string) []string {
	keys := []string{nameKey(name)}
	ws := words(name)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = name[w.start:w.end]
	}
	if k := nameKey(strings.Join(parts, " ")); k != "" && k != keys[0] {
		keys = append(keys, k)
	}
	return keys
}
