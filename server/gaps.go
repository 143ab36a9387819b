package server

import (
	"strings"

	"github.com/glossary/glossary/search"
)

// GapRecorder records the text of searches that found nothing
// (search.Gaps does, and serve saves them for "glossary gaps").
type GapRecorder interface {
	Record(query string)
}

// gapMaxWords is the longest query, in words, whose partial results make
// it a gap: a short query that no term matches in full names something
// the glossary lacks ("service mesh" finding only other services), while
// a longer one is usually a description, answered by most of its words.
const gapMaxWords = 3

// recordGap counts a search that found nothing, or for a short query no
// term with every word, and records its query as a gap in the glossary:
// only a first page without filters (a filter can empty any result) and
// with no spelling to suggest or correction made (a typo of a term the
// glossary has is not a gap). No client address is recorded. It returns
// the gap recorded, with an empty query for none.
func (s *Server) recordGap(r search.Request, res *search.Result) gap {
	if r.Query == "" || r.From > 0 || len(r.Filters) > 0 || res.DidYouMean != "" || res.CorrectedQuery != "" {
		return gap{}
	}
	g := gap{query: r.Query, zero: res.Total == 0}
	if !g.zero && (!res.Partial || len(strings.Fields(r.Query)) > gapMaxWords) {
		return gap{}
	}
	s.recordGapQuery(g)
	return g
}

// gap is a search recorded as a gap; zero when it found nothing at all.
type gap struct {
	query string
	zero  bool
}

// recordGapQuery counts a gap; a cached answer to one records it again,
// as each learner who asks counts. The metric counts searches that found
// nothing at all.
func (s *Server) recordGapQuery(g gap) {
	if g.zero {
		s.metrics.zeroResults.Inc()
	}
	if s.gaps != nil {
		s.gaps.Record(g.query)
	}
}
