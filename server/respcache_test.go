package server_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// suggestCacheCount reads
// glossary_response_cache_requests_total{cache="suggest",result} off
// /metrics.
func suggestCacheCount(t *testing.T, base, result string) int {
	t.Helper()
	_, body := testutil.Get(t, base+"/metrics")
	m := regexp.MustCompile(`glossary_response_cache_requests_total\{cache="suggest",result="` + result + `"\} (\d+)`).FindSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestSuggestResponseCache: a repeated autocomplete request is answered
// from the response cache with the very same body; another query, other
// fields or a new generation are computed afresh.
func TestSuggestResponseCache(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	live := search.NewLive(newGeneration(t, data))
	srv := httptest.NewServer(newHandler(t, server.LiveSource{Live: live}, server.Options{}))
	t.Cleanup(func() { srv.Close(); live.Close() })

	fetch := func(path string) string {
		t.Helper()
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		return string(body)
	}
	first := fetch("/api/v1/suggest?q=idem")
	if again := fetch("/api/v1/suggest?q=idem"); again != first {
		t.Errorf("cached body differs:\n%s\n%s", first, again)
	}
	if hits, misses := suggestCacheCount(t, srv.URL, "hit"), suggestCacheCount(t, srv.URL, "miss"); hits != 1 || misses != 1 {
		t.Errorf("hits, misses = %d, %d; want 1, 1", hits, misses)
	}
	withLevel := fetch("/api/v1/suggest?q=idem&fields=level")
	other := fetch("/api/v1/suggest?q=cach")
	if withLevel == first || other == first {
		t.Error("another query or other fields got the cached body")
	}
	if misses := suggestCacheCount(t, srv.URL, "miss"); misses != 3 {
		t.Errorf("misses = %d; want 3", misses)
	}

	// A reindex: the same URL is computed again from the new generation.
	live.Swap(newGeneration(t, data))
	if again := fetch("/api/v1/suggest?q=idem"); again != first {
		t.Errorf("same corpus, new generation: body %s; want %s", again, first)
	}
	if misses := suggestCacheCount(t, srv.URL, "miss"); misses != 4 {
		t.Errorf("misses after a reindex = %d; want 4", misses)
	}
}

// TestSearchResponseCache: a repeated search is answered from the cache,
// the same but for took_ms, which is the repeated request's own time; a
// repeated search that found nothing still counts as a gap each time.
func TestSearchResponseCache(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	tookRe := regexp.MustCompile(`"took_ms":[0-9.]+`)
	fetch := func(path string) string {
		t.Helper()
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		if !tookRe.Match(body) {
			t.Fatalf("GET %s: no took_ms in %s", path, body)
		}
		return tookRe.ReplaceAllString(string(body), `"took_ms":T`)
	}
	count := func(series string) int { // a series' name and labels, as a regexp
		t.Helper()
		_, body := testutil.Get(t, srv.URL+"/metrics")
		m := regexp.MustCompile(series + ` (\d+)`).FindSubmatch(body)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	first := fetch("/api/v1/search?q=race+condtion")
	if again := fetch("/api/v1/search?q=race+condtion"); again != first {
		t.Errorf("cached answer differs beyond took_ms:\n%s\n%s", first, again)
	}
	if hits := count(`glossary_response_cache_requests_total\{cache="search",result="hit"\}`); hits != 1 {
		t.Errorf("search cache hits = %d; want 1", hits)
	}
	for range 2 {
		fetch("/api/v1/search?q=zzyzx")
	}
	if gaps := count("glossary_zero_result_searches_total"); gaps != 2 {
		t.Errorf("zero-result searches = %d; want 2, the cached one included", gaps)
	}
}

// TestResponseCacheCollision: two URLs whose ETags collide never share
// an answer. Under a weak hash that tags every URL alike, as a forged
// collision would, each URL still gets its own answer, first computed and
// then from the cache; a colliding tag sent back gets a 304 only for the
// client that sent it, which is all a validator can do.
//
// Not parallel: SetETagHash replaces a package variable that every
// server's handlers read.
func TestResponseCacheCollision(t *testing.T) {
	defer server.SetETagHash(func(string) uint64 { return 0x0123456789abcdef })()
	srv, _ := newTestServer(t)
	tests := []struct{ path, want string }{
		{"/api/v1/suggest?q=idem&z=krrpdqsz3o5fl", `{"query":"idem","suggestions":[{"id":"idempotent"`},
		{"/api/v1/suggest?q=back&z=zcdcjduejbqpc", `{"query":"back","suggestions":[{"id":"backpressure"`},
		{"/api/v1/search?q=idempotent", `"hits":[{"id":"idempotent"`},
		{"/api/v1/search?q=backpressure", `"hits":[{"id":"backpressure"`},
	}
	var etag string
	for round := range 2 { // computed, then from the cache
		for _, tt := range tests {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.want) {
				t.Fatalf("round %d: GET %s = %d %.200s; want 200 with %s", round, tt.path, resp.StatusCode, body, tt.want)
			}
			if got := resp.Header.Get("ETag"); etag == "" {
				etag = got
			} else if got != etag {
				t.Fatalf("GET %s ETag = %s; want the forced collision %s", tt.path, got, etag)
			}
		}
	}
	if hits := suggestCacheCount(t, srv.URL, "hit"); hits != 2 {
		t.Errorf("suggest cache hits = %d; want 2 (each URL's own answer once)", hits)
	}
	resp, body := getWith(t, srv.URL+tests[1].path, "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("GET %s with a colliding If-None-Match = %d; want 304, the sender's own cache being all it can mislead", tests[1].path, resp.StatusCode)
	}
}
