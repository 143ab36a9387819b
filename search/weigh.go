package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// importedWeight ranks a curated entry above an imported one that matches
// as well, while an imported entry that matches much better (its exact
// name against a word of a curated definition) still comes first.
const importedWeight = 0.75

// sourceWeight is the factor of a document's score: importedWeight for an
// imported entry, 1 for a curated one.
func (fi *facetIndex) sourceWeight(docNum uint64) float64 {
	if docNum < uint64(len(fi.docTerm)) && fi.docTerm[docNum] >= 0 && fi.imported[fi.docTerm[docNum]] {
		return importedWeight
	}
	return 1
}

// weighQuery wraps a query so that its searcher multiplies each match's
// score by weight: ranking, apart from the facet filter (facetQuery) that
// it wraps. A coverageQuery weighs its own scores, below its tiers.
type weighQuery struct {
	inner  query.Query
	weight func(docNum uint64) float64
}

func (q *weighQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, i, m, opts)
	if err != nil {
		return nil, err
	}
	return &weighSearcher{Searcher: s, weight: q.weight}, nil
}

type weighSearcher struct {
	bsearch.Searcher
	weight func(docNum uint64) float64
}

func (s *weighSearcher) weigh(dm *bsearch.DocumentMatch) *bsearch.DocumentMatch {
	if dm != nil {
		dm.Score *= s.weight(dm.IndexInternalID.Value())
	}
	return dm
}

func (s *weighSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.weigh(dm), err
}

func (s *weighSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.weigh(dm), err
}
