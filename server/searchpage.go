package server

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/search"
)

// Search page layout.
const (
	pageSize      = 10
	maxPage       = search.MaxWindow / pageSize
	facetShown    = 6 // values of a facet shown before "more"
	pageLinksSide = 2 // page links each side of the current page
)

// searchState is what a search page URL says: the query, the filters by
// facet, and the page. Only url knows the query parameters (facetParams).
type searchState struct {
	Query   string
	Filters map[string][]string // facet (search.FacetRole…) -> values
	Page    int
	// Verbatim searches the query as typed, never corrected to a name.
	Verbatim bool
}

// url returns the search page URL of the state; path may be /search or
// the fragment's path.
func (st searchState) url(path string) string {
	v := url.Values{}
	if st.Query != "" {
		v.Set("q", st.Query)
	}
	for _, f := range facetParams {
		for _, val := range st.Filters[f.facet] {
			v.Add(f.param, val)
		}
	}
	if st.Verbatim {
		v.Set("verbatim", "1")
	}
	if st.Page > 1 {
		v.Set("page", strconv.Itoa(st.Page))
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + encodeOrdered(v)
}

// encodeOrdered encodes q first, then the filters in facet order, then
// verbatim and page, so URLs read naturally and are stable.
func encodeOrdered(v url.Values) string {
	keys := []string{"q"}
	for _, f := range facetParams {
		keys = append(keys, f.param)
	}
	keys = append(keys, "verbatim", "page")
	var out []byte
	for _, k := range keys {
		for _, val := range v[k] {
			if len(out) > 0 {
				out = append(out, '&')
			}
			out = append(out, url.QueryEscape(k)+"="+url.QueryEscape(val)...)
		}
	}
	return string(out)
}

// filterURL is the search page of the terms with one value of a facet:
// a role's, a category's, a level's or a glossary's.
func filterURL(facet, value string) string {
	return searchState{Filters: map[string][]string{facet: {value}}}.url("/search")
}

// toggle returns a copy of the state with a value of a facet's filter
// added or removed and the page reset.
func (st searchState) toggle(facet, value string) searchState {
	out := searchState{Query: st.Query, Filters: map[string][]string{}, Page: 1, Verbatim: st.Verbatim}
	for k, vals := range st.Filters {
		out.Filters[k] = slices.Clone(vals)
	}
	if i := slices.Index(out.Filters[facet], value); i >= 0 {
		out.Filters[facet] = slices.Delete(out.Filters[facet], i, i+1)
	} else {
		out.Filters[facet] = append(out.Filters[facet], value)
	}
	return out
}

func (st searchState) withPage(n int) searchState {
	st.Page = n
	return st
}

// withQuery returns the state for another query: page 1, and corrected
// unless verbatim says otherwise.
func (st searchState) withQuery(q string, verbatim bool) searchState {
	st.Query, st.Page, st.Verbatim = q, 1, verbatim
	return st
}

// parseSearchPage reads a search page URL. It takes the same q and filter
// parameters as the JSON API, and page instead of from and size.
func parseSearchPage(c *gin.Context) (searchState, search.Request, error) {
	var st searchState
	q, err := text(c, "q")
	if err != nil {
		return st, search.Request{}, err
	}
	filters, err := parseFilters(c)
	if err != nil {
		return st, search.Request{}, err
	}
	page, err := integer(c, "page", 1, 1, maxPage)
	if err != nil {
		return st, search.Request{}, err
	}
	verbatim, err := boolean(c, "verbatim")
	if err != nil {
		return st, search.Request{}, err
	}
	st = searchState{Query: q, Filters: filters, Page: page, Verbatim: verbatim}
	return st, search.Request{Query: q, Filters: filters, Size: pageSize, From: (page - 1) * pageSize, Verbatim: verbatim}, nil
}

// searchView is the data of the search page and of its results fragment.
type searchView struct {
	page
	Total      uint64
	From, To   int // the hits shown, counted from 1
	Hits       []hitView
	Facets     []facetView
	Active     []activeFilter
	DidYouMean string
	DidYouURL  string
	// Corrected is the name searched instead of the query, and
	// VerbatimURL the search for the query as typed.
	Corrected   string
	VerbatimURL string
	// Partial is set when no hit has every word of the query.
	Partial bool
	// Verbatim keeps a search as typed across filter changes.
	Verbatim bool
	// About is "about " when Total is a lower bound, "" otherwise.
	About string
	// Closest and Roles are offered when nothing matched at all: the
	// names nearest to what was typed, and the roles' vocabularies.
	Closest []nameLink
	Roles   []nameLink
	// Everywhere is the search without its filters, Searched the imported
	// glossaries searched and Elsewhere the glossaries on other sites,
	// offered when nothing matched.
	Everywhere string
	Searched   []string
	Elsewhere  []nameLink
	// Facets shows the filters: there are results, or filters to remove.
	ShowFacets bool
	// RoleName and RoleURL are set when the page lists one role's
	// vocabulary and nothing else: the page is titled as the role.
	RoleName, RoleURL string
	Pages             []pageLink
	Prev, Next        string
	Status            string // announced to screen readers after a live update
}

// nameLink is a link to a term or a role page.
type nameLink struct {
	Name, URL string
}

type hitView struct {
	ID, Term, PartOfSpeech, Level string
	Source                        string        // an imported entry's source, by its short name; "" when curated
	Snippet                       template.HTML // the definition, highlighted
	Example                       template.HTML // a matching example, if any
}

type facetView struct {
	Name, Param, Label string
	Shown, More        []facetValueView // the selected values are among Shown
}

type facetValueView struct {
	ID, Param, Value, Label string
	Count                   int
	Selected                bool
}

type activeFilter struct {
	Facet, Label, Remove string
}

type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool // an ellipsis before this link
}

