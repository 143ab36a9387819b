package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/search"
)

// searchCase is one entry of testdata/searches.json: a query, and what the
// results must show. Only the fields given are checked.
type searchCase struct {
	Name       string                    `json:"name"`
	Query      string                    `json:"query"`
	Filters    map[string][]string       `json:"filters"`
	Top        []string                  `json:"top"`   // the first hits, in order
	Total      *int                      `json:"total"` // the number of hits
	Facets     map[string]map[string]int `json:"facets"`
	DidYouMean *string                   `json:"did_you_mean"`
	Corrected  *string                   `json:"corrected"` // the corrected query, "" for none
	Partial    *bool                     `json:"partial"`   // no hit matches every word
}

func loadCases[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []T
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases
}

func TestSearchRelevance(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	for _, tc := range loadCases[searchCase](t, "testdata/searches.json") {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), search.Request{Query: tc.Query, Filters: tc.Filters, Size: 20})
			if err != nil {
				t.Fatalf("Search(%q) error: %v", tc.Query, err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			if len(tc.Top) > 0 {
				got := ids[:min(len(ids), len(tc.Top))]
				if diff := cmp.Diff(tc.Top, got); diff != "" {
					t.Errorf("Search(%q) top hits (-want +got):\n%s\nall hits: %v", tc.Query, diff, ids)
				}
			}
			if tc.Total != nil && res.Total != uint64(*tc.Total) {
				t.Errorf("Search(%q) total = %d; want %d (hits %v)", tc.Query, res.Total, *tc.Total, ids)
			}
			if tc.Corrected != nil && res.CorrectedQuery != *tc.Corrected {
				t.Errorf("Search(%q) corrected_query = %q; want %q", tc.Query, res.CorrectedQuery, *tc.Corrected)
			}
			if tc.Partial != nil && res.Partial != *tc.Partial {
				t.Errorf("Search(%q) partial = %v; want %v (hits %v)", tc.Query, res.Partial, *tc.Partial, ids)
			}
			if tc.DidYouMean != nil && res.DidYouMean != *tc.DidYouMean {
				t.Errorf("Search(%q) did_you_mean = %q; want %q", tc.Query, res.DidYouMean, *tc.DidYouMean)
			}
			for facet, want := range tc.Facets {
				got := map[string]int{}
				for _, v := range res.Facets[facet] {
					got[v.Value] = v.Count
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Search(%q) facet %s counts (-want +got):\n%s", tc.Query, facet, diff)
				}
			}
		})
	}
}

func TestSearchHighlightsAndLabels(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	res, err := ix.Search(context.Background(), search.Request{Query: "release"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("Search(release) found nothing")
	}
	h := res.Hits[0]
	frags := h.Highlights["definition"]
	if len(frags) == 0 || !strings.Contains(frags[0], "<mark>release</mark>") {
		t.Errorf("Search(release) definition highlights = %q; want <mark>release</mark>", frags)
	}
	for _, v := range res.Facets[search.FacetRole] {
		if v.Value == "backend-developer" && v.Label != "Backend Developer" {
			t.Errorf("role facet label = %q; want Backend Developer", v.Label)
		}
	}
	if res.Generation == "" {
		t.Error("result names no generation")
	}
}

func TestSearchSelectedFacetValueStaysListed(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	res, err := ix.Search(context.Background(), search.Request{Query: "deadlock", Filters: map[string][]string{"level": {"C2"}}})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, v := range res.Facets[search.FacetLevel] {
		if v.Value == "C2" {
			found = v.Selected && v.Count == 0
		}
	}
	if !found {
		t.Errorf("level facet %+v; want C2 listed as selected with count 0", res.Facets[search.FacetLevel])
	}
}

func TestSearchPagination(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	all, err := ix.Search(context.Background(), search.Request{Size: 20})
	if err != nil {
		t.Fatal(err)
	}
	page, err := ix.Search(context.Background(), search.Request{Size: 5, From: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != 5 || page.Total != all.Total {
		t.Fatalf("page has %d hits, total %d; want 5 of %d", len(page.Hits), page.Total, all.Total)
	}
	for i, h := range page.Hits {
		if h.ID != all.Hits[5+i].ID {
			t.Errorf("page hit %d = %s; want %s", i, h.ID, all.Hits[5+i].ID)
		}
	}
}

func TestSearchRejectsBadRequests(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	tests := []struct {
		name string
		req  search.Request
	}{
		{"size too big", search.Request{Size: search.MaxSize + 1}},
		{"negative size", search.Request{Size: -1}},
		{"negative from", search.Request{From: -1}},
		{"window too deep", search.Request{From: search.MaxWindow, Size: 1}},
		{"query too long", search.Request{Query: strings.Repeat("a", search.MaxQueryLength+1)}},
		{"unknown filter", search.Request{Filters: map[string][]string{"colour": {"red"}}}},
		{"too many filter values", search.Request{Filters: map[string][]string{"level": make([]string, search.MaxFilterVals+1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			if !errors.Is(err, search.ErrInvalid) {
				t.Errorf("Search(%+v) error = %v; want ErrInvalid", tt.req, err)
			}
			// The detail is the message without its prefix, for a
			// caller to show as it is.
			var inv *search.InvalidError
			if !errors.As(err, &inv) || inv.Detail == "" || err.Error() != "invalid request: "+inv.Detail {
				t.Errorf("Search(%+v) error = %v; want an *InvalidError whose Error is \"invalid request: \" and its Detail", tt.req, err)
			}
		})
	}
}

func TestFuzziness(t *testing.T) {
	t.Parallel()
	for word, want := range map[string]int{"api": 0, "cache": 1, "deadlock": 1, "idempotent": 2, "café": 0, "naïveté": 1,
		strings.Repeat("x", search.MaxFuzzyWordLength): 2, strings.Repeat("x", search.MaxFuzzyWordLength+1): 0} {
		if got := search.Fuzziness(word); got != want {
			t.Errorf("Fuzziness(%q) = %d; want %d", word, got, want)
		}
	}
}

// A query of function words only ("of", "the": words in over a quarter of
// the entries) is looked for in names, aliases and forms, not in every
// definition that uses it; a content word still matches definitions.
func TestFunctionWordsAloneMatchNames(t *testing.T) {
	t.Parallel()
	ix, c := scale(t, "curated")
	// The last word may be one being typed, so it also matches the name
	// words it starts ("in": inline).
	hasWord := func(id, word string, last bool) bool {
		tm := c.Term(id)
		if tm == nil {
			return false
		}
		for _, name := range append(append([]string{tm.Term}, tm.Aliases...), tm.Forms...) {
			for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				if w == word || last && strings.HasPrefix(w, word) {
					return true
				}
			}
		}
		return false
	}
	for _, tc := range []struct {
		query     string
		namesOnly bool
	}{
		{"of", true}, {"the", true}, {"in", true}, {"of the", true},
		{"cache", false},
	} {
		res, err := ix.Search(context.Background(), search.Request{Query: tc.query, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 && tc.query != "of the" {
			t.Errorf("%q: no hits", tc.query)
		}
		outside := 0
		for _, h := range res.Hits {
			named := false
			words := strings.Fields(tc.query)
			for i, w := range words {
				named = named || hasWord(h.ID, w, i == len(words)-1)
			}
			if !named {
				outside++
				if tc.namesOnly {
					t.Errorf("%q: hit %s has none of the words in its names", tc.query, h.ID)
				}
			}
		}
		if !tc.namesOnly && outside == 0 {
			t.Errorf("%q: every hit has it in a name; want definitions matched too", tc.query)
		}
	}
}
