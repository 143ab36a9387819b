package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

func TestRateLimit(t *testing.T) {
	t.Parallel()
	m := server.NewMetrics()
	srv, _ := newTestServer(t, server.Options{Metrics: m, RateLimits: server.RateLimits{
		Search:  server.RateLimit{Rate: 0.05, Burst: 2},
		Suggest: server.RateLimit{Rate: 0.05, Burst: 6},
	}})
	// allowed counts the requests to path answered 200 before the first 429.
	allowed := func(path string, tries int) (int, *http.Response, []byte) {
		for i := range tries {
			resp, body := testutil.Get(t, srv.URL+path)
			if resp.StatusCode == http.StatusTooManyRequests {
				return i, resp, body
			}
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
			}
		}
		return tries, nil, nil
	}
	nSearch, resp, body := allowed("/api/v1/search?q=cache", 20)
	if nSearch != 2 {
		t.Errorf("search allowed %d requests in a burst; want 2", nSearch)
	}
	if resp == nil {
		t.Fatal("search was never limited")
	}
	var p server.Problem
	mustDecode(t, body, &p)
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 20 {
		t.Errorf("Retry-After = %q; want 1 to 20 seconds", resp.Header.Get("Retry-After"))
	}
	if resp.Header.Get("Content-Type") != "application/problem+json" || p.Status != 429 || !strings.Contains(p.Detail, "too many search requests") {
		t.Errorf("429 = %s %s; want a problem saying too many search requests", resp.Header.Get("Content-Type"), body)
	}
	nSuggest, _, _ := allowed("/api/v1/suggest?q=ca", 20)
	if nSuggest != 6 || nSuggest <= nSearch {
		t.Errorf("suggest allowed %d requests in a burst; want 6, more than search's %d", nSuggest, nSearch)
	}
	// Lookups have no limit here; probes and metrics are never limited.
	for _, path := range []string{"/api/v1/terms/cache", "/api/v1/roles", "/healthz", "/readyz", "/metrics"} {
		if n, _, _ := allowed(path, 15); n != 15 {
			t.Errorf("%s limited after %d requests; want no limit", path, n)
		}
	}
	_, metrics := testutil.Get(t, srv.URL+"/metrics")
	for _, want := range []string{`glossary_rate_limited_requests_total{class="search"} 1`, `glossary_rate_limited_requests_total{class="suggest"} 1`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestForwardedForIgnoredUnlessTrusted checks that a client cannot dodge
// its limit by sending a new X-Forwarded-For with each request, and that
// behind a configured proxy each forwarded client has its own budget.
func TestForwardedForIgnoredUnlessTrusted(t *testing.T) {
	t.Parallel()
	limits := server.RateLimits{Search: server.RateLimit{Rate: 0.1, Burst: 1}}
	tests := []struct {
		name    string
		trusted []string
		want    []int
	}{
		{"no trusted proxy: one client", nil, []int{200, 429, 429}},
		{"loopback trusted: three clients", []string{"127.0.0.1"}, []int{200, 200, 200}},
		{"another proxy trusted: one client", []string{"10.0.0.0/8"}, []int{200, 429, 429}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(t, server.Options{RateLimits: limits, TrustedProxies: tt.trusted})
			for i, want := range tt.want {
				req := newRequest(t, http.MethodGet, srv.URL+"/api/v1/search?q=cache", nil)
				req.Header.Set("X-Forwarded-For", "203.0.113."+strconv.Itoa(i+1))
				if resp, _ := testutil.Do(t, req); resp.StatusCode != want {
					t.Errorf("request %d from X-Forwarded-For 203.0.113.%d = %d; want %d", i+1, i+1, resp.StatusCode, want)
				}
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts server.Options
		want string
	}{
		{"zero", server.Options{}, ""},
		{"negative rate", server.Options{RateLimits: server.RateLimits{Search: server.RateLimit{Rate: -1, Burst: 1}}}, "rate limit of search: rate must be"},
		{"no burst", server.Options{RateLimits: server.RateLimits{Suggest: server.RateLimit{Rate: 1}}}, "rate limit of suggest: burst must be at least 1"},
		{"bad proxy", server.Options{TrustedProxies: []string{"10.0.0.300"}}, "trusted proxies"},
		{"proxy range", server.Options{TrustedProxies: []string{"10.0.0.0/8", "::1"}}, ""},
		{"negative max clients", server.Options{RateLimits: server.RateLimits{MaxClients: -1}}, "max clients must not be negative"},
		{"bad origin", server.Options{AllowedOrigins: []string{"example.com"}}, "origin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v; want %q", err, tt.want)
			}
			// New refuses what Validate rejects, rather than serving
			// without the limits or proxies asked for.
			s, err := server.New(&server.Pending{}, tt.opts)
			if tt.want == "" && (err != nil || s == nil) || tt.want != "" && (err == nil || s != nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("New() = %v, %v; want %q", s, err, tt.want)
			}
		})
	}
}