// searchPage handles GET /search?q=&role=&category=&level=&pos=&page=:
// results rendered on the server, so they work without JavaScript and can
// be bookmarked and shared.
func (s *Server) searchPage(c *gin.Context) {
	if v, ok := s.searchResults(c, "/search"); ok {
		s.render(c, http.StatusOK, "search", "layout", v)
	}
}

// searchFragment handles GET /search/results?q=&role=&category=&level=&pos=&page=:
// the results part of the search page alone, which the page's script
// fetches to update the results as the learner types.
func (s *Server) searchFragment(c *gin.Context) {
	if v, ok := s.searchResults(c, "/search/results"); ok {
		c.Header("X-Robots-Tag", "noindex")
		s.render(c, http.StatusOK, "search", "results", v)
	}
}

// searchResults runs the search of a search page URL, whose path is
// /search or the fragment's. A page past the end of the results is
// redirected to the last page (302: the results change with the index).
// Algolia's InstantSearch and Cambridge Dictionary's search show an empty
// page there instead, but a learner following an old link past the end
// wants the results, not "No terms match".
func (s *Server) searchResults(c *gin.Context, path string) (searchView, bool) {
	st, req, err := parseSearchPage(c)
	if err != nil {
		s.fail(c, err)
		return searchView{}, false
	}
	g := searcher(c)
	res, err := g.Search(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return searchView{}, false
	}
	if len(res.Hits) == 0 && res.Total > 0 && st.Page > 1 {
		last := max(1, min(int((res.Total+pageSize-1)/pageSize), maxPage, st.Page-1))
		c.Redirect(http.StatusFound, st.withPage(last).url(path))
		c.Abort()
		return searchView{}, false
	}
	cat := g.Catalog()
	v := newSearchView(st, res, cat)
	if st.Query == "" && len(st.Filters) == 1 && len(st.Filters[search.FacetRole]) == 1 {
		// A role's vocabulary, as the role page's "All N terms" link
		// opens it: titled as the role, with a way back to its page.
		if r, err := cat.Role(st.Filters[search.FacetRole][0]); err == nil {
			v.RoleName, v.RoleURL = r.Name, "/roles/"+url.PathEscape(r.Slug)
			v.Title = r.Name + " – " + plural(res.Total, "term", "terms") + " – Glossary"
			v.OGTitle = v.Title
		}
	}
	if res.Total == 0 && st.Query != "" {
		// Nothing matched at all: offer the names nearest to what was
		// typed (autocomplete's typo-tolerant prefixes) and the roles.
		if sug, err := g.Suggest(c.Request.Context(), search.SuggestRequest{Query: st.Query, Size: closestNames}); err == nil {
			for _, s := range sug.Suggestions {
				v.Closest = append(v.Closest, nameLink{Name: s.Term, URL: "/terms/" + url.PathEscape(s.ID)})
			}
		}
		for _, r := range cat.Roles() {
			v.Roles = append(v.Roles, nameLink{Name: r.Name, URL: "/roles/" + url.PathEscape(r.Slug)})
		}
		// And the wider glossaries: the search without its filters,
		// which covers the imported ones; or, where none is imported,
		// FOLDOC on its own site (the largest of those import reads).
		if len(st.Filters) > 0 {
			v.Everywhere = searchState{Query: st.Query}.url("/search")
		}
		for _, src := range cat.Sources() {
			v.Searched = append(v.Searched, src.Label)
		}
		if len(v.Searched) == 0 {
			v.Elsewhere = append(v.Elsewhere, nameLink{Name: "FOLDOC, the Free On-line Dictionary of Computing", URL: "https://foldoc.org/" + url.PathEscape(st.Query)})
		}
	}
	return v, true
}

