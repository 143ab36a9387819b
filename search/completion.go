package search

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// completions is an in-memory prefix index over term names and aliases,
// built once per generation: a sorted list of keys, each a whole name or
// the tail of a name from one of its words ("breaker" for "circuit
// breaker"). A prefix is a binary search, then its best keys come out of
// a segment tree in rank order: a few microseconds at 30,000 terms, where
// a bleve query per tier cost a millisecond (see docs/performance.md).
// Typo-tolerant prefixes compare the typed word with the distinct name
// words sharing its first letter, the same restriction bleve's fuzzy
// queries use for speed (SetPrefix(1)).
type completions struct {
	keys  []completionKey // sorted by text
	terms []*corpus.Term
	words [][]string // per term: the words of its names and forms, for multi-word queries
	own   []uint8    // per term: how many of its words are its display term's, the first
	// short holds, for every prefix of one or two characters, the best
	// key of each of its best terms, as indices into keys in rank order,
	// so the broadest prefixes cost no scan.
	short map[string][]int32
	// byFirst lists the distinct words of names and forms by first rune;
	// wordTerms maps each to the terms whose names or forms contain it,
	// in place order, so that the best of several lists come first from
	// a merge, without collecting and sorting them all.
	byFirst   map[rune][]nameWord
	wordTerms map[string][]int32
	allWords  []string // the same words, sorted
	// place is each term's rank among all terms (curated first, then
	// shorter, then by name), for candidates that are not keys.
	place []uint64
	// tree is a segment tree over keys: node n holds the index of the key
	// of smallest rank in its span (leaves from len(keys) on), so the keys
	// starting with a prefix come out in rank order at O(log n) each,
	// however many there are. Sorting every key of a seven-letter prefix
	// (thousands at 30,000 terms) was autocomplete's slowest tail.
	tree []int32
	// prefixes holds, per term, the bits of its words' first letters and
	// pairs of letters: most terms without a word starting with each query
	// word are ruled out by comparing them.
	prefixes []prefixBits
}

// nameWord is a distinct word of names, with the terms that have it, those
// whose display term has it (own), both in place order, and its
// letterMask.
type nameWord struct {
	text  string
	mask  uint64
	terms []int32
	own   []int32
}

// Kinds of key, in rank order within a prefix. Every key of a term's own
// name ranks before every alias key, as a match in an earlier attribute
// ranks first in Algolia's and Typesense's attribute criterion: "depl"
// lists blue-green deployment before pipeline, whose alias is deployment
// pipeline. Within each, the whole name comes first, then the name folded
// to its letters and digits, then the name from a later word on.
const (
	keyTerm        uint8 = iota // the display term
	keyTermSquash               // the display term folded to its letters and digits (corpus.Squash)
	keyTermWord                 // the display term from its second word on
	keyAlias                    // an alias
	keyAliasSquash              // an alias folded
	keyAliasWord                // an alias from its second word on
	keyKinds                    // the number of kinds
)

// isWordKind reports whether keys of kind start at a later word of a name:
// they complete a prefix but are no name equal to the text.
func isWordKind(kind uint8) bool { return kind == keyTermWord || kind == keyAliasWord }

// keyKind is the kind of key of a name (the display term when alias is
// false) whole, folded or from a later word.
func keyKind(alias bool, kind uint8) uint8 {
	if alias {
		return kind + keyAlias
	}
	return kind
}

type completionKey struct {
	text string
	term int32
	kind uint8
	name uint16 // which name: 0 the display term, i its alias i-1
	rank uint64 // see rankOf, then the key's index: no two keys tie
}

// anyOrderScan is the number of candidates of words in any order up to
// which they are all checked and sorted, instead of merged.
const anyOrderScan = 256

// shortCandidates is how many candidates are kept per short prefix; a role
// filter that leaves fewer than asked for falls back to a scan.
const shortCandidates = 64

