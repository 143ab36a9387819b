package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// Benchmarks report, besides ns/op, the median and 99th percentile of the
// operations they ran (p50-µs, p99-µs). Run them with
//
//	go test -run '^$' -bench . -benchmem ./search
//
// docs/performance.md has the method and the results.

// timed runs op b.N times, timing each call, and reports percentiles.
func timed(b *testing.B, op func(i int)) {
	b.Helper()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		op(i)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Nanoseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// sample picks n terms deterministically.
func sample(c *corpus.Corpus, n int) []*corpus.Term {
	rng := rand.New(rand.NewPCG(7, 7))
	out := make([]*corpus.Term, n)
	for i := range out {
		out[i] = c.Terms[rng.IntN(len(c.Terms))]
	}
	return out
}

// typo replaces one letter in the middle of the longest word of s, so the
// word stays within the typo budget (one edit from five letters).
func typo(s string) string {
	words := strings.Fields(strings.ToLower(s))
	longest := 0
	for i, w := range words {
		if len(w) > len(words[longest]) {
			longest = i
		}
	}
	w := []byte(words[longest])
	if len(w) >= 5 {
		i := len(w) / 2
		if w[i] == 'x' {
			w[i] = 'z'
		} else {
			w[i] = 'x'
		}
	}
	words[longest] = string(w)
	return strings.Join(words, " ")
}

// description makes a learner's description of t from its definition: 5
// to 10 of its words, spread over it, with a few common words ("the",
// "that", "when") between them, as "what's the word for ..." queries have.
func description(t *corpus.Term) string {
	ws := strings.FieldsFunc(strings.ToLower(t.Definition), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	n := 5 + len(t.ID)%6
	common := []string{"the", "that", "when", "a", "of", "you"}
	var out []string
	for i := 0; i < n; i++ {
		if i%3 == 1 {
			out = append(out, common[(i+len(t.ID))%len(common)])
			continue
		}
		out = append(out, ws[(i*len(ws)/n+len(t.Term))%len(ws)])
	}
	return strings.Join(out, " ")
}

func prefix(s string, n int) string {
	r := []rune(strings.ToLower(s))
	return string(r[:min(n, len(r))])
}

var scales = benchScales()

// withRoles keeps the terms that belong to a role, whose facet values
// make a request with all four filters.
func withRoles(terms []*corpus.Term) []*corpus.Term {
	var out []*corpus.Term
	for _, t := range terms {
		if len(t.Roles) > 0 && len(t.Categories) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func BenchmarkSearch(b *testing.B) {
	for _, sc := range scales {
		ix, c := scale(b, sc)
		terms := sample(c, 500)
		faceted := withRoles(c.Terms)
		cases := []struct {
			name string
			req  func(t *corpus.Term) search.Request
		}{
			{"plain", func(t *corpus.Term) search.Request { return search.Request{Query: t.Term} }},
			{"typo", func(t *corpus.Term) search.Request { return search.Request{Query: typo(t.Term)} }},
			{"faceted", func(t *corpus.Term) search.Request {
				if len(t.Roles) == 0 || len(t.Categories) == 0 {
					t = faceted[len(t.ID)*7919%len(faceted)]
				}
				return search.Request{Query: typo(t.Term), Filters: map[string][]string{
					search.FacetLevel: {"B1", "B2", "C1"}, search.FacetPOS: {"noun"}, search.FacetRole: {t.Roles[0]}, search.FacetCategory: {t.Categories[0]},
				}}
			}},
			{"multiword", func(t *corpus.Term) search.Request {
				return search.Request{Query: t.Term + " " + strings.Fields(t.Definition)[0]}
			}},
			{"definition-word", func(t *corpus.Term) search.Request {
				ws := strings.Fields(t.Definition)
				return search.Request{Query: ws[min(2, len(ws)-1)]}
			}},
			{"description", func(t *corpus.Term) search.Request { return search.Request{Query: description(t)} }},
		}
		for _, tc := range cases {
			reqs := make([]search.Request, len(terms))
			for i, t := range terms {
				reqs[i] = tc.req(t)
			}
			b.Run(fmt.Sprintf("%s/%s", sc, tc.name), func(b *testing.B) {
				timed(b, func(i int) {
					if _, err := ix.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	for _, sc := range scales {
		ix, c := scale(b, sc)
		terms := sample(c, 500)
		cases := []struct {
			name string
			q    func(t *corpus.Term) string
		}{
			{"1-letter", func(t *corpus.Term) string { return prefix(t.Term, 1) }},
			{"2-letters", func(t *corpus.Term) string { return prefix(t.Term, 2) }},
			{"long-prefix", func(t *corpus.Term) string { return prefix(t.Term, 7) }},
			{"typo", func(t *corpus.Term) string { return prefix(typo(t.Term), 9) }},
			{"multiword", func(t *corpus.Term) string {
				ws := strings.Fields(t.Term + " " + t.Definition)
				return prefix(ws[0], 4) + " " + prefix(ws[1], 2)
			}},
		}
		for _, tc := range cases {
			qs := make([]string, len(terms))
			for i, t := range terms {
				qs[i] = tc.q(t)
			}
			b.Run(fmt.Sprintf("%s/%s", sc, tc.name), func(b *testing.B) {
				timed(b, func(i int) {
					if _, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: qs[i%len(qs)]}); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

func BenchmarkRelated(b *testing.B) {
	for _, sc := range scales {
		ix, c := scale(b, sc)
		terms := sample(c, 500)
		b.Run(sc, func(b *testing.B) {
			timed(b, func(i int) {
				if _, err := ix.Related(terms[i%len(terms)].ID, 10); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
