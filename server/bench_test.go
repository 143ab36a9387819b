package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// suggestPaths are what an editor plugin sends while a word is typed,
// rotated per request as scripts/loadtest.sh does.
var suggestPaths = []string{
	"/api/v1/suggest?q=c",
	"/api/v1/suggest?q=ca",
	"/api/v1/suggest?q=cach",
	"/api/v1/suggest?q=circ%20br",
	"/api/v1/suggest?q=backpresu",
	"/api/v1/suggest?q=idem",
	"/api/v1/suggest?q=lat&size=5",
	"/api/v1/suggest?q=thr&role=site-reliability-engineer",
}

// BenchmarkSuggestHandler measures GET /api/v1/suggest through the whole
// handler chain (middleware included, no network), so the cost of what
// the server adds around a suggest shows: a full answer (200), one with
// the fields parameter (200-fields), and an answer to a plugin or cache
// revalidating with If-None-Match (304). Run it with
//
//	go test -run '^$' -bench SuggestHandler -benchmem ./server
func BenchmarkSuggestHandler(b *testing.B) {
	srv, _ := newTestServer(b)
	h := srv.Config.Handler
	reqs := make([]*http.Request, len(suggestPaths))
	withFields := make([]*http.Request, len(suggestPaths))
	revalidate := make([]*http.Request, len(suggestPaths))
	for i, p := range suggestPaths {
		reqs[i] = httptest.NewRequest(http.MethodGet, p, nil)
		withFields[i] = httptest.NewRequest(http.MethodGet, p+"&fields=level,example", nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, reqs[i])
		revalidate[i] = httptest.NewRequest(http.MethodGet, p, nil)
		revalidate[i].Header.Set("If-None-Match", rec.Header().Get("ETag"))
	}
	b.Run("200", func(b *testing.B) { serveEach(b, h, reqs, http.StatusOK) })
	b.Run("200-fields", func(b *testing.B) { serveEach(b, h, withFields, http.StatusOK) })
	b.Run("304", func(b *testing.B) { serveEach(b, h, revalidate, http.StatusNotModified) })
}

// serveEach serves reqs in turn until the benchmark ends, failing on any
// answer other than want.
func serveEach(b *testing.B, h http.Handler, reqs []*http.Request, want int) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		rec := httptest.NewRecorder()
		r := reqs[i%len(reqs)]
		h.ServeHTTP(rec, r)
		if rec.Code != want {
			b.Fatalf("GET %s (If-None-Match %q) = %d; want %d", r.URL, r.Header.Get("If-None-Match"), rec.Code, want)
		}
	}
}

// BenchmarkPages measures the pages that list the whole glossary, over
// the embedded corpus (the curated terms), through the whole handler
// chain. Their counts and lists come from the generation's catalog, made
// once, so a request no longer walks every term. Run it with
//
//	go test -run '^$' -bench Pages -benchmem ./server
func BenchmarkPages(b *testing.B) {
	srv, _ := serveGeneration(b, buildGeneration(b, b.TempDir(), "../corpus"))
	h := srv.Config.Handler
	for _, path := range []string{"/", "/browse", "/browse/k", "/levels"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		b.Run(path, func(b *testing.B) { serveEach(b, h, []*http.Request{req}, http.StatusOK) })
	}
}