func newCompletions(terms []*corpus.Term, words func(string) []string) *completions {
	c := &completions{terms: terms, words: make([][]string, len(terms)), short: map[string][]int32{}}
	// The terms' order is computed beside the analysis of their names.
	var (
		ordering sync.WaitGroup
		order    []int32
	)
	ordering.Go(func() { order = termOrder(terms) })
	analysed := analyseNames(terms, words)
	for i, t := range terms {
		names := append([]string{t.Term}, t.Aliases...)
		for j := range len(names) + len(t.Forms) {
			ws := analysed[i][j]
			key := func(text string, kind uint8) completionKey {
				return completionKey{text: text, term: int32(i), kind: keyKind(j > 0, kind), name: uint16(min(j, math.MaxUint16))}
			}
			if len(ws) == 0 {
				// A name of symbols only ("$", "\\{@}", from imported
				// glossaries) completes from its whole, normalised text.
				if k := corpus.Normalize(names[min(j, len(names)-1)]); j < len(names) && k != "" {
					c.keys = append(c.keys, key(k, keyTerm))
				}
				continue
			}
			// Forms ("shards") feed typo matching and multi-word
			// queries but are not completions of their own.
			if j < len(names) {
				joined := strings.Join(ws, " ")
				c.keys = append(c.keys, key(joined, keyTerm))
				// The name without spaces, hyphens or slashes, for those
				// who type it so: "oncall", "loadbal", "cicd".
				if sq := corpus.Squash(names[j]); sq != "" && sq != joined {
					c.keys = append(c.keys, key(sq, keyTermSquash))
				}
				for k := 1; k < len(ws); k++ {
					c.keys = append(c.keys, key(strings.Join(ws[k:], " "), keyTermWord))
				}
			}
			c.words[i] = append(c.words[i], ws...)
		}
	}
	slices.SortFunc(c.keys, func(a, b completionKey) int { return strings.Compare(a.text, b.text) })
	ordering.Wait()
	c.derive(order)
	// Bucket the keys of each one- and two-character prefix in rank order:
	// one sort, then a pass, instead of a sort per prefix. The sort is of
	// the keys' ranks, integers that end with the key's index: sorting the
	// keys themselves took a sixth of this function's time.
	byRank := make([]uint64, len(c.keys))
	for i, k := range c.keys {
		byRank[i] = k.rank
	}
	slices.Sort(byRank)
	for _, x := range byRank {
		i := int32(uint32(x))
		k := c.keys[i]
		runes := utf8.RuneCountInString(k.text)
		for _, n := range []int{1, 2} {
			if runes < n {
				continue
			}
			p := clip(k.text, n)
			if l := c.short[p]; len(l) < shortCandidates && !slices.ContainsFunc(l, func(j int32) bool { return c.keys[j].term == k.term }) {
				c.short[p] = append(l, i)
			}
		}
	}
	return c
}

// rankOf is the rank of a key of kind, with its number of words, for a
// term at place: its kind first, then fewer words (typing "k8" means
// "k8s" before "k8s manifest"), then the term's place. It fits in 32
// bits: kind in 3, words in 3 (at most 7 count), place in 26.
func rankOf(kind uint8, words int, place uint64) uint64 {
	return uint64(kind)<<29 | uint64(min(words, 7))<<26 | place
}

