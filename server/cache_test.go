package server_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

var weakETag = regexp.MustCompile(`^W/"[0-9a-f]{16}"$`)

// getWith sends a GET with the given headers (name, value, name, value...).
func getWith(t *testing.T, url string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req := newRequest(t, http.MethodGet, url, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return testutil.Do(t, req)
}

// TestCacheHeaders checks each cacheable route's ETag and Cache-Control,
// and that sending the ETag back gets a 304 without a body that says
// the same about caching.
func TestCacheHeaders(t *testing.T) {
	t.Parallel()
	srv, live := newTestServer(t)
	tests := []struct {
		path    string
		control string
	}{
		{"/api/v1/suggest?q=circ+br", "public, max-age=60"},
		{"/api/v1/search?q=deadlok&level=B2", "public, max-age=60"},
		{"/api/v1/terms/latency/related?size=4", "public, max-age=60"},
		{"/api/v1/terms/backpressure", "public, max-age=300"},
		{"/api/v1/roles", "public, max-age=300"},
		{"/api/v1/roles/site-reliability-engineer", "public, max-age=300"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := testutil.Get(t, srv.URL+tt.path)
			etag := resp.Header.Get("ETag")
			if resp.StatusCode != http.StatusOK || !weakETag.MatchString(etag) {
				t.Fatalf("GET %s = %d with ETag %q; want 200 with a weak ETag", tt.path, resp.StatusCode, etag)
			}
			if got := resp.Header.Get("Cache-Control"); got != tt.control {
				t.Errorf("GET %s Cache-Control = %q; want %q", tt.path, got, tt.control)
			}
			again, _ := testutil.Get(t, srv.URL+tt.path)
			if again.Header.Get("ETag") != etag {
				t.Errorf("GET %s twice: ETag %q, then %q; want the same", tt.path, etag, again.Header.Get("ETag"))
			}

			resp, body := getWith(t, srv.URL+tt.path, "If-None-Match", etag)
			if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
				t.Fatalf("GET %s with If-None-Match: %s = %d with %d bytes; want 304 without a body", tt.path, etag, resp.StatusCode, len(body))
			}
			for name, want := range map[string]string{"ETag": etag, "Cache-Control": tt.control, server.GenerationHeader: live.Current().Generation} {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("304 %s = %q; want %q", name, got, want)
				}
			}
			if ct := resp.Header.Get("Content-Type"); ct != "" {
				t.Errorf("304 Content-Type = %q; want none", ct)
			}
		})
	}
}

// TestIfNoneMatch checks how If-None-Match is compared (RFC 9110 section
// 13.1.2): a list of tags, "*", weak comparison.
func TestIfNoneMatch(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	const path = "/api/v1/suggest?q=cache"
	resp, _ := testutil.Get(t, srv.URL+path)
	etag := resp.Header.Get("ETag")
	opaque := strings.TrimPrefix(etag, "W/")
	tests := []struct {
		name   string
		path   string
		inm    string
		status int
	}{
		{"the tag", path, etag, 304},
		{"the tag, strong form (weak comparison)", path, opaque, 304},
		{"in a list", path, `"a", W/"b",` + etag + ` , "c"`, 304},
		{"in a list without spaces", path, `"a",` + etag, 304},
		{"after a malformed entry", path, `junk, ` + etag, 304},
		{"star", path, "*", 304},
		{"star on an unknown term", "/api/v1/terms/nope", "*", 404},
		{"star on a bad request", "/api/v1/suggest?size=99", "*", 400},
		{"another tag", path, `W/"0000000000000000"`, 200},
		{"a list of other tags", path, `"a", W/"b"`, 200},
		{"the tag of another query", "/api/v1/suggest?q=cach", etag, 200},
		{"the tag without its closing quote", path, strings.TrimSuffix(etag, `"`), 200},
		{"the tag unquoted", path, strings.Trim(opaque, `"`), 200},
		{"empty", path, "", 200},
		{"the tag on a bad request", "/api/v1/suggest?q=cache&size=0", etag, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := getWith(t, srv.URL+tt.path, "If-None-Match", tt.inm)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s with If-None-Match: %s = %d %s; want %d", tt.path, tt.inm, resp.StatusCode, body, tt.status)
			}
			if tt.status == 304 && len(body) != 0 {
				t.Errorf("304 with a body of %d bytes", len(body))
			}
		})
	}
}

