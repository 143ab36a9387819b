package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/glossary/glossary/corpus"
)

// Bounds on what a caller may ask for. The server checks them first to
// answer with a precise message; Search checks them again so no caller can
// build an unbounded query.
const (
	MaxSize        = 50
	MaxWindow      = 1000 // from + size
	MaxQueryLength = 200  // characters
	MaxWords       = 8    // words of a query that are searched
	MaxFilterVals  = 20   // values per facet
	// MaxFuzzyWordLength is the longest word matched with typos: the
	// longest name word of the glossary ("internationalization") has 20
	// characters, and the cost of a typo-tolerant match grows with the
	// word's length, so a 200-character word would cost 30 times a normal
	// query for nothing.
	MaxFuzzyWordLength = 32
	DefaultSize        = 10
)

// ErrInvalid wraps every error caused by a bad request.
var ErrInvalid = errors.New("invalid request")

// Facet names, as used in filters and results.
const (
	FacetRole     = "role"
	FacetCategory = "category"
	FacetLevel    = "level"
	FacetPOS      = "part_of_speech"
)

// Facets lists the facet names in display order.
var Facets = []string{FacetRole, FacetCategory, FacetLevel, FacetPOS}

var facetField = map[string]string{
	FacetRole:     fieldRole,
	FacetCategory: fieldCategory,
	FacetLevel:    fieldLevel,
	FacetPOS:      fieldPOS,
}

// Request is a full-text search.
type Request struct {
	Query string
	// Filters maps a facet name to the values to keep. Values of one facet
	// are OR-ed, different facets AND-ed.
	Filters map[string][]string
	Size    int // 0 means DefaultSize
	From    int
}

// Result is one page of search results.
type Result struct {
	Query      string                  `json:"query"`
	Total      uint64                  `json:"total"`
	Took       time.Duration           `json:"-"`
	Hits       []Hit                   `json:"hits"`
	Facets     map[string][]FacetValue `json:"facets"`
	DidYouMean string                  `json:"did_you_mean,omitempty"`
	Generation string                  `json:"generation"`
}

// Hit is one matching term.
type Hit struct {
	ID           string              `json:"id"`
	Term         string              `json:"term"`
	PartOfSpeech string              `json:"part_of_speech"`
	Level        string              `json:"level"`
	Definition   string              `json:"definition"`
	Roles        []string            `json:"roles"`
	Categories   []string            `json:"categories"`
	Score        float64             `json:"score"`
	Highlights   map[string][]string `json:"highlights"`
}

// FacetValue is one value of a facet and how many hits have it. Counts of
// a facet are computed with the filters of the other facets only, so a
// learner sees how many more hits each extra value of the same facet adds.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// Validate checks a request's bounds and filter names.
func (r *Request) Validate() error {
	if n := utf8.RuneCountInString(r.Query); n > MaxQueryLength {
		return fmt.Errorf("%w: query is %d characters long; the limit is %d", ErrInvalid, n, MaxQueryLength)
	}
	if r.Size < 0 || r.Size > MaxSize {
		return fmt.Errorf("%w: size must be between 1 and %d", ErrInvalid, MaxSize)
	}
	if r.From < 0 {
		return fmt.Errorf("%w: from must not be negative", ErrInvalid)
	}
	if r.From > MaxWindow-r.size() { // not From+size: that can overflow
		return fmt.Errorf("%w: from + size must not exceed %d", ErrInvalid, MaxWindow)
	}
	for name, vals := range r.Filters {
		if facetField[name] == "" {
			return fmt.Errorf("%w: unknown filter %q (use %s)", ErrInvalid, name, strings.Join(Facets, ", "))
		}
		if len(vals) > MaxFilterVals {
			return fmt.Errorf("%w: at most %d values of %s", ErrInvalid, MaxFilterVals, name)
		}
	}
	return nil
}

func (r *Request) size() int {
	if r.Size == 0 {
		return DefaultSize
	}
	return r.Size
}

