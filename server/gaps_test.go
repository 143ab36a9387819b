package server_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

func TestZeroResultSearchesRecorded(t *testing.T) {
	t.Parallel()
	gaps := search.NewGaps(100)
	m := server.NewMetrics()
	srv, _ := newTestServer(t, server.Options{Gaps: gaps, Metrics: m})
	for _, path := range []string{
		"/api/v1/search?q=Service+Mesh",   // a gap: no term has both words
		"/api/v1/search?q=service%20mesh", // the same gap
		"/api/v1/search?q=zxqv",           // another
		"/api/v1/search?q=cache",          // found
		"/api/v1/search?q=idmpotnt",       // a typo of a term: did you mean, not a gap
		"/api/v1/search?q=rase+condition", // corrected to a term: not a gap
		"/api/v1/search?q=two+transactions+wait+for+each+other+and+never+finish", // a description: not a gap
		"/api/v1/search?q=cache&level=A1",                                        // emptied by a filter
		"/api/v1/search?q=",                                                      // lists everything
		"/api/v1/suggest?q=zxqv",                                                 // autocomplete is not recorded
	} {
		if resp, body := testutil.Get(t, srv.URL+path); resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
	}
	want := []search.Gap{{Query: "service mesh", Count: 2}, {Query: "zxqv", Count: 1}}
	if diff := cmp.Diff(want, gaps.Top(0)); diff != "" {
		t.Errorf("recorded gaps (-want +got):\n%s", diff)
	}
	_, body := testutil.Get(t, srv.URL+"/metrics")
	// The metric counts the searches that found nothing at all: zxqv.
	if !strings.Contains(string(body), "glossary_zero_result_searches_total 1") {
		t.Errorf("/metrics lacks glossary_zero_result_searches_total 1")
	}
}
