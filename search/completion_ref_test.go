package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
)

// refComplete and refFuzzy are the plain definitions of autocomplete's
// tiers: every matching key or term collected, then sorted. The real ones
// take their best candidates without collecting and sorting them all; they
// must give the same answers.
func (c *completions) refComplete(words []string, size int, keep func(*corpus.Term) bool, seen map[int32]bool, out []*corpus.Term) []*corpus.Term {
	add := func(i int32) {
		if len(out) < size && !seen[i] && keep(c.terms[i]) {
			seen[i] = true
			out = append(out, c.terms[i])
		}
	}
	byText := func(k completionKey, p string) int { return strings.Compare(k.text, p) }
	phrase := strings.Join(words, " ")
	lo, _ := slices.BinarySearchFunc(c.keys, phrase, byText)
	var found []completionKey
	for i := lo; i < len(c.keys) && c.keys[i].text == phrase; i++ {
		if c.keys[i].kind != keyWord {
			found = append(found, c.keys[i])
		}
	}
	slices.SortFunc(found, c.rank)
	for _, k := range found {
		add(k.term)
	}
	if cands, ok := c.short[phrase]; ok {
		for _, i := range cands {
			add(i)
		}
		if len(out) == size || len(cands) < shortCandidates {
			return out
		}
	}
	found = found[:0]
	for i := lo; i < len(c.keys) && strings.HasPrefix(c.keys[i].text, phrase); i++ {
		found = append(found, c.keys[i])
	}
	slices.SortFunc(found, c.rank)
	for _, k := range found {
		add(k.term)
	}
	if len(out) == size || len(words) < 2 {
		return out
	}
	longest := slices.MaxFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	lo, _ = slices.BinarySearchFunc(c.keys, longest, byText)
	hi := lo
	for hi < len(c.keys) && strings.HasPrefix(c.keys[hi].text, longest) {
		hi++
	}
	if hi-lo <= anyOrderScan {
		found = found[:0]
		for _, k := range c.keys[lo:hi] {
			if !seen[k.term] && c.refHasAll(k.term, words) {
				found = append(found, k)
			}
		}
		slices.SortFunc(found, c.rank)
		for _, k := range found {
			add(k.term)
		}
		return out
	}
	var cands []int32
	for i := range c.terms {
		if !seen[int32(i)] && c.refHasAll(int32(i), words) {
			cands = append(cands, int32(i))
		}
	}
	slices.SortFunc(cands, func(a, b int32) int { return cmp.Compare(c.place[a], c.place[b]) })
	for _, i := range cands {
		add(i)
	}
	return out
}

func (c *completions) refFuzzy(words []string, maxEdits, size int, keep func(*corpus.Term) bool, seen map[int32]bool, out []*corpus.Term) []*corpus.Term {
	last := []rune(words[len(words)-1])
	best := map[int32]int{}
	for _, w := range c.byFirst[last[0]] {
		d := prefixDistance(last, w.text, maxEdits)
		if d > maxEdits {
			continue
		}
		for _, i := range c.wordTerms[w.text] {
			if prev, ok := best[i]; (!ok || d < prev) && !seen[i] && c.refHasAll(i, words[:len(words)-1]) && keep(c.terms[i]) {
				best[i] = d
			}
		}
	}
	cands := slices.Collect(func(yield func(int32) bool) {
		for i := range best {
			if !yield(i) {
				return
			}
		}
	})
	slices.SortFunc(cands, func(a, b int32) int {
		return cmp.Or(cmp.Compare(best[a], best[b]), cmp.Compare(c.place[a], c.place[b]))
	})
	for _, i := range cands[:min(len(cands), size-len(out))] {
		seen[i] = true
		out = append(out, c.terms[i])
	}
	return out
}

func (c *completions) refHasAll(i int32, words []string) bool {
	for _, w := range words {
		if !slices.ContainsFunc(c.words[i], func(nw string) bool { return strings.HasPrefix(nw, w) }) {
			return false
		}
	}
	return true
}

// TestCompletionsMatchReference asks both for thousands of prefixes,
// typos and word pairs of a synthetic corpus, mixed with imported-like
// entries, with and without a role filter.
func TestCompletionsMatchReference(t *testing.T) {
	base, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	c := corpus.Synthetic(base, 6000)
	for i, term := range c.Terms {
		if i%5 == 0 && term.Source == corpus.SourceCurated && len(term.Roles) == 0 {
			cp := *term
			cp.Source = "foldoc"
			c.Terms[i] = &cp
		}
	}
	a := nameAnalyzer(t)
	words := func(s string) []string {
		if ws, ok := plainWords(s); ok {
			return ws
		}
		return analysed(a, s)
	}
	comp := newCompletions(c.Terms, words)
	rng := rand.New(rand.NewPCG(3, 4))
	var queries []string
	for range 2000 {
		term := c.Terms[rng.IntN(len(c.Terms))]
		ws := words(term.Term)
		if len(ws) == 0 {
			continue
		}
		w := ws[rng.IntN(len(ws))]
		r := []rune(w)
		n := 1 + rng.IntN(len(r))
		queries = append(queries, string(r[:n]), typo(w))
		if len(ws) > 1 {
			v := []rune(ws[(slices.Index(ws, w)+1)%len(ws)])
			queries = append(queries, string(v[:1+rng.IntN(len(v))])+" "+string(r[:n]), strings.Join(ws, " "))
		}
	}
	checked := 0
	for i, q := range queries {
		role := ""
		if i%4 == 0 {
			role = base.Roles[i%len(base.Roles)].Slug
		}
		keep := func(t *corpus.Term) bool { return role == "" || slices.Contains(t.Roles, role) }
		qw := words(q)
		if len(qw) == 0 {
			continue
		}
		for _, size := range []int{1, 10} {
			got := comp.complete(qw, size, keep, map[int32]bool{}, nil)
			want := comp.refComplete(qw, size, keep, map[int32]bool{}, nil)
			if edits := Fuzziness(qw[len(qw)-1]); edits > 0 && len(want) < size {
				seen, refSeen := map[int32]bool{}, map[int32]bool{}
				got = comp.fuzzy(qw, edits, size, keep, seen, comp.complete(qw, size, keep, seen, nil))
				want = comp.refFuzzy(qw, edits, size, keep, refSeen, comp.refComplete(qw, size, keep, refSeen, nil))
			}
			if g, w := ids(got), ids(want); !slices.Equal(g, w) {
				t.Fatalf("%q (role %q, size %d): got %v; want %v", q, role, size, g, w)
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Errorf("only %d queries checked", checked)
	}
}

func ids(ts []*corpus.Term) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

// typo replaces the middle letter of w, if it has five or more.
func typo(w string) string {
	r := []rune(w)
	if len(r) < 5 {
		return w
	}
	r[len(r)/2] = 'x' + (r[len(r)/2]+1)%2
	return string(r)
}