// Search runs a full-text search: an exact term or alias match ranks first,
// then matches and prefixes of term names (typo-tolerant), then matches in
// definitions and examples.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	words := ix.words(r.Query)
	if len(words) > MaxWords {
		words = words[:MaxWords]
	}
	text := textQuery(words)

	req := bleve.NewSearchRequestOptions(ix.filtered(text, r.Filters, ""), r.size(), r.From, false)
	if text == nil {
		req.SortBy([]string{fieldSort})
	} else {
		req.SortBy([]string{"-_score", fieldSort})
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField(fieldDefinition)
		req.Highlight.AddField(fieldExamples)
	}
	for _, name := range Facets {
		if len(r.Filters[name]) == 0 {
			req.AddFacet(name, bleve.NewFacetRequest(facetField[name], 100))
		}
	}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Query, err)
	}
	out := &Result{Query: r.Query, Total: res.Total, Facets: map[string][]FacetValue{}, Generation: ix.manifest.Generation, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		t := ix.corpus.Term(h.ID)
		if t == nil {
			continue
		}
		hit := Hit{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level, Definition: t.Definition,
			Roles: t.Roles, Categories: t.Categories, Score: h.Score, Highlights: map[string][]string{}}
		for f, frags := range h.Fragments {
			hit.Highlights[f] = frags
		}
		out.Hits = append(out.Hits, hit)
	}
	for _, name := range Facets {
		fr := res.Facets[name]
		if len(r.Filters[name]) > 0 {
			// Disjunctive facet: count with the other facets' filters only.
			fr, err = ix.facetWithout(ctx, text, r.Filters, name)
			if err != nil {
				return nil, err
			}
		}
		out.Facets[name] = ix.facetValues(name, fr, r.Filters[name])
	}
	if out.Total == 0 && len(words) > 0 {
		out.DidYouMean = ix.didYouMean(ctx, words)
	}
	out.Took = time.Since(start)
	return out, nil
}

// textQuery builds the scored part of a search; nil means "every term".
func textQuery(words []string) query.Query {
	if len(words) == 0 {
		return nil
	}
	perWord := make([]query.Query, len(words))
	for i, w := range words {
		perWord[i] = wordQuery(w, i == len(words)-1)
	}
	must := query.NewConjunctionQuery(perWord)
	phrase := strings.Join(words, " ")
	exact := query.NewTermQuery(phrase)
	exact.SetField(fieldExact)
	exact.SetBoost(20)
	prefix := query.NewTermQuery(phrase)
	prefix.SetField(fieldPrefix)
	prefix.SetBoost(5)
	b := query.NewBooleanQuery([]query.Query{must}, []query.Query{exact, prefix}, nil)
	return b
}

// wordQuery matches one query word in a name (exactly, or with typos
// scaled by its length), as a prefix of a name word when it is the word
// being typed, or in definitions and examples.
func wordQuery(w string, last bool) query.Query {
	name := query.NewTermQuery(w)
	name.SetField(fieldName)
	name.SetBoost(4)
	def := query.NewMatchQuery(w)
	def.SetField(fieldDefinition)
	def.Analyzer = analyzerText
	ex := query.NewMatchQuery(w)
	ex.SetField(fieldExamples)
	ex.Analyzer = analyzerText
	ex.SetBoost(0.5)
	clauses := []query.Query{name, def, ex}
	if last {
		p := query.NewTermQuery(w)
		p.SetField(fieldWordPrefix)
		p.SetBoost(2)
		clauses = append(clauses, p)
	}
	if f := Fuzziness(w); f > 0 {
		fz := query.NewFuzzyQuery(w)
		fz.SetField(fieldName)
		fz.SetFuzziness(f)
		fz.SetPrefix(1)
		fz.SetBoost(1.5)
		clauses = append(clauses, fz)
	}
	return query.NewDisjunctionQuery(clauses)
}

