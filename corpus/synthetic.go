package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Synthetic returns base grown to n terms with generated entries, for
// benchmarks and load tests at the scale of the large public glossaries
// when they are not at hand. Generated names, aliases, definitions and
// examples are drawn from base's own words and its categories and roles,
// so dictionaries, posting lists and facets have realistic shapes. The
// same base and n give the same corpus on every machine.
func Synthetic(base *Corpus, n int) *Corpus {
	rng := rand.New(rand.NewPCG(42, 2026))
	var nameWords, defWords []string
	for _, t := range base.Terms {
		nameWords = append(nameWords, strings.Fields(strings.ToLower(t.Term))...)
		defWords = append(defWords, strings.Fields(t.Definition)...)
	}
	pick := func(ws []string, k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = ws[rng.IntN(len(ws))]
		}
		return strings.Join(out, " ")
	}
	c := &Corpus{Categories: base.Categories, Roles: base.Roles, Terms: append([]*Term(nil), base.Terms...),
		terms: make(map[string]*Term, n), roles: base.roles, categories: base.categories}
	seen := map[string]bool{}
	for _, t := range base.Terms {
		c.terms[t.ID] = t
		seen[Normalize(t.Term)] = true
	}
	// A small base has few distinct names to combine: give up after many
	// repeats rather than loop for ever (the corpus is then smaller).
	for i := 0; len(c.Terms) < n && i < 100*n; i++ {
		name := pick(nameWords, 1+rng.IntN(3))
		if seen[name] {
			continue
		}
		seen[name] = true
		t := &Term{
			ID:           fmt.Sprintf("synthetic-%05d", i),
			Term:         name,
			Aliases:      []string{pick(nameWords, 2)},
			Forms:        []string{name + "s"},
			PartOfSpeech: PartsOfSpeech[rng.IntN(3)],
			Level:        Levels[rng.IntN(len(Levels))],
			Definition:   pick(defWords, 12+rng.IntN(20)),
			Examples:     []string{pick(defWords, 15), pick(defWords, 15)},
			Categories:   []string{base.Categories[rng.IntN(len(base.Categories))].Slug},
			Roles:        []string{base.Roles[rng.IntN(len(base.Roles))].Slug},
			Mentions:     []string{},
			Source:       SourceCurated,
		}
		for k := 0; k < 3; k++ {
			t.Related = append(t.Related, Link{ID: base.Terms[rng.IntN(len(base.Terms))].ID, Type: "see-also"})
		}
		c.Terms = append(c.Terms, t)
		c.terms[t.ID] = t
	}
	return c
}
