package search_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/search"
)

// sensesIndex indexes corpus/testdata/senses, whose store and model have
// further senses.
func sensesIndex(t *testing.T) *search.Index { return sensesBuilt.index(t) }

// TestSearchFindsEverySense checks that a term is found by the words of
// any of its senses: their definitions, examples and aliases.
func TestSearchFindsEverySense(t *testing.T) {
	t.Parallel()
	ix := sensesIndex(t)
	tests := []struct {
		name, query, top string
	}{
		{"further sense's definition", "order lines", "model"},
		{"further sense's example", "key-value", "store"},
		{"further sense's alias, whole", "data model", "model"},
		{"main sense still", "redux", "store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), search.Request{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].ID != tt.top {
				t.Errorf("Search(%q) hits %v; want %s first", tt.query, hitIDs(res), tt.top)
			}
		})
	}
}

func hitIDs(res *search.Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestFacetsCountSenses checks that the category facet and filter count
// the categories of every sense: store's main sense is a UI term, its
// data-store sense an architecture and database one.
func TestFacetsCountSenses(t *testing.T) {
	t.Parallel()
	ix := sensesIndex(t)
	res, err := ix.Search(context.Background(), search.Request{Filters: map[string][]string{search.FacetCategory: {"architecture"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	slices.Sort(got)
	if diff := cmp.Diff([]string{"cqrs", "model", "nginx", "store"}, got); diff != "" {
		t.Errorf("category=architecture hits (-want +got):\n%s", diff)
	}
	counts := map[string]int{}
	for _, v := range res.Facets[search.FacetCategory] {
		counts[v.Value] = v.Count
	}
	// A facet is counted without its own filter: these are all 8 terms.
	if diff := cmp.Diff(map[string]int{"architecture": 4, "database": 3, "machine-learning": 2, "ui-frameworks": 2, "code-review": 1}, counts); diff != "" {
		t.Errorf("category counts (-want +got):\n%s\nstore and model count under database and architecture by their further senses", diff)
	}
}

// TestRelatedNamesTheSense checks that related terms say which sense of a
// term with senses is meant, for links and for words of a definition.
func TestRelatedNamesTheSense(t *testing.T) {
	t.Parallel()
	ix := sensesIndex(t)
	tests := []struct {
		id   string
		want []search.Related
	}{
		{"cqrs", []search.Related{
			{ID: "model", Sense: "data-model", Term: "model", Reason: "see-also"},
			{ID: "store", Sense: "data-store", Term: "store", Reason: "see-also"},
			{ID: "database", Term: "database", Reason: "see-also"},
		}},
		// store's own links, its data-store sense's after its main one's.
		{"store", []search.Related{
			{ID: "reducer", Term: "reducer", Reason: "see-also"},
			{ID: "model", Term: "model", Reason: "see-also"},
			{ID: "database", Term: "database", Reason: "see-also"},
			{ID: "cqrs", Term: "CQRS", Reason: "see-also"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := ix.Related(tt.id, len(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Related(%q) (-want +got):\n%s", tt.id, diff)
			}
		})
	}
}
