package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/glossary/glossary/corpus"
)

// facetIndex counts facets and applies filters in memory while bleve
// iterates the matching documents, in one pass: each document number maps
// to its term, each term to the ids of its facet values. Asking bleve for
// four term facets read and decompressed doc values for every hit, which
// was two thirds of a search's time, and the counts of a filtered facet
// (computed without its own filter) needed a query each.
type facetIndex struct {
	docTerm []int32                   // global document number -> term index
	values  [len(facetOrder)][]string // facet -> value id -> value
	ids     [len(facetOrder)]map[string]uint16
	termVal [len(facetOrder)][][]uint16 // facet -> term index -> value ids
	// imported marks the terms imported from other glossaries, whose
	// scores are multiplied by importedWeight (weigh.go).
	imported []bool
	// tie is each term's factor of its score, a hair above 1 for the
	// terms autocomplete ranks first (breakTies; applied by weighQuery).
	tie []float64
}

// breakTies makes equal scores rank in autocomplete's order of terms
// (curated first, then shorter names): without it, the order of equal
// scores was the order of the documents in the index, which builds on
// several cores, so two generations of the same corpus could rank
// "observability" and "data observability" either way.
func (fi *facetIndex) breakTies(place []uint64) {
	fi.tie = make([]float64, len(place))
	n := float64(len(place))
	for i, p := range place {
		fi.tie[i] = 1 + 1e-10*(n-float64(p))/n
	}
}

// facetOrder fixes the position of each facet in facetIndex's arrays.
var facetOrder = [...]string{FacetRole, FacetCategory, FacetLevel, FacetPOS, FacetSource}

// termFacetValues lists a term's values of a facet. Imported entries have
// no level, and most no part of speech: they count under no value of
// those facets. A term with secondary senses has the sources of its
// senses too, so filtering on FOLDOC finds curated terms FOLDOC defines.
func termFacetValues(t *corpus.Term, facet string) []string {
	switch facet {
	case FacetRole:
		return t.Roles
	case FacetCategory:
		return t.Categories
	case FacetLevel:
		return nonEmpty(t.Level)
	case FacetPOS:
		return nonEmpty(t.PartOfSpeech)
	}
	vals := []string{t.Source}
	for _, s := range t.Senses {
		if !slices.Contains(vals, s.Source) {
			vals = append(vals, s.Source)
		}
	}
	return vals
}

func nonEmpty(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}

// newFacetIndex maps the index's documents to terms; it reads each
// document's id once, when the generation opens.
func newFacetIndex(idx bleve.Index, c *corpus.Corpus) (*facetIndex, error) {
	fi := &facetIndex{imported: make([]bool, len(c.Terms))}
	termIdx := make(map[string]int32, len(c.Terms))
	for i, t := range c.Terms {
		termIdx[t.ID] = int32(i)
		fi.imported[i] = t.Source != corpus.SourceCurated
	}
	for f, name := range facetOrder {
		fi.ids[f] = map[string]uint16{}
		fi.termVal[f] = make([][]uint16, len(c.Terms))
		for i, t := range c.Terms {
			for _, v := range termFacetValues(t, name) {
				id, ok := fi.ids[f][v]
				if !ok {
					id = uint16(len(fi.values[f]))
					fi.ids[f][v] = id
					fi.values[f] = append(fi.values[f], v)
				}
				fi.termVal[f][i] = append(fi.termVal[f][i], id)
			}
		}
	}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer all.Close()
	for {
		id, err := all.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		ti, ok := termIdx[ext]
		if !ok {
			return nil, fmt.Errorf("document %q is not a term of the corpus", ext)
		}
		n := id.Value()
		for uint64(len(fi.docTerm)) <= n {
			fi.docTerm = append(fi.docTerm, -1)
		}
		fi.docTerm[n] = ti
	}
	return fi, nil
}

// facetRun is one search's filters and counts.
type facetRun struct {
	fi *facetIndex
	// matched counts the documents seen, before filtering.
	matched  int
	allowed  [len(facetOrder)][]bool // nil: facet not filtered
	selected [len(facetOrder)][]string
	counts   [len(facetOrder)][]int
}

