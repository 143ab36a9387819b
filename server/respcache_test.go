package server_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// suggestCacheCount reads
// glossary_response_cache_requests_total{cache="suggest",result} off
// /metrics.
func suggestCacheCount(t *testing.T, base, result string) int {
	t.Helper()
	_, body := get(t, base+"/metrics")
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
	data := t.TempDir()
	live := search.NewLive(newGeneration(t, data))
	srv := httptest.NewServer(server.New(server.LiveSource{Live: live}, server.Options{}).Handler())
	t.Cleanup(func() { srv.Close(); live.Close() })

	fetch := func(path string) string {
		t.Helper()
		resp, body := get(t, srv.URL+path)
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
	srv, _ := newTestServer(t)
	tookRe := regexp.MustCompile(`"took_ms":[0-9.]+`)
	fetch := func(path string) string {
		t.Helper()
		resp, body := get(t, srv.URL+path)
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
		_, body := get(t, srv.URL+"/metrics")
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
