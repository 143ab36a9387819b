package server

import "github.com/glossary/glossary/search"

// GapRecorder records the text of searches that found nothing
// (search.Gaps does, and serve saves them for "glossary gaps").
type GapRecorder interface {
	Record(query string)
}

// recordGap counts a search that found nothing and records its query as a
// gap in the glossary: only a first page without filters (a filter can
// empty any result) and with no spelling to suggest (a typo of a term the
// glossary has is not a gap). No client address is recorded.
func (s *Server) recordGap(r search.Request, res *search.Result) string {
	if res.Total > 0 || r.Query == "" || r.From > 0 || len(r.Filters) > 0 || res.DidYouMean != "" {
		return ""
	}
	s.recordGapQuery(r.Query)
	return r.Query
}

// recordGapQuery counts a search that found nothing; a cached answer to
// one records it again, as each learner who asks counts.
func (s *Server) recordGapQuery(q string) {
	s.metrics.zeroResults.Inc()
	if s.gaps != nil {
		s.gaps.Record(q)
	}
}
