package search

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// refComplete and refFuzzy are the plain definitions of autocomplete's
// tiers: every key or term scanned, the matching ones collected, then
// sorted. They share none of the real ones' shortcuts (the short
// prefixes' candidates, the segment tree, the rarest word's terms, the
// first-letter lists and letter masks of the typo tier); the real ones
// must give the same answers, matched names included.
func (c *completions) refComplete(words []string, r *collector) {
	phrase := strings.Join(words, " ")
	// Names equal to the text, then keys starting with it, each best
	// ranked first.
	var exact, prefixed []completionKey
	for _, k := range c.keys {
		if strings.HasPrefix(k.text, phrase) {
			prefixed = append(prefixed, k)
			if k.text == phrase && !isWordKind(k.kind) {
				exact = append(exact, k)
			}
		}
	}
	for _, found := range [][]completionKey{exact, prefixed} {
		slices.SortFunc(found, c.rank)
		for _, k := range found {
			r.addKey(k)
		}
	}
	if len(words) < 2 {
		return
	}
	// Terms with every word a prefix of one of their words, by place.
	var cands []int32
	for i := range c.terms {
		if c.refHasAll(int32(i), words) {
			cands = append(cands, int32(i))
		}
	}
	slices.SortFunc(cands, func(a, b int32) int { return cmp.Compare(c.place[a], c.place[b]) })
	for _, i := range cands {
		r.add(i, byWords)
	}
}

func (c *completions) refFuzzy(words []string, maxEdits int, r *collector) {
	last := []rune(words[len(words)-1])
	// Each term's closest word sharing the last word's first letter (the
	// distance of each distinct word computed once), at the same
	// distance one of its display term first (twice the distance, plus
	// one for a word of an alias or a form only).
	own := map[int32][]string{}
	for _, k := range c.keys {
		if k.kind == keyTerm {
			own[k.term] = strings.Split(k.text, " ")
		}
	}
	dist := map[string]int{}
	best := map[int32]int{}
	for i, ws := range c.words {
		if !c.refHasAll(int32(i), words[:len(words)-1]) {
			continue
		}
		for _, w := range ws {
			if first, _ := utf8.DecodeRuneInString(w); first != last[0] {
				continue
			}
			d, ok := dist[w]
			if !ok {
				d = naiveDistance(last, []rune(w), true)
				dist[w] = d
			}
			if d > maxEdits {
				continue
			}
			if d *= 2; !slices.Contains(own[int32(i)], w) {
				d++
			}
			if prev, ok := best[int32(i)]; !ok || d < prev {
				best[int32(i)] = d
			}
		}
	}
	cands := slices.Collect(maps.Keys(best))
	slices.SortFunc(cands, func(a, b int32) int {
		return cmp.Or(cmp.Compare(best[a], best[b]), cmp.Compare(c.place[a], c.place[b]))
	})
	for _, i := range cands {
		r.add(i, byWords)
	}
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
	t.Parallel()
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
		// The reference's answer for 10 begins with its answer for 1.
		edits := Fuzziness(qw[len(qw)-1])
		ref := newCollector(comp.terms, 10, keep)
		comp.refComplete(qw, &ref)
		if edits > 0 {
			comp.refFuzzy(qw, edits, &ref)
		}
		for _, size := range []int{1, 10} {
			got := newCollector(comp.terms, size, keep)
			comp.complete(qw, &got)
			if edits > 0 && !got.full() {
				comp.fuzzy(qw, edits, &got)
			}
			if want := ref.out()[:min(size, len(ref.out()))]; !slices.Equal(got.out(), want) {
				t.Fatalf("%q (role %q, size %d): got %v; want %v", q, role, size, named(comp, got.out()), named(comp, want))
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Errorf("only %d queries checked", checked)
	}
}

// named lists completions as term ids, with the alias that matched.
func named(c *completions, cs []completion) []string {
	out := make([]string, len(cs))
	for i, m := range cs {
		out[i] = c.terms[m.term].ID
		if m.name != 0 {
			out[i] += fmt.Sprintf("(%d)", m.name)
		}
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