// derive computes what the completions need beyond the keys (sorted by
// text), the words of each term and the terms in place order (order):
// places and ranks, each term's count of display-term words, the terms
// of each word, the words by first rune, the prefix bits and the segment
// tree. Only the short prefixes' candidates are not derived. It is what
// opening a generation computes when the completion index was written at
// build time (completionfile.go).
func (c *completions) derive(order []int32) {
	c.place = make([]uint64, len(c.terms))
	for p, i := range order {
		c.place[i] = uint64(p)
	}
	for i := range c.keys {
		k := &c.keys[i]
		k.rank = rankOf(k.kind, strings.Count(k.text, " ")+1, c.place[k.term])<<32 | uint64(i)
	}
	c.prefixes = make([]prefixBits, len(c.terms))
	for i, ws := range c.words {
		for _, w := range ws {
			c.prefixes[i].add(w)
		}
	}
	// A term's words begin with those of its display term, which its
	// key of kind keyTerm joins.
	c.own = make([]uint8, len(c.terms))
	for _, k := range c.keys {
		if ws := c.words[k.term]; k.kind == keyTerm {
			if n := strings.Count(k.text, " ") + 1; n <= min(len(ws), math.MaxUint8) && strings.Join(ws[:n], " ") == k.text {
				c.own[k.term] = uint8(n)
			}
		}
	}
	c.wordTerms = map[string][]int32{}
	ownTerms := map[string][]int32{}
	for _, i := range order {
		for j, w := range c.words[i] {
			if ts := c.wordTerms[w]; len(ts) == 0 || ts[len(ts)-1] != i {
				c.wordTerms[w] = append(ts, i)
			}
			if ts := ownTerms[w]; j < int(c.own[i]) && (len(ts) == 0 || ts[len(ts)-1] != i) {
				ownTerms[w] = append(ts, i)
			}
		}
	}
	c.byFirst = map[rune][]nameWord{}
	c.allWords = make([]string, 0, len(c.wordTerms))
	for w, ts := range c.wordTerms {
		first := []rune(w)[0]
		c.byFirst[first] = append(c.byFirst[first], nameWord{text: w, mask: letterMask([]rune(w)), terms: ts, own: ownTerms[w]})
		c.allWords = append(c.allWords, w)
	}
	slices.Sort(c.allWords)
	n := len(c.keys)
	c.tree = make([]int32, 2*n)
	for i := range n {
		c.tree[n+i] = int32(i)
	}
	for i := n - 1; i > 0; i-- {
		c.tree[i] = c.better(c.tree[2*i], c.tree[2*i+1])
	}
}

// termOrder ranks terms once, for completions: curated entries before
// imported ones, then shorter display terms, then by name. A term's place
// in this order is part of its keys' rank, so comparing two keys is
// comparing two integers.
func termOrder(terms []*corpus.Term) []int32 {
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	imported := func(t *corpus.Term) bool { return t.Source != corpus.SourceCurated }
	slices.SortFunc(order, func(a, b int32) int {
		ta, tb := terms[a], terms[b]
		return cmp.Or(cmpBool(imported(ta), imported(tb)), cmp.Compare(len(ta.Term), len(tb.Term)), strings.Compare(ta.Term, tb.Term), cmp.Compare(a, b))
	})
	return order
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// analyseNames splits every term's names, aliases and forms into words,
// in that order, on all cores: the analysis was a third of the time a
// generation took to open. Analysis cannot fail, so a WaitGroup is all
// it needs, not an errgroup.
func analyseNames(terms []*corpus.Term, words func(string) []string) [][][]string {
	out := make([][][]string, len(terms))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(terms); i += workers {
				t := terms[i]
				ws := make([][]string, 0, 1+len(t.Aliases)+len(t.Forms))
				ws = append(ws, words(t.Term))
				for _, n := range t.Aliases {
					ws = append(ws, words(n))
				}
				for _, n := range t.Forms {
					ws = append(ws, words(n))
				}
				out[i] = ws
			}
		})
	}
	wg.Wait()
	return out
}

// rank orders keys by rank (rankOf): kind, words, the term's place.
func (c *completions) rank(a, b completionKey) int { return cmp.Compare(a.rank, b.rank) }

// completion is one completed term and the name that matched: 0 the
// display term, i its alias i-1, or byWords when the tier matched the
// term's words and not one key (words in any order, typos), so that the
// name is found from the words (Index.matchedName).
type completion struct {
	term int32
	name int32
}

const byWords = -1

// collector gathers the completions of one request, best first: up to
// size terms (at most MaxSuggest) that keep accepts, each once, the best
// match of each first. It is a value, without a map: a request's
// completions fit in a small array, and finding one among ten is a scan.
type collector struct {
	terms []*corpus.Term
	size  int
	keep  func(*corpus.Term) bool
	buf   [MaxSuggest]completion
	n     int
}

func newCollector(terms []*corpus.Term, size int, keep func(*corpus.Term) bool) collector {
	return collector{terms: terms, size: min(size, MaxSuggest), keep: keep}
}