func (fi *facetIndex) run(filters map[string][]string) *facetRun {
	r := &facetRun{fi: fi}
	for f, name := range facetOrder {
		r.counts[f] = make([]int, len(fi.values[f]))
		vals := filters[name]
		if len(vals) == 0 {
			continue
		}
		r.allowed[f] = make([]bool, len(fi.values[f]))
		r.selected[f] = vals
		for _, v := range vals {
			if id, ok := fi.ids[f][v]; ok {
				r.allowed[f][id] = true
			}
		}
	}
	return r
}

// accept counts a matching document and reports whether it passes every
// filter. It leaves the score alone: ranking is weighQuery's.
func (r *facetRun) accept(dm *bsearch.DocumentMatch) bool {
	return r.visit(dm.IndexInternalID.Value())
}

// visit counts a matching document and reports whether it passes every
// filter. A document failing exactly one facet's filter still counts for
// that facet, so its counts show what choosing another value would add.
func (r *facetRun) visit(docNum uint64) bool {
	if docNum >= uint64(len(r.fi.docTerm)) || r.fi.docTerm[docNum] < 0 {
		return false
	}
	ti := r.fi.docTerm[docNum]
	r.matched++
	failed, fails := -1, 0
	for f := range facetOrder {
		if r.allowed[f] != nil && !slices.ContainsFunc(r.fi.termVal[f][ti], func(id uint16) bool { return r.allowed[f][id] }) {
			failed = f
			fails++
		}
	}
	switch fails {
	case 0:
		for f := range facetOrder {
			for _, id := range r.fi.termVal[f][ti] {
				r.counts[f][id]++
			}
		}
		return true
	case 1:
		for _, id := range r.fi.termVal[failed][ti] {
			r.counts[failed][id]++
		}
	}
	return false
}

// results lists each facet's values with their counts, selected values
// always included.
func (r *facetRun) results(label func(facet, value string) string) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(facetOrder))
	for f, name := range facetOrder {
		vals := []FacetValue{}
		for id, n := range r.counts[f] {
			v := r.fi.values[f][id]
			sel := slices.Contains(r.selected[f], v)
			if n > 0 || sel {
				vals = append(vals, FacetValue{Value: v, Label: label(name, v), Count: n, Selected: sel})
			}
		}
		for _, v := range r.selected[f] {
			if _, known := r.fi.ids[f][v]; !known && !slices.ContainsFunc(vals, func(fv FacetValue) bool { return fv.Value == v }) {
				vals = append(vals, FacetValue{Value: v, Label: label(name, v), Selected: true})
			}
		}
		slices.SortStableFunc(vals, func(a, b FacetValue) int {
			switch name {
			case FacetLevel:
				return slices.Index(corpus.Levels, a.Value) - slices.Index(corpus.Levels, b.Value)
			case FacetPOS:
				return slices.Index(corpus.PartsOfSpeech, a.Value) - slices.Index(corpus.PartsOfSpeech, b.Value)
			case FacetSource:
				if (a.Value == corpus.SourceCurated) != (b.Value == corpus.SourceCurated) {
					if a.Value == corpus.SourceCurated {
						return -1
					}
					return 1
				}
			}
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Label, b.Label)
		})
		out[name] = vals
	}
	return out
}

// facetQuery wraps a query so that its searcher counts facets and drops
// documents that fail the filters, in the single pass bleve's collector
// makes over the matches.
type facetQuery struct {
	inner query.Query
	run   *facetRun
}

func (q *facetQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, i, m, opts)
	if err != nil {
		return nil, err
	}
	return &facetSearcher{Searcher: s, run: q.run}, nil
}

type facetSearcher struct {
	bsearch.Searcher
	run *facetRun
}

// accept reports whether a match passes the filters, counting it.
func (s *facetSearcher) accept(dm *bsearch.DocumentMatch) bool { return s.run.accept(dm) }

func (s *facetSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(ctx)
		if err != nil || dm == nil {
			return dm, err
		}
		if s.accept(dm) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *facetSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if s.accept(dm) {
		return dm, nil
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}