// TestETagDiffers checks that the ETag tells apart what the answer
// depends on, and only that.
func TestETagDiffers(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	etag := func(path string) string {
		t.Helper()
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		return resp.Header.Get("ETag")
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"/api/v1/suggest?q=ca", "/api/v1/suggest?q=cac", false},
		{"/api/v1/suggest?q=ca", "/api/v1/suggest?q=ca&size=3", false},
		{"/api/v1/suggest?q=ca", "/api/v1/search?q=ca", false},
		{"/api/v1/terms/cache", "/api/v1/terms/latency", false},
		{"/api/v1/search?level=B1&level=B2", "/api/v1/search?level=B2&level=B1", false}, // conservative: the order of values is kept
		{"/api/v1/suggest?q=ca", "/api/v1/suggest?q=ca&_=1", false},                     // a cache buster busts
		{"/api/v1/suggest?q=ca&size=3", "/api/v1/suggest?size=3&q=ca", true},
		{"/api/v1/suggest?q=circ+br", "/api/v1/suggest?q=circ%20br", true},
		{"/api/v1/suggest?q=ca", "/api/v1/suggest?q=ca&", true},
		{"/api/v1/suggest?q=ca&role=backend-developer", "/api/v1/suggest?role=backend-developer&q=ca", true},
	}
	for _, tt := range tests {
		if got := etag(tt.a) == etag(tt.b); got != tt.same {
			t.Errorf("ETag of %s == ETag of %s: %v; want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

// TestETagChangesWithGeneration checks that a reindex changes every tag:
// a tag of the old generation gets a 200 with the new tag.
func TestETagChangesWithGeneration(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	live := search.NewLive(newGeneration(t, data))
	srv := httptest.NewServer(newHandler(t, server.LiveSource{Live: live}, server.Options{}))
	t.Cleanup(func() {
		srv.Close()
		live.Close()
	})
	const path = "/api/v1/suggest?q=ca"
	before, _ := testutil.Get(t, srv.URL+path)
	old := before.Header.Get("ETag")

	live.Swap(newGeneration(t, data))
	resp, body := getWith(t, srv.URL+path, "If-None-Match", old)
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Fatalf("GET %s with the previous generation's ETag = %d; want 200 with a body", path, resp.StatusCode)
	}
	if gen := resp.Header.Get(server.GenerationHeader); gen == before.Header.Get(server.GenerationHeader) {
		t.Fatalf("generation %s after a reindex; want a new one", gen)
	}
	if now := resp.Header.Get("ETag"); now == old || !weakETag.MatchString(now) {
		t.Errorf("ETag after a reindex = %q; want a new weak tag, not %q", now, old)
	}
}

// TestErrorsNotCached checks that errors carry no ETag and must not be
// stored, even on cacheable routes.
func TestErrorsNotCached(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t, server.Options{RateLimits: server.RateLimits{Lookup: server.RateLimit{Rate: 0.001, Burst: 3}}})
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/api/v1/suggest?size=0", 400},
		{"/api/v1/search?q=%ff", 400},
		{"/api/v1/terms/nope", 404},
		{"/api/v1/terms/nope/related", 404},
		{"/api/v1/roles/astronaut", 404},
		{"/api/v1/roles", 429}, // the lookup budget (three requests) went to the 404s above
		{"/api/v2/suggest", 404},
	} {
		resp, body := testutil.Get(t, srv.URL+tt.path)
		if resp.StatusCode != tt.status {
			t.Fatalf("GET %s = %d %s; want %d", tt.path, resp.StatusCode, body, tt.status)
		}
		if etag, cc := resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"); etag != "" || cc != "no-store" {
			t.Errorf("GET %s = %d with ETag %q and Cache-Control %q; want no ETag and no-store", tt.path, tt.status, etag, cc)
		}
	}
}

// TestNotModifiedCORS checks that a 304 carries the CORS headers its 200
// would, so a browser-based editor can use it, and that the ETag is
// readable by the calling script.
func TestNotModifiedCORS(t *testing.T) {
	t.Parallel()
	const editor = "https://editor.example.com"
	srv, _ := newTestServer(t, server.Options{AllowedOrigins: []string{editor}})
	const path = "/api/v1/suggest?q=ca"
	first, _ := getWith(t, srv.URL+path, "Origin", editor)
	etag := first.Header.Get("ETag")
	if exp := strings.ToLower(first.Header.Get("Access-Control-Expose-Headers")); !strings.Contains(exp, "etag") {
		t.Errorf("Access-Control-Expose-Headers = %q; want ETag in it", exp)
	}
	resp, _ := getWith(t, srv.URL+path, "Origin", editor, "If-None-Match", etag)
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("GET %s from %s with If-None-Match = %d; want 304", path, editor, resp.StatusCode)
	}
	h := resp.Header
	if h.Get("Access-Control-Allow-Origin") != editor || !strings.Contains(strings.ToLower(h.Get("Access-Control-Expose-Headers")), "etag") {
		t.Errorf("304 CORS headers: Allow-Origin %q, Expose-Headers %q; want %s and ETag", h.Get("Access-Control-Allow-Origin"), h.Get("Access-Control-Expose-Headers"), editor)
	}
	if vary := strings.Join(h.Values("Vary"), ","); !strings.Contains(vary, "Origin") {
		t.Errorf("304 Vary = %q; want Origin", vary)
	}

	// A plugin revalidating its own cache sends If-None-Match itself, so
	// the preflight must allow it.
	req := newRequest(t, http.MethodOptions, srv.URL+path, nil)
	req.Header.Set("Origin", editor)
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "if-none-match")
	pre, _ := testutil.Do(t, req)
	if pre.StatusCode != http.StatusNoContent || !strings.Contains(strings.ToLower(pre.Header.Get("Access-Control-Allow-Headers")), "if-none-match") {
		t.Errorf("preflight for If-None-Match = %d, Allow-Headers %q; want 204 allowing it", pre.StatusCode, pre.Header.Get("Access-Control-Allow-Headers"))
	}
}