// out lists the completions taken, best first.
func (r *collector) out() []completion { return r.buf[:r.n] }

// full reports whether the collector has size completions.
func (r *collector) full() bool { return r.n == r.size }

// has reports whether term i was taken.
func (r *collector) has(i int32) bool {
	for _, m := range r.buf[:r.n] {
		if m.term == i {
			return true
		}
	}
	return false
}

// add takes term i, matched by name, unless it is full or has the term
// or keep rejects it.
func (r *collector) add(i, name int32) {
	if r.n < r.size && !r.has(i) && r.keep(r.terms[i]) {
		r.buf[r.n] = completion{term: i, name: name}
		r.n++
	}
}

// addKey takes the term of key k, matched by its name.
func (r *collector) addKey(k completionKey) { r.add(k.term, int32(k.name)) }

// span returns the bounds of the keys starting with p: keys[lo:hi].
func (c *completions) span(p string) (lo, hi int) {
	return prefixSpan(c.keys, p, func(k completionKey) string { return k.text })
}

// prefixSpan returns the bounds of the items of s, sorted by text, whose
// text starts with p.
func prefixSpan[T any](s []T, p string, text func(T) string) (lo, hi int) {
	lo, _ = slices.BinarySearchFunc(s, p, func(x T, p string) int { return strings.Compare(text(x), p) })
	hi = lo + sort.Search(len(s)-lo, func(j int) bool { return !strings.HasPrefix(text(s[lo+j]), p) })
	return lo, hi
}

// complete gives r the terms completing words, best first, in tiers:
// names equal to the text (exact), then keys starting with it
// (startingWith), then, for several words, names with a word starting
// with each, in any order (anyOrder). The typo tier (fuzzy) comes after
// them, when there is room.
func (c *completions) complete(words []string, r *collector) {
	phrase := strings.Join(words, " ")
	lo, hi := c.span(phrase)
	c.exact(phrase, lo, r)
	if c.startingWith(phrase, lo, hi, r) || r.full() || len(words) < 2 {
		return
	}
	c.anyOrder(words, r)
}

// exact gives r the terms with a name equal to phrase, whose keys start at
// keys[lo], best ranked first: display terms before aliases.
func (c *completions) exact(phrase string, lo int, r *collector) {
	var exact []completionKey
	for i := lo; i < len(c.keys) && c.keys[i].text == phrase; i++ {
		if !isWordKind(c.keys[i].kind) {
			exact = append(exact, c.keys[i])
		}
	}
	slices.SortFunc(exact, c.rank)
	for _, k := range exact {
		r.addKey(k)
	}
}

// startingWith gives r the terms with a key in keys[lo:hi], the keys
// starting with phrase, best key first. A prefix of one or two characters
// is answered from its candidates; it reports whether they answered
// for all its keys, so that no other tier can add a term.
func (c *completions) startingWith(phrase string, lo, hi int, r *collector) bool {
	if cands, ok := c.short[phrase]; ok {
		for _, k := range cands {
			r.addKey(c.keys[k])
		}
		if r.full() || len(cands) < shortCandidates {
			return true
		}
	}
	taken := 0
	for k := range c.inRankOrder(lo, hi) {
		if r.full() {
			break
		}
		r.addKey(k)
		// A filter that rejects most terms (a role) would take the
		// whole span key by key: past a budget, it is sorted instead.
		if taken++; taken == rankedBudget {
			for _, k := range slices.SortedFunc(slices.Values(c.keys[lo:hi]), c.rank) {
				r.addKey(k)
			}
			break
		}
	}
	return false
}

