package server

import (
	"encoding/json"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// SearchResponse is the body of GET /api/v1/search.
type SearchResponse struct {
	Query      string                         `json:"query"`
	Total      uint64                         `json:"total"`
	TookMS     float64                        `json:"took_ms"`
	Hits       []search.Hit                   `json:"hits"`
	Facets     map[string][]search.FacetValue `json:"facets"`
	DidYouMean string                         `json:"did_you_mean,omitempty"`
	// CorrectedQuery is what was searched instead of a query with a typo
	// in a known name ("race condition" for "rase condition"); ask with
	// verbatim=true to search the query as typed.
	CorrectedQuery string `json:"corrected_query,omitempty"`
	// Partial says that no hit matches every word of the query.
	Partial bool `json:"partial,omitempty"`
	// Estimated says that total is a lower bound (search.Result).
	Estimated bool `json:"total_estimated,omitempty"`
}

// parseSearch reads a search request from query parameters. Unknown
// parameters are ignored, as most web APIs do, so clients can add cache
// busters or tracking without breaking.
func parseSearch(c *gin.Context) (search.Request, error) {
	var r search.Request
	var err error
	if r.Query, err = text(c, "q"); err != nil {
		return r, err
	}
	if r.Size, err = integer(c, "size", search.DefaultSize, 1, search.MaxSize); err != nil {
		return r, err
	}
	if r.From, err = integer(c, "from", 0, 0, search.MaxWindow); err != nil {
		return r, err
	}
	if r.Verbatim, err = boolean(c, "verbatim"); err != nil {
		return r, err
	}
	r.Filters, err = parseFilters(c)
	return r, err
}

// parseFilters reads the facet filters of a search, by facet name.
func parseFilters(c *gin.Context) (map[string][]string, error) {
	filters := map[string][]string{}
	for _, f := range facetParams {
		vals, err := list(c, f.param)
		if err != nil {
			return nil, err
		}
		if len(vals) > 0 {
			filters[f.facet] = vals
		}
	}
	return filters, nil
}

// search handles GET /api/v1/search?q=&role=&category=&level=&pos=&size=&from=&verbatim=.
func (s *Server) search(c *gin.Context) {
	start := time.Now()
	// As for suggest, the cache first: only valid requests' answers are
	// in it, under a key made of their whole query.
	v, keyed := c.Get(cacheKey)
	key, _ := v.(string)
	if keyed {
		if a, ok := s.searchCache.get(key); ok {
			if a.gap.query != "" {
				s.recordGapQuery(a.gap)
			}
			answerJSON(c, a.body(time.Since(start)))
			return
		}
	}
	r, err := parseSearch(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := searcher(c).Search(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	gap := s.recordGap(r, res)
	out := SearchResponse{Query: res.Query, Total: res.Total, TookMS: tookSentinel,
		Hits: res.Hits, Facets: res.Facets, DidYouMean: res.DidYouMean, CorrectedQuery: res.CorrectedQuery, Partial: res.Partial, Estimated: res.Estimated}
	body, err := json.Marshal(out)
	if err != nil {
		s.fail(c, err)
		return
	}
	a := timedAnswer(body)
	a.gap = gap
	if keyed {
		s.searchCache.put(key, a)
	}
	answerJSON(c, a.body(res.Took))
}

// SuggestResponse is the body of GET /api/v1/suggest without the fields
// parameter (fields.go has the other).
type SuggestResponse struct {
	Query       string              `json:"query"`
	Suggestions []search.Suggestion `json:"suggestions"`
}

// suggest handles GET /api/v1/suggest?q=&size=&role=&fields=. Without
// fields, the answer is what a completion list shows (SuggestResponse);
// with it, id, term and the fields named (see suggestFields).
func (s *Server) suggest(c *gin.Context) {
	// The cache is asked first: only valid requests' answers are in it,
	// under a key made of their whole query, so a hit needs no checks.
	v, keyed := c.Get(cacheKey)
	key, _ := v.(string)
	if keyed {
		if a, ok := s.suggestCache.get(key); ok {
			answerJSON(c, a.head)
			return
		}
	}
	var r search.SuggestRequest
	var fields fieldSet
	var err error
	if r.Query, err = text(c, "q"); err == nil {
		if r.Role, err = text(c, "role"); err == nil {
			if r.Size, err = integer(c, "size", search.DefaultSuggest, 1, search.MaxSuggest); err == nil {
				fields, err = parseFields(c)
			}
		}
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	g := searcher(c)
	res, err := g.Suggest(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	var out any = SuggestResponse{Query: res.Query, Suggestions: res.Suggestions}
	if fields != 0 {
		out = selectFields(g.Catalog(), res, fields)
	}
	body, err := json.Marshal(out)
	if err != nil {
		s.fail(c, err)
		return
	}
	if keyed {
		s.suggestCache.put(key, &cachedAnswer{head: body})
	}
	answerJSON(c, body)
}

// term handles GET /api/v1/terms/{id}: the whole entry.
func (s *Server) term(c *gin.Context) {
	t, err := searcher(c).Catalog().Term(c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	answer(c, t)
}

// RelatedResponse is the body of GET /api/v1/terms/{id}/related.
type RelatedResponse struct {
	ID      string           `json:"id"`
	Related []search.Related `json:"related"`
}

// related handles GET /api/v1/terms/{id}/related?size=.
func (s *Server) related(c *gin.Context) {
	size, err := integer(c, "size", search.DefaultRelated, 1, search.MaxRelated)
	if err != nil {
		s.fail(c, err)
		return
	}
	id := c.Param("id")
	rel, err := searcher(c).Related(id, size)
	if err != nil {
		s.fail(c, err)
		return
	}
	answer(c, RelatedResponse{ID: id, Related: rel})
}

// RoleSummary is one role in GET /api/v1/roles.
type RoleSummary struct {
	Slug    string `json:"slug"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
	Terms   int    `json:"terms"`
}

// roleSummary is the one builder of a RoleSummary, with the whole
// summary: pages that show less shorten it.
func roleSummary(r *corpus.Role) RoleSummary {
	return RoleSummary{Slug: r.Slug, Name: r.Name, Summary: r.Summary, Terms: len(r.TermIDs())}
}

// roles handles GET /api/v1/roles.
func (s *Server) roles(c *gin.Context) {
	out := []RoleSummary{}
	for _, r := range searcher(c).Catalog().Roles() {
		out = append(out, roleSummary(r))
	}
	answer(c, gin.H{"roles": out})
}

// TermSummary is a term as listed on a role.
type TermSummary struct {
	ID           string `json:"id"`
	Term         string `json:"term"`
	PartOfSpeech string `json:"part_of_speech"`
	Level        string `json:"level"`
	Definition   string `json:"definition"`
}

// termSummary is the one builder of a TermSummary.
func termSummary(t *corpus.Term) TermSummary {
	return TermSummary{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level, Definition: t.Definition}
}

// RoleCategoryResponse is one category of a role's vocabulary.
type RoleCategoryResponse struct {
	Category string        `json:"category"`
	Label    string        `json:"label"`
	Terms    []TermSummary `json:"terms"`
}

// RoleResponse is the body of GET /api/v1/roles/{slug}.
type RoleResponse struct {
	Slug         string                 `json:"slug"`
	Name         string                 `json:"name"`
	Summary      string                 `json:"summary"`
	Topics       []string               `json:"topics"`
	Spotlight    []TermSummary          `json:"spotlight"`
	Categories   []RoleCategoryResponse `json:"categories"`
	Scenarios    []string               `json:"scenarios"`
	RelatedRoles []RoleSummary          `json:"related_roles"`
}

// role handles GET /api/v1/roles/{slug}: the role with its terms.
func (s *Server) role(c *gin.Context) {
	cat := searcher(c).Catalog()
	r, err := cat.Role(c.Param("slug"))
	if err != nil {
		s.fail(c, err)
		return
	}
	answer(c, roleResponse(cat, r))
}

func roleResponse(cat *search.Catalog, r *corpus.Role) RoleResponse {
	summaries := func(ids []string) []TermSummary {
		out := []TermSummary{}
		for _, id := range ids {
			if t := lookupTerm(cat, id); t != nil {
				out = append(out, termSummary(t))
			}
		}
		return out
	}
	resp := RoleResponse{Slug: r.Slug, Name: r.Name, Summary: r.Summary, Topics: r.Topics, Scenarios: r.Scenarios,
		Spotlight: summaries(r.Spotlight), Categories: []RoleCategoryResponse{}, RelatedRoles: []RoleSummary{}}
	for _, rc := range r.Categories {
		resp.Categories = append(resp.Categories, RoleCategoryResponse{Category: rc.Category, Label: cat.CategoryLabel(rc.Category), Terms: summaries(rc.Terms)})
	}
	for _, slug := range r.RelatedRoles {
		if o := lookupRole(cat, slug); o != nil {
			resp.RelatedRoles = append(resp.RelatedRoles, roleSummary(o))
		}
	}
	return resp
}
