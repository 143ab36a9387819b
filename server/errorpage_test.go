package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

// TestErrorPages: an HTML error page says what happened and what to do,
// as the API's problem does: a 413 and a 429 are not "an internal error".
func TestErrorPages(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t, server.Options{MaxBodyBytes: 64, RateLimits: server.RateLimits{Lookup: server.RateLimit{Rate: 0.01, Burst: 2}}})
	post := newRequest(t, http.MethodPost, srv.URL+"/browse", nil)
	body := newRequest(t, http.MethodGet, srv.URL+"/terms/idempotent", strings.NewReader(strings.Repeat("x", 100)))
	tests := []struct {
		name   string
		req    *http.Request
		status int
		want   []string
	}{
		{"413", body, 413, []string{"Request too large", "body larger than this site takes", "use the search box"}},
		{"405", post, 405, []string{"Method not allowed", "only GET and HEAD are supported here"}},
		// The lookup budget of two goes to the two GETs before it.
		{"429", newRequest(t, http.MethodGet, srv.URL+"/browse", nil), 429, []string{"Too many requests", "from your address", "Wait 100 seconds, then reload the page."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.status == 429 {
				for range 2 {
					testutil.Get(t, srv.URL+"/browse")
				}
			}
			resp, body := testutil.Do(t, tt.req)
			if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("%s %s = %d %s; want %d as an HTML page", tt.req.Method, tt.req.URL.Path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status)
			}
			page := string(body)
			if strings.Contains(page, "internal error") || strings.Contains(page, "Something went wrong") {
				t.Errorf("the %d page says it was an internal error:\n%s", tt.status, page)
			}
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the %d page lacks %q", tt.status, w)
				}
			}
		})
	}
}