// anyOrder gives r the terms whose names or forms have, for every query
// word, a word starting with it, in any order, by place (curated first,
// then shorter). The candidates are the terms of the name words starting
// with the query word that has the fewest, merged in place order: the
// merge stops at the last completion asked for, where scanning the keys
// of a broad word cost milliseconds.
func (c *completions) anyOrder(words []string, r *collector) {
	q := newQueryWords(words)
	lists := c.rarest(words)
	// Few candidates are checked, then sorted: cheaper than the merge's
	// heap, with the same order.
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n <= anyOrderScan {
		var found []int32
		for _, l := range lists {
			for _, i := range l {
				if !r.has(i) && c.hasAllWords(i, q) {
					found = append(found, i)
				}
			}
		}
		slices.SortFunc(found, func(a, b int32) int { return cmp.Compare(c.place[a], c.place[b]) })
		for _, i := range slices.Compact(found) {
			r.add(i, byWords)
		}
		return
	}
	for i := range c.byPlace(lists) {
		if r.full() {
			break
		}
		if !r.has(i) && c.hasAllWords(i, q) {
			r.add(i, byWords)
		}
	}
}

// rarest returns the term lists of the name words starting with the query
// word whose words have the fewest terms in all, or nil when a query word
// starts no name word.
func (c *completions) rarest(words []string) [][]int32 {
	var rarest []string
	fewest := -1
	// Longest words first: their ranges are usually the narrowest, so the
	// count of a broad one stops early (each word in a range has at least
	// one term, so a range longer than the fewest so far is not counted).
	byLength := slices.Clone(words)
	slices.SortStableFunc(byLength, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, w := range byLength {
		ws, n := c.wordsFrom(w), 0
		if fewest >= 0 && len(ws) >= fewest {
			continue
		}
		for _, x := range ws {
			if n += len(c.wordTerms[x]); fewest >= 0 && n >= fewest {
				break
			}
		}
		if fewest < 0 || n < fewest {
			rarest, fewest = ws, n
		}
		if n == 0 {
			return nil
		}
	}
	lists := make([][]int32, len(rarest))
	for j, x := range rarest {
		lists[j] = c.wordTerms[x]
	}
	return lists
}

// rankedBudget is how many keys of a prefix's span are taken in rank order
// before the rest are sorted at once.
const rankedBudget = 128

// wordsFrom returns the distinct name words starting with p, as a slice of
// the sorted word list.
func (c *completions) wordsFrom(p string) []string {
	lo, hi := prefixSpan(c.allWords, p, func(w string) string { return w })
	return c.allWords[lo:hi]
}

// queryWords is query words and the prefix bits a term needs to have a
// word starting with each, computed once per query.
type queryWords struct {
	words []string
	need  prefixBits
}

func newQueryWords(words []string) queryWords {
	q := queryWords{words: words}
	for _, w := range words {
		q.need.add(w)
	}
	return q
}

// hasAllWords reports whether every query word is a prefix of a word of
// term i's names.
func (c *completions) hasAllWords(i int32, q queryWords) bool {
	if !c.prefixes[i].has(q.need) {
		return false
	}
	for _, w := range q.words {
		if !slices.ContainsFunc(c.words[i], func(nw string) bool { return strings.HasPrefix(nw, w) }) {
			return false
		}
	}
	return true
}

// fuzzy gives r the terms whose names have a word starting, within
// maxEdits typos, with the last query word, and words starting with each
// other query word. Closer matches come first; at the same distance, a
// word of the display term before one of an alias or form only, as in the
// other tiers ("kubernets" is Kubernetes before manifest, whose alias is
// Kubernetes manifest); then by place (curated first, then shorter).
func (c *completions) fuzzy(words []string, maxEdits int, r *collector) {
	last := []rune(words[len(words)-1])
	mask := letterMask(last)
	others := newQueryWords(words[:len(words)-1])
	// The terms of the words at each distance, those of display terms
	// first, merged in place order: a word common to thousands of names
	// costs no more than a rare one.
	tiers := make([][][]int32, 2*(maxEdits+1))
	for _, w := range c.byFirst[last[0]] {
		if tooFar(mask, w, maxEdits) {
			continue
		}
		if d := prefixDistance(last, w.text, maxEdits); d <= maxEdits {
			tiers[2*d], tiers[2*d+1] = append(tiers[2*d], w.own), append(tiers[2*d+1], w.terms)
		}
	}
	for _, lists := range tiers {
		for i := range c.byPlace(lists) {
			if r.full() {
				return
			}
			if !r.has(i) && c.hasAllWords(i, others) {
				r.add(i, byWords)
			}
		}
	}
}

// prefixDistance is the smallest Levenshtein distance between typed and a
// prefix of word, or maxEdits+1 as soon as it must exceed maxEdits.
func prefixDistance(typed []rune, word string, maxEdits int) int {
	return boundedDistance(typed, word, maxEdits, true)
}

// wordDistance is the Levenshtein distance between typed and word, or
// maxEdits+1 as soon as it must exceed maxEdits.
func wordDistance(typed []rune, word string, maxEdits int) int {
	return boundedDistance(typed, word, maxEdits, false)
}

// boundedDistance computes the edit distance between typed and word (or
// the best prefix of word), row by row, stopping once every cell of a row
// is over maxEdits. The distance is the optimal string alignment one: a
// swap of two neighbouring letters ("circiut") is one typo, as in the
// instant-search engines learners know, not two. Only the band of cells
// within maxEdits of the diagonal is computed (the others cannot be
// within maxEdits), and for a prefix only the first len(typed)+maxEdits
// runes of word are read: the typo tier compares a word with every name
// word sharing its first letter, so this is autocomplete's slowest loop.
// Words longer than 63 runes are cut: no name word comes near that, and
// query words that long get no typo tolerance.
func boundedDistance(typed []rune, word string, maxEdits int, prefix bool) int {
	limit := 63
	if prefix {
		limit = min(limit, len(typed)+maxEdits)
	}
	var wb [64]rune
	w := wb[:0]
	for _, r := range word {
		if len(w) == limit {
			break
		}
		w = append(w, r)
	}
	over := maxEdits + 1
	if len(w)+maxEdits < len(typed) || (!prefix && len(w) > len(typed)+maxEdits) {
		return over
	}
	// prev[j] is the distance between the typed runes so far and w[:j],
	// or over when it is more than maxEdits; back is the row before it,
	// for swaps.
	var buf [3][65]int
	back, prev, cur := buf[0][:len(w)+1], buf[1][:len(w)+1], buf[2][:len(w)+1]
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= len(typed); i++ {
		lo, hi := max(1, i-maxEdits), min(len(w), i+maxEdits)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		rowMin := over
		if lo == 1 {
			rowMin = cur[0]
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if typed[i-1] == w[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost, over)
			if i > 1 && j > 1 && typed[i-1] == w[j-2] && typed[i-2] == w[j-1] {
				v = min(v, back[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(w) {
			cur[hi+1] = over
		}
		if rowMin > maxEdits {
			return over
		}
		back, prev, cur = prev, cur, back
	}
	n := len(typed)
	if prefix {
		return slices.Min(prev[max(0, n-maxEdits) : min(len(w), n+maxEdits)+1])
	}
	return prev[len(w)]
}

// similarWords returns the distinct name words within maxEdits of word
// (whole words, sharing its first letter), closest first, at most limit.
// Search uses them instead of a bleve fuzzy query, which built a
// Levenshtein automaton and walked the term dictionary on every request.
func (c *completions) similarWords(word string, maxEdits, limit int) []string {
	typed := []rune(word)
	type cand struct {
		w string
		d int
	}
	var cands []cand
	mask := letterMask(typed)
	for _, nw := range c.byFirst[typed[0]] {
		w := nw.text
		if n := utf8.RuneCountInString(w); n < len(typed)-maxEdits || n > len(typed)+maxEdits || tooFar(mask, nw, maxEdits) {
			continue
		}
		if d := wordDistance(typed, w, maxEdits); d <= maxEdits {
			cands = append(cands, cand{w, d})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.w, b.w)) })
	out := make([]string, 0, min(limit, len(cands)))
	for _, k := range cands[:min(limit, len(cands))] {
		out = append(out, k.w)
	}
	return out
}

// wordsWithPrefix returns up to limit distinct name words starting with p,
// shortest first: the completions of the word a searcher is typing.
func (c *completions) wordsWithPrefix(p string, limit int) []string {
	out := slices.Clone(c.wordsFrom(p))
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	return out[:min(limit, len(out))]
}
