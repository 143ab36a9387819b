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

// tieWeight is the factor that breaks ties between equal scores
// (breakTies): 1 before breakTies and for a document of no term.
func (fi *facetIndex) tieWeight(docNum uint64) float64 {
	if fi.tie == nil || docNum >= uint64(len(fi.docTerm)) || fi.docTerm[docNum] < 0 {
		return 1
	}
	return fi.tie[fi.docTerm[docNum]]
}

// weighQuery wraps a query so that its searcher ranks each match: its
// score is multiplied by tie, then by weight (either may be nil). It
// wraps the facet filter (facetQuery), which only filters and counts, so
// only the matches that pass are weighed. A coverageQuery weighs the
// sources itself, below its tiers, and is given tie alone.
type weighQuery struct {
	inner  query.Query
	tie    func(docNum uint64) float64
	weight func(docNum uint64) float64
}

func (q *weighQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, i, m, opts)
	if err != nil {
		return nil, err
	}
	return &weighSearcher{Searcher: s, tie: q.tie, weight: q.weight}, nil
}

type weighSearcher struct {
	bsearch.Searcher
	tie, weight func(docNum uint64) float64
}

// weigh multiplies the score by the tie factor first, then by the
// weight: the order in which the filter and the weighing applied them
// before they were parted, so scores stay the same to the last bit.
func (s *weighSearcher) weigh(dm *bsearch.DocumentMatch) *bsearch.DocumentMatch {
	if dm == nil {
		return nil
	}
	n := dm.IndexInternalID.Value()
	if s.tie != nil {
		dm.Score *= s.tie(n)
	}
	if s.weight != nil {
		dm.Score *= s.weight(n)
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