// closestNames is how many names a search that found nothing offers.
const closestNames = 5

// newSearchView builds the page of a search's results over the
// generation's catalog, which labels each hit's source and says whether
// the index holds imported glossaries, without which the source filter
// would say nothing.
func newSearchView(st searchState, res *search.Result, cat *search.Catalog) searchView {
	imported := len(cat.Sources()) > 0
	v := searchView{Total: res.Total, DidYouMean: res.DidYouMean, Corrected: res.CorrectedQuery, Partial: res.Partial, Verbatim: st.Verbatim}
	if res.Estimated {
		v.About = "about "
	}
	v.page = page{Query: st.Query, NoIndex: true, Live: true}
	switch {
	case st.Query == "":
		v.Title = "All terms – Glossary"
	default:
		v.Title = "“" + st.Query + "” – " + v.About + plural(res.Total, "result", "results") + " – Glossary"
	}
	v.Description = "Search the vocabulary of professional IT English: definitions, examples, levels and related terms."
	v.OGTitle = v.Title
	if res.DidYouMean != "" {
		v.DidYouURL = st.withQuery(res.DidYouMean, false).url("/search")
	}
	if res.CorrectedQuery != "" {
		v.VerbatimURL = st.withQuery(st.Query, true).url("/search")
	}
	for _, h := range res.Hits {
		hv := hitView{ID: h.ID, Term: h.Term, PartOfSpeech: h.PartOfSpeech, Level: h.Level,
			Snippet: template.HTML(template.HTMLEscapeString(h.Definition))}
		hv.Source = cat.ImportedFrom(h.Source)
		if frags := h.Highlights[search.HighlightDefinition]; len(frags) > 0 {
			hv.Snippet = highlight(frags[0])
		}
		if frags := h.Highlights[search.HighlightExamples]; len(frags) > 0 {
			hv.Example = highlight(frags[0])
		}
		v.Hits = append(v.Hits, hv)
	}
	if n := len(v.Hits); n > 0 {
		v.From = (st.Page-1)*pageSize + 1
		v.To = v.From + n - 1
	}
	for _, f := range facetParams {
		fv := facetView{Name: f.facet, Param: f.param, Label: f.label}
		if f.facet == search.FacetSource && !imported {
			continue // no glossary is imported: the facet would say nothing
		}
		// The selected values are always among those shown, in their
		// place, so a filter in use is never folded under "more".
		vals := res.Facets[f.facet]
		unselected := facetShown
		for _, val := range vals {
			if val.Selected {
				unselected--
			}
		}
		for _, val := range vals {
			label := val.Label
			vv := facetValueView{ID: elementID("f-" + f.param + "-" + val.Value), Param: f.param, Value: val.Value, Label: label, Count: val.Count, Selected: val.Selected}
			switch {
			case vv.Selected:
				fv.Shown = append(fv.Shown, vv)
			case unselected > 0:
				fv.Shown = append(fv.Shown, vv)
				unselected--
			default:
				fv.More = append(fv.More, vv)
			}
			if val.Selected {
				v.Active = append(v.Active, activeFilter{Facet: f.label, Label: label, Remove: st.toggle(f.facet, val.Value).url("/search")})
			}
		}
		v.Facets = append(v.Facets, fv)
	}
	v.ShowFacets = res.Total > 0 || len(v.Active) > 0
	v.Pages, v.Prev, v.Next = pagination(st, res.Total)
	switch {
	case res.Total == 0:
		v.Status = "No results"
	case res.CorrectedQuery != "":
		v.Status = plural(res.Total, "result", "results") + " for " + res.CorrectedQuery
	default:
		v.Status = plural(res.Total, "result", "results")
	}
	return v
}

// pagination returns the page links around the current page, with the
// first and last always shown, and the previous and next page URLs.
func pagination(st searchState, total uint64) (links []pageLink, prev, next string) {
	last := min(int((total+pageSize-1)/pageSize), maxPage)
	if last <= 1 {
		return nil, "", ""
	}
	cur := st.Page
	if cur > 1 && cur <= last+1 {
		prev = st.withPage(cur - 1).url("/search")
	}
	if cur < last {
		next = st.withPage(cur + 1).url("/search")
	}
	prevShown := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < cur-pageLinksSide || n > cur+pageLinksSide) {
			continue
		}
		links = append(links, pageLink{Number: n, URL: st.withPage(n).url("/search"), Current: n == cur, Gap: prevShown != 0 && n != prevShown+1})
		prevShown = n
	}
	return links, prev, next
}

// elementID turns s into a valid, readable HTML id: anything but ASCII
// letters, digits, "-" and "_" becomes "_".
func elementID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}
