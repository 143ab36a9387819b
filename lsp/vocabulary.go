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
	// phrases lists the names of two or three words, by each of their
	// words in lower case, for typos in one of the words ("race
	// condtion"): the others must be there as they are.
	phrases map[string][]phraseTarget
	// known holds, in lower case, the words that are never errors: the
	// word list's, the corpus's own (names, definitions, examples,
	// notes, collocations); whence says which.
	known map[string]whence
	// sorted lists the known words in order, for finding the words a
	// word starts (isStem).
	sorted []string
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

// phraseTarget is a name of several words, found by its word at pos.
type phraseTarget struct {
	words []string // in lower case
	pos   int
	ref   nameRef
}

// Rules that keep the checker precise: a false alarm on every other
// paragraph gets a checker switched off, a missed typo costs little.
const (
	// minTypoLen is the shortest word checked for typos: short words
	// are one edit away from too many others.
	minTypoLen = 6
	// longTypoLen is the length from which a word may be two edits
	// away from a name (search's typo tolerance allows it from 9, but
	// "quantiles" is two edits from "quantise").
	longTypoLen = 10
	// minMixedLen is the shortest name whose capitals are checked: the
	// capitalised "Poc" or "Moe" is likelier a name than PoC or MoE.
	minMixedLen = 4
)

