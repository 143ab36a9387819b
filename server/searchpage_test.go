package server

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/search"
)

func TestPagination(t *testing.T) {
	t.Parallel()
	st := searchState{Query: "q", Filters: map[string][]string{search.FacetLevel: {"B2"}}}
	tests := []struct {
		name  string
		page  int
		total uint64
		want  []int // page numbers shown; negative: after a gap
	}{
		{"one page", 1, 10, nil},
		{"two pages", 1, 11, []int{1, 2}},
		{"first of many", 1, 200, []int{1, 2, 3, -20}},
		{"middle", 10, 200, []int{1, -8, 9, 10, 11, 12, -20}},
		{"near the start", 4, 200, []int{1, 2, 3, 4, 5, 6, -20}},
		{"last", 20, 200, []int{1, -18, 19, 20}},
		{"capped at the search window", 1, 5000, []int{1, 2, 3, -100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st.Page = tt.page
			links, prev, next := pagination(st, tt.total)
			var got []int
			for _, l := range links {
				n := l.Number
				if l.Gap {
					n = -n
				}
				got = append(got, n)
				if l.Current != (l.Number == tt.page) {
					t.Errorf("page %d Current = %v", l.Number, l.Current)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("pagination(page %d, total %d) (-want +got):\n%s", tt.page, tt.total, diff)
			}
			if (prev != "") != (tt.page > 1 && len(links) > 0) || (next != "") != (len(links) > 0 && tt.page < links[len(links)-1].Number) {
				t.Errorf("pagination(page %d, total %d): prev %q, next %q", tt.page, tt.total, prev, next)
			}
		})
	}
}

func TestSearchStateURL(t *testing.T) {
	t.Parallel()
	st := searchState{Query: "race & co", Filters: map[string][]string{search.FacetPOS: {"noun"}, search.FacetRole: {"backend-developer", "sre"}}, Page: 3}
	tests := []struct {
		name string
		st   searchState
		want string
	}{
		{"everything, in a fixed order", st, "/search?q=race+%26+co&role=backend-developer&role=sre&pos=noun&page=3"},
		{"toggle off resets the page", st.toggle(search.FacetRole, "sre"), "/search?q=race+%26+co&role=backend-developer&pos=noun"},
		{"toggle on", st.toggle(search.FacetLevel, "B2"), "/search?q=race+%26+co&role=backend-developer&role=sre&level=B2&pos=noun"},
		{"another query", st.withQuery("deadlock", false), "/search?q=deadlock&role=backend-developer&role=sre&pos=noun"},
		{"the query as typed", st.withQuery("rase condition", true), "/search?q=rase+condition&role=backend-developer&role=sre&pos=noun&verbatim=1"},
		{"a filter keeps it as typed", st.withQuery("rase condition", true).toggle(search.FacetLevel, "B2"), "/search?q=rase+condition&role=backend-developer&role=sre&level=B2&pos=noun&verbatim=1"},
		{"nothing", searchState{}, "/search"},
	}
	for _, tt := range tests {
		if got := tt.st.url("/search"); got != tt.want {
			t.Errorf("%s: url = %q; want %q", tt.name, got, tt.want)
		}
	}
	if got := st.url("/search"); got != "/search?q=race+%26+co&role=backend-developer&role=sre&pos=noun&page=3" {
		t.Errorf("toggle changed the state it was called on: %q", got)
	}
}

func TestElementID(t *testing.T) {
	t.Parallel()
	if got := elementID(`f-level-B2 "x"<é>`); got != "f-level-B2__x____" {
		t.Errorf("elementID = %q", got)
	}
}
