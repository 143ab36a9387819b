package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

func TestMetrics(t *testing.T) {
	t.Parallel()
	m := server.NewMetrics()
	srv, live := newTestServer(t, server.Options{Metrics: m})
	m.SetGeneration(live.Current())
	m.Swapped(search.Manifest{Generation: "gen-000007", DocCount: 17})
	m.Failed()
	m.Failed()
	for _, path := range []string{"/api/v1/search?q=cache", "/api/v1/search?q=cache", "/api/v1/search?size=0", "/api/v1/terms/nope", "/nowhere"} {
		testutil.Get(t, srv.URL+path)
	}
	resp, body := testutil.Get(t, srv.URL+"/metrics")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`glossary_http_request_duration_seconds_count{route="/api/v1/search",status="200"} 2`,
		`glossary_http_request_duration_seconds_count{route="/api/v1/search",status="400"} 1`,
		`glossary_http_request_duration_seconds_count{route="/api/v1/terms/:id",status="404"} 1`,
		`glossary_http_request_duration_seconds_count{route="unmatched",status="404"} 1`,
		`glossary_http_request_duration_seconds_bucket{route="/api/v1/search",status="200",le="+Inf"} 2`,
		"glossary_generation 7",
		"glossary_generation_documents 17",
		"glossary_reindex_swaps_total 1",
		"glossary_reindex_failures_total 2",
		"glossary_open_indexes ",
		"glossary_zero_result_searches_total 0",
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestReadyz(t *testing.T) {
	t.Parallel()
	pending := &server.Pending{}
	srv := httptest.NewServer(newHandler(t, pending, server.Options{}))
	defer srv.Close()

	// Listening, but no generation open yet.
	if resp, _ := testutil.Get(t, srv.URL+"/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz before ready = %d; want 200", resp.StatusCode)
	}
	for _, path := range []string{"/readyz", "/api/v1/search?q=cache"} {
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %s before ready = %d (Retry-After %q) %s; want a 503 problem with Retry-After", path, resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
	}

	_, live := newTestServer(t)
	pending.Set(server.LiveSource{Live: live})
	resp, body := testutil.Get(t, srv.URL+"/readyz")
	var r struct {
		Status, Generation string
	}
	if err := json.Unmarshal(body, &r); err != nil || resp.StatusCode != 200 || r.Status != "ready" || r.Generation != live.Current().Generation {
		t.Errorf("readyz when ready = %d %s; want 200 ready with the generation", resp.StatusCode, body)
	}

	// Shutting down: no longer ready.
	live.Close()
	if resp, _ := testutil.Get(t, srv.URL+"/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz after close = %d; want 503", resp.StatusCode)
	}
}
