package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/glossary/glossary/search"
)

// FuzzSearch runs searches with arbitrary text, filters and bounds: Search
// must never panic, and its only errors are ErrInvalid ones.
func FuzzSearch(f *testing.F) {
	f.Add("race condtion", "", "", "", 10, 0)
	f.Add("", "level", "B2,C1", "backend-developer", 50, 950)
	f.Add(`field:value +must -not "phrase" /re.*gex/ wild* fuzzy~2 boost^9`, "part_of_speech", "noun", "", 0, 0)
	f.Add("\xff\xfe idem\x00potent", "role", "\xff", "", -1, -5)
	f.Add(strings.Repeat("a ", 300), "category", strings.Repeat(",x", 30), "", 51, 1000)
	f.Add("ünïcödé 日本語 🙂 ǅ", "nope", "x", "", 5, 0)
	ix := testIndex(f)
	f.Fuzz(func(t *testing.T, q, facet, values, role string, size, from int) {
		filters := map[string][]string{}
		if facet != "" {
			filters[facet] = strings.Split(values, ",")
		}
		if role != "" {
			filters[search.FacetRole] = append(filters[search.FacetRole], role)
		}
		res, err := ix.Search(context.Background(), search.Request{Query: q, Filters: filters, Size: size, From: from})
		if err != nil {
			if !errors.Is(err, search.ErrInvalid) {
				t.Fatalf("Search(%q, %q, size %d, from %d) error = %v; want nil or ErrInvalid", q, filters, size, from, err)
			}
			return
		}
		if want := max(size, 0); size == 0 && len(res.Hits) > search.DefaultSize || size > 0 && len(res.Hits) > want {
			t.Errorf("Search(%q) returned %d hits for size %d", q, len(res.Hits), size)
		}
		if uint64(len(res.Hits)) > res.Total {
			t.Errorf("Search(%q): %d hits but total %d", q, len(res.Hits), res.Total)
		}
	})
}

// FuzzSuggest runs autocomplete with arbitrary text, role and size.
func FuzzSuggest(f *testing.F) {
	f.Add("circ br", "", 10)
	f.Add("backpresu", "backend-developer", 3)
	f.Add("c", "\xff", -1)
	f.Add("*?[]{}()|\\^$.+", "site-reliability-engineer", 11)
	f.Add(strings.Repeat("x", 201), "", 0)
	f.Add("ǅ ß İ ﬃ", "", 1)
	ix := testIndex(f)
	f.Fuzz(func(t *testing.T, q, role string, size int) {
		res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: q, Role: role, Size: size})
		if err != nil {
			if !errors.Is(err, search.ErrInvalid) {
				t.Fatalf("Suggest(%q, %q, %d) error = %v; want nil or ErrInvalid", q, role, size, err)
			}
			return
		}
		if len(res.Suggestions) > search.MaxSuggest {
			t.Errorf("Suggest(%q) returned %d suggestions", q, len(res.Suggestions))
		}
	})
}
