package lsp

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/glossary/glossary/corpus"
)

// A vocabulary is what the terminology checker (check.go) knows: how
// every name is written, the wrong forms the corpus lists, the names that
// typos are measured against, and the words that are never errors. It is
// built once per corpus and read-only after.
type vocabulary struct {
	// right holds every name, alias and form exactly as written, and
	// the capitalised form of those that start in lower case
	// ("Dataframe" at the start of a sentence is right).
	right map[string]bool
	// wrong maps the nameKey of each misspelling to its term.
	wrong         map[string]*nameRef
	maxWrongWords int
	// mixed maps the lower case of each one-word name or alias with
	// capitals of its own after the first letter (JavaScript, GitHub,
	// mTLS) to it: written with other capitals, it is wrong.
	mixed map[string]*nameRef
	// typos lists the one-word names and forms that typos are measured
	// against, by first letter, all in lower case.
	typos map[byte][]typoTarget
	// known holds, in lower case, the words that are never errors: the
	// word list's, the corpus's own (names, definitions, examples,
	// notes, collocations); whence says which.
	known map[string]whence
}

// whence says where a known word comes from.
type whence uint8

const (
	inWordList     whence = 1 << iota // an ordinary word: in lower case in the list
	inWordListName                    // a proper name: capitalised in the list
	inCorpus
)

// nameRef is a term and the name to suggest for it.
type nameRef struct {
	id, name string
}

// typoTarget is a name a typo may be of.
type typoTarget struct {
	lower string
	ref   nameRef
}

// Rules that keep the checker precise: a false alarm on every other
// paragraph gets a checker switched off, a missed typo costs little.
const (
	// minTypoLen is the shortest word checked for typos: short words
	// are one edit away from too many others.
	minTypoLen = 6
	// longTypoLen is the length from which a word may be two edits
	// away from a name, as search's typo tolerance allows from 9.
	longTypoLen = 9
	// minMixedLen is the shortest name whose capitals are checked: the
	// capitalised "Poc" or "Moe" is likelier a name than PoC or MoE.
	minMixedLen = 4
)

// newVocabulary builds the vocabulary of c, with the words read from
// words (one a line, as /usr/share/dict/words has them; nil for none).
func newVocabulary(c *corpus.Corpus, words io.Reader) (*vocabulary, error) {
	v := &vocabulary{
		right: map[string]bool{},
		wrong: map[string]*nameRef{},
		mixed: map[string]*nameRef{},
		typos: map[byte][]typoTarget{},
		known: map[string]whence{},
	}
	if words != nil {
		sc := bufio.NewScanner(words)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if lower := strings.ToLower(w); lower == w {
				v.known[lower] |= inWordList
			} else if w != "" {
				v.known[lower] |= inWordListName
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read the word list: %w", err)
		}
	}
	for _, t := range c.Terms {
		v.addTerm(t)
	}
	for _, list := range v.typos {
		slices.SortFunc(list, func(a, b typoTarget) int { return strings.Compare(a.lower, b.lower) })
	}
	return v, nil
}

func (v *vocabulary) addTerm(t *corpus.Term) {
	names := append(append([]string{t.Term}, t.Aliases...), t.Forms...)
	for i, n := range names {
		v.right[n] = true
		if r := []rune(n); unicode.IsLower(r[0]) {
			v.right[string(unicode.ToUpper(r[0]))+string(r[1:])] = true
		}
		ws := words(n)
		for _, w := range ws {
			v.known[strings.ToLower(n[w.start:w.end])] |= inCorpus
		}
		if len(ws) != 1 || ws[0] != (span{0, len(n)}) {
			continue
		}
		// A name, alias or form suggests itself: "Ecmascript" is a wrong
		// ECMAScript, not a wrong JavaScript.
		self := nameRef{id: t.ID, name: n}
		if isMixedCase(n) && len(n) >= minMixedLen && i <= len(t.Aliases) {
			if _, taken := v.mixed[strings.ToLower(n)]; !taken {
				v.mixed[strings.ToLower(n)] = &self
			}
		}
		if lower := strings.ToLower(n); len(lower) >= minTypoLen-1 && isASCIILetters(lower) {
			v.typos[lower[0]] = append(v.typos[lower[0]], typoTarget{lower: lower, ref: self})
		}
	}
	for _, m := range t.Misspellings {
		v.wrong[nameKey(m)] = &nameRef{id: t.ID, name: t.Term}
		v.maxWrongWords = max(v.maxWrongWords, len(words(m)))
	}
	for _, text := range append(append([]string{t.Definition, t.Notes}, t.Examples...), t.Collocations...) {
		for _, w := range words(text) {
			if word := strings.ToLower(text[w.start:w.end]); isASCIILetters(word) {
				v.known[word] |= inCorpus
			}
		}
	}
}

// isMixedCase reports whether a name has a capital after its first
// letter and a lower-case letter: JavaScript, mTLS, DevOps; not CQRS,
// Kubernetes or idempotent.
func isMixedCase(s string) bool {
	upper, lower := false, false
	for i, r := range s {
		upper = upper || (i > 0 && unicode.IsUpper(r))
		lower = lower || unicode.IsLower(r)
	}
	return upper && lower
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// isKnown reports whether a lower-case word is a known word, or a known
// word with an inflection the word list may lack: "middlewares",
// "upserted", "sharding".
func (v *vocabulary) isKnown(lower string) bool {
	if v.known[lower] != 0 {
		return true
	}
	for _, sfx := range inflections {
		if stem, ok := strings.CutSuffix(lower, sfx.suffix); ok && len(stem) >= 3 && v.known[stem+sfx.stem] != 0 {
			return true
		}
	}
	return false
}

// inflections are English endings and what they replace in the stem.
var inflections = []struct{ suffix, stem string }{
	{"s", ""}, {"es", ""}, {"ies", "y"}, {"ed", ""}, {"ed", "e"}, {"ied", "y"},
	{"ing", ""}, {"ing", "e"}, {"er", ""}, {"ers", ""}, {"ly", ""}, {"less", ""},
	{"able", ""}, {"ability", ""}, {"ness", ""},
}

// typoOf returns the names that a lower-case word of letters may be a
// typo of: those that start with the same letter, are not the word and
// are the fewest edits away, within one edit (two from longTypoLen
// letters). Names that are an inflection away do not count.
func (v *vocabulary) typoOf(lower string) []nameRef {
	maxEdits := 1
	if len(lower) >= longTypoLen {
		maxEdits = 2
	}
	best := maxEdits + 1
	var out []nameRef
	for _, t := range v.typos[lower[0]] {
		if abs(len(t.lower)-len(lower)) > maxEdits {
			continue
		}
		d := osaDistance(lower, t.lower, maxEdits+1)
		switch {
		case d > maxEdits:
		case d < best:
			best, out = d, append(out[:0], t.ref)
		case d == best && !slices.ContainsFunc(out, func(r nameRef) bool { return r.id == t.ref.id }):
			out = append(out, t.ref)
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// osaDistance is the optimal string alignment distance between two ASCII
// strings (Levenshtein, and a swap of two neighbours is one edit:
// "idempotnet"), or limit when it is limit or more. A typo is usually one
// of these four slips.
func osaDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	// Three rows of the dynamic programme: two back, one back, current.
	var buf [3][64]int
	if len(b)+1 > len(buf[0]) {
		return limit
	}
	prev2, prev, cur := buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