// Fuzziness is the number of typos tolerated in a word: none under 5
// characters, 1 from 5, 2 from 9, as the best instant-search engines do,
// and none over MaxFuzzyWordLength.
func Fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n > MaxFuzzyWordLength:
		return 0
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// filtered adds the filters of every facet but skip to q.
func (ix *Index) filtered(q query.Query, filters map[string][]string, skip string) query.Query {
	var conj []query.Query
	for _, name := range Facets {
		vals := filters[name]
		if name == skip || len(vals) == 0 {
			continue
		}
		alts := make([]query.Query, len(vals))
		for i, v := range vals {
			tq := query.NewTermQuery(v)
			tq.SetField(facetField[name])
			alts[i] = tq
		}
		conj = append(conj, query.NewDisjunctionQuery(alts))
	}
	if q == nil {
		q = query.NewMatchAllQuery()
	}
	if len(conj) == 0 {
		return q
	}
	b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	b.AddFilter(query.NewConjunctionQuery(conj))
	return b
}

func (ix *Index) facetWithout(ctx context.Context, text query.Query, filters map[string][]string, name string) (*bsearch.FacetResult, error) {
	req := bleve.NewSearchRequestOptions(ix.filtered(text, filters, name), 0, 0, false)
	req.AddFacet(name, bleve.NewFacetRequest(facetField[name], 100))
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("facet %s: %w", name, err)
	}
	return res.Facets[name], nil
}

func (ix *Index) facetValues(name string, fr *bsearch.FacetResult, selected []string) []FacetValue {
	out := []FacetValue{}
	seen := map[string]bool{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			out = append(out, FacetValue{Value: t.Term, Label: ix.label(name, t.Term), Count: t.Count, Selected: slices.Contains(selected, t.Term)})
			seen[t.Term] = true
		}
	}
	for _, v := range selected {
		if !seen[v] {
			out = append(out, FacetValue{Value: v, Label: ix.label(name, v), Selected: true})
			seen[v] = true
		}
	}
	slices.SortStableFunc(out, func(a, b FacetValue) int {
		switch name {
		case FacetLevel:
			return slices.Index(corpus.Levels, a.Value) - slices.Index(corpus.Levels, b.Value)
		case FacetPOS:
			return slices.Index(corpus.PartsOfSpeech, a.Value) - slices.Index(corpus.PartsOfSpeech, b.Value)
		}
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

func (ix *Index) label(facet, value string) string {
	switch facet {
	case FacetRole:
		return ix.corpus.RoleName(value)
	case FacetCategory:
		return ix.corpus.CategoryLabel(value)
	}
	return value
}

// didYouMean proposes a spelling for a query that found nothing: each word
// is replaced by the closest name word in the index (up to two typos,
// whatever the word's length) and the result is kept only if it matches.
func (ix *Index) didYouMean(ctx context.Context, words []string) string {
	fixed := make([]string, len(words))
	changed := false
	for i, w := range words {
		fixed[i] = w
		if n := utf8.RuneCountInString(w); n < 3 || n > MaxFuzzyWordLength {
			continue
		}
		fz := query.NewFuzzyQuery(w)
		fz.SetField(fieldName)
		fz.SetFuzziness(min(2, max(1, len([]rune(w))/3)))
		req := bleve.NewSearchRequestOptions(fz, 1, 0, false)
		req.Fields = nil
		res, err := ix.bleve.SearchInContext(ctx, req)
		if err != nil || len(res.Hits) == 0 {
			continue
		}
		t := ix.corpus.Term(res.Hits[0].ID)
		if t == nil {
			continue
		}
		if best := closestWord(w, ix.nameWords(t)); best != "" && best != w {
			fixed[i] = best
			changed = true
		}
	}
	if !changed {
		return ""
	}
	suggestion := strings.Join(fixed, " ")
	req := bleve.NewSearchRequestOptions(textQuery(fixed), 0, 0, false)
	if res, err := ix.bleve.SearchInContext(ctx, req); err != nil || res.Total == 0 {
		return ""
	}
	return suggestion
}

// nameWords returns the words of a term's names, as the index holds them.
func (ix *Index) nameWords(t *corpus.Term) []string {
	var out []string
	for _, n := range append(append([]string{t.Term}, t.Aliases...), t.Forms...) {
		out = append(out, ix.words(n)...)
	}
	return out
}

// closestWord returns the candidate with the smallest edit distance to w,
// at most two edits away.
func closestWord(w string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := corpus.EditDistance(w, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