// newVocabulary builds the vocabulary of c, with the words read from
// words (one a line, as /usr/share/dict/words has them; nil for none).
func newVocabulary(c *corpus.Corpus, words io.Reader) (*vocabulary, error) {
	v := &vocabulary{
		right:   map[string]bool{},
		wrong:   map[string]*nameRef{},
		mixed:   map[string]*nameRef{},
		typos:   map[byte][]typoTarget{},
		phrases: map[string][]phraseTarget{},
		known:   map[string]whence{},
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
	v.sorted = make([]string, 0, len(v.known))
	for w := range v.known {
		v.sorted = append(v.sorted, w)
	}
	slices.Sort(v.sorted)
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
		if len(ws) > 1 && len(ws) <= 3 && isASCIILetters(strings.ReplaceAll(n, " ", "")) {
			lw := strings.Fields(strings.ToLower(n))
			for p, w := range lw {
				v.phrases[w] = append(v.phrases[w], phraseTarget{words: lw, pos: p, ref: nameRef{id: t.ID, name: n}})
			}
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

// isKnown reports whether a lower-case word is a known word; a known
// word with an inflection the word list may lack ("middlewares",
// "upserted", "embedders", a daemon's "statsd", "debuggee"); a known word
// after a prefix ("repost", "preprocess"); or the start of an ordinary
// word three or more letters longer, as abbreviations and stems are
// ("compat"), where a typo that drops the last letter ("Kubernete") is
// one letter shorter.
func (v *vocabulary) isKnown(lower string) bool {
	if v.known[lower] != 0 || v.isStem(lower) {
		return true
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(lower, p); ok && len(rest) >= 4 && v.known[rest] != 0 {
			return true
		}
	}
	for _, sfx := range inflections {
		stem, ok := strings.CutSuffix(lower, sfx.suffix)
		if !ok || len(stem) < 3 {
			continue
		}
		if n := len(stem); sfx.suffix == "ing" && sfx.stem == "" && stem[n-1] == 'e' && !isVowel(stem[n-2]) {
			continue // "acknowledgeing": the e goes before -ing
		}
		if v.known[stem+sfx.stem] != 0 {
			return true
		}
		// A consonant doubled before the ending after one vowel: embedder,
		// shipping (not "versionning").
		if n := len(stem); sfx.stem == "" && n >= 4 && stem[n-1] == stem[n-2] && !isVowel(stem[n-1]) &&
			isVowel(stem[n-3]) && !isVowel(stem[n-4]) && v.known[stem[:n-1]] != 0 {
			return true
		}
	}
	return false
}

// isStem reports whether an ordinary word of the word list starts with
// lower and is three or more letters longer, and no known word is one
// letter longer: "compat" of "compatible", not "algorith" of
// "algorithmic". (Not the corpus's words: they have the inflections of
// its names, and "runtim" would be the stem of "runtimes".)
func (v *vocabulary) isStem(lower string) bool {
	i, _ := slices.BinarySearch(v.sorted, lower)
	stem := false
	for n := 0; i < len(v.sorted) && n < 64 && strings.HasPrefix(v.sorted[i], lower); i, n = i+1, n+1 {
		switch w := v.sorted[i]; {
		case len(w) == len(lower)+1:
			// A known word one letter longer: lower is it cut short
			// ("algorith"), and the longer ones derive from it.
			return false
		case len(w) >= len(lower)+3 && v.known[w]&inWordList != 0:
			stem = true
		}
	}
	return stem
}

// inflections are English endings and what they replace in the stem.
var inflections = []struct{ suffix, stem string }{
	{"s", ""}, {"es", ""}, {"ies", "y"}, {"d", ""}, {"ed", ""}, {"ied", "y"},
	{"ing", ""}, {"ing", "e"}, {"er", ""}, {"er", "e"}, {"ers", ""}, {"ers", "e"},
	{"ly", ""}, {"able", ""}, {"ability", ""},
	{"ee", ""}, {"ees", ""}, {"al", ""}, {"al", "e"},
}

// prefixes are the English prefixes a known word may take.
var prefixes = []string{"re", "un", "pre", "de", "non", "sub", "multi", "inter", "over", "under", "auto", "co", "mis"}

// typoOf returns the names that a lower-case word of letters may be a
// typo of: those that start as it does (sameStart), are not the start of
// the word, and are the fewest edits away, within one edit (two from longTypoLen
// letters). Names that are an inflection away do not count. Of names
// equally near, those the word leaves a letter out of come first, as
// leaving one out is the commonest slip ("deprecatd": deprecated before
// deprecate).
func (v *vocabulary) typoOf(lower string) []nameRef {
	maxEdits := maxEditsFor(len(lower))
	best := maxEdits + 1
	var out []nameRef
	for _, t := range v.typos[lower[0]] {
		// A slip rarely hits the first two letters (see sameStart), and a
		// name with more letters after it is another name ("sprintf",
		// "devtoolset").
		if abs(len(t.lower)-len(lower)) > maxEdits || !sameStart(lower, t.lower) || strings.HasPrefix(lower, t.lower) {
			continue
		}
		d := osaDistance(lower, t.lower, maxEdits+1)
		switch {
		case d > maxEdits:
		case d < best:
			best, out = d, append(out[:0], t.ref)
		case d == best && !slices.ContainsFunc(out, func(r nameRef) bool { return strings.EqualFold(r.name, t.ref.name) }):
			out = append(out, t.ref)
		}
	}
	slices.SortStableFunc(out, func(a, b nameRef) int {
		return boolRank(!isSubsequence(lower, strings.ToLower(a.name))) - boolRank(!isSubsequence(lower, strings.ToLower(b.name)))
	})
	return out[:min(len(out), maxFixes)]
}

// sameStart reports whether a word starts as a name does: with the same
// two letters, the second and third swapped ("veiwport"), or the second
// left out ("wrkload"). Not with a letter typed in: "ccache" is a tool.
func sameStart(word, name string) bool {
	switch {
	case word[1] == name[1]:
		return true
	case len(word) == len(name):
		return len(word) > 2 && word[1] == name[2] && word[2] == name[1]
	default:
		return len(word) == len(name)-1 && word[1] == name[2]
	}
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// maxEditsFor is how many edits a word of n letters may be from a name.
func maxEditsFor(n int) int {
	if n >= longTypoLen {
		return 2
	}
	return 1
}

// maxFixes is how many replacements a finding offers at most.
const maxFixes = 3

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isSubsequence reports whether s is t with letters left out.
func isSubsequence(s, t string) bool {
	i := 0
	for j := 0; i < len(s) && j < len(t); j++ {
		if s[i] == t[j] {
			i++
		}
	}
	return i == len(s)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// osaDistance is the optimal string alignment distance between two
// lower-case ASCII strings, with the edits a typing slip makes: a letter
// left out or typed in, two neighbours swapped ("idempotnet"), each one
// edit, and one letter for another, one edit when they are easily
// confused (two vowels, neighbouring keys, letters that sound alike: see
// slip) and two otherwise, so "quantile" is not taken for "quantise". It
// returns limit when the distance is limit or more.
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
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+substitution(a[i-1], b[j-1]))
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

// substitution is the cost of typing x for y.
func substitution(x, y byte) int {
	switch {
	case x == y:
		return 0
	case slip(x, y):
		return 1
	default:
		return 2
	}
}

// slip reports whether one lower-case letter is easily typed for
// another: two vowels ("idempotant"), neighbours on a QWERTY keyboard
// ("thtoughput"), or letters that sound alike (c and k or s, s and z, k and
// q, g and j, f and v, b and p, d and t).
func slip(x, y byte) bool {
	if x < 'a' || x > 'z' || y < 'a' || y > 'z' {
		return false
	}
	return slips[x-'a']&(1<<(y-'a')) != 0
}

// slips has, for each letter, a bit for each letter it is easily typed
// for.
var slips = func() (t [26]uint32) {
	pairs := func(x byte, ys string) {
		for i := 0; i < len(ys); i++ {
			t[x-'a'] |= 1 << (ys[i] - 'a')
			t[ys[i]-'a'] |= 1 << (x - 'a')
		}
	}
	const vowels = "aeiouy"
	for i := 0; i < len(vowels); i++ {
		pairs(vowels[i], vowels)
	}
	for _, k := range []string{
		// Each letter and its neighbours on the keyboard...
		"qwa", "wqeas", "ewrsd", "retdf", "trygf", "ytugh", "uyihj", "iuojk", "oipkl", "pol",
		"aqwsz", "sweadzx", "dersfxc", "frtdgcv", "gtyfhvb", "hyugjbn", "juihknm", "kiojlm", "lopk",
		"zasx", "xsdzc", "cdfxv", "vfgcb", "bghvn", "nhjbm", "mjkn",
		// ...and letters that sound alike.
		"cks", "sz", "kq", "gj", "fv", "bp", "dt",
	} {
		pairs(k[0], k[1:])
	}
	return t
}()
