package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

func testLogger(level slog.Level) (*slog.Logger, *testutil.SyncBuffer) {
	buf := &testutil.SyncBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: level})), buf
}

func newRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestBadInput sends every kind of bad input a client controls and checks
// each is answered with the right 4xx problem, never a 5xx.
func TestBadInput(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	long := strings.Repeat("x", server.MaxValueLength+1)
	tests := []struct {
		name   string
		path   string
		status int
		detail string
	}{
		{"term id not UTF-8", "/api/v1/terms/%ff", 400, "path segment id is not valid UTF-8"},
		{"term id with a control character", "/api/v1/terms/a%01b", 400, "path segment id contains a control character at byte 1"},
		{"term id too long", "/api/v1/terms/" + long, 400, "path segment id is 101 characters long; the limit is 100"},
		{"related id not UTF-8", "/api/v1/terms/%c3%28/related", 400, "path segment id is not valid UTF-8"},
		{"role slug with a newline", "/api/v1/roles/a%0Ab", 400, "path segment slug contains a control character"},
		{"role slug too long", "/api/v1/roles/" + long, 400, "path segment slug is 101 characters long"},
		{"suggest role too long", "/api/v1/suggest?q=a&role=" + long, 400, "parameter role is 101 characters long"},
		{"suggest role not UTF-8", "/api/v1/suggest?q=a&role=%ff", 400, "parameter role is not valid UTF-8"},
		{"suggest query too long", "/api/v1/suggest?q=" + strings.Repeat("a", search.MaxQueryLength+1), 400, "parameter q is 201 characters long; the limit is 200"},
		{"filter value too long", "/api/v1/search?role=" + long, 400, "a value of parameter role is 101 characters long"},
		{"filter value with a control character", "/api/v1/search?category=a%7f", 400, "parameter category contains a control character"},
		{"too many filter values repeated", "/api/v1/search?pos=a" + strings.Repeat("&pos=a", search.MaxFilterVals), 400, "at most 20 values of pos"},
		{"q with a tab", "/api/v1/search?q=a%09b", 400, "parameter q contains a control character at byte 1"},
		{"q too long in characters", "/api/v1/search?q=" + strings.Repeat("%C3%A9", search.MaxQueryLength+1), 400, "parameter q is 201 characters long; the limit is 200"},
		{"bad percent escape", "/api/v1/search?q=%zz", 400, `the query string is malformed (invalid URL escape "%zz"): a % starts a %-escape of two hex digits, so write a literal % as %25`},
		{"semicolon separator", "/api/v1/search?q=a;b", 400, "the query string is malformed (invalid semicolon separator in query): separate parameters with &, and write a ; inside a value as %3B"},
		{"too many parameters", "/api/v1/search?q=a" + strings.Repeat("&", 10000), 400, `the query string has 10001 parameters (counting the empty ones between "&" separators); at most 10000 are read`},
		{"as many parameters as allowed", "/api/v1/search?q=a" + strings.Repeat("&", 9999), 200, ""},
		{"size overflows", "/api/v1/search?size=99999999999999999999999", 400, "parameter size must be a whole number from 1 to 50"},
		{"size not a number", "/api/v1/suggest?q=a&size=1e3", 400, "parameter size must be a whole number from 1 to 10"},
		{"from too big", "/api/v1/search?from=1001", 400, "parameter from must be a whole number from 0 to 1000"},
		{"related size negative", "/api/v1/terms/latency/related?size=-1", 400, "parameter size must be a whole number from 1 to 50"},

		{"unknown parameters are ignored", "/api/v1/search?q=cache&utm_source=x&callback=alert(1)&%ff=%ff", 200, ""},
		{"a repeated scalar uses its first value", "/api/v1/search?q=cache&size=1&size=ten", 200, ""},
		{"well-formed unknown id", "/api/v1/terms/no-such-term", 404, `term "no-such-term": not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %.80s = %d %s; want %d", tt.path, resp.StatusCode, body, tt.status)
			}
			if tt.status < 400 {
				return
			}
			var p server.Problem
			mustDecode(t, body, &p)
			if resp.Header.Get("Content-Type") != "application/problem+json" || p.Status != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("GET %.80s = %s %s; want problem+json with detail containing %q", tt.path, resp.Header.Get("Content-Type"), body, tt.detail)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t, server.Options{MaxBodyBytes: 64})
	tests := []struct {
		name    string
		body    io.Reader
		chunked bool
		status  int
	}{
		{"no body", nil, false, 200},
		{"small body", strings.NewReader("x=1"), false, 200},
		{"body over the limit", strings.NewReader(strings.Repeat("x", 65)), false, 413},
		{"chunked body under the limit", strings.NewReader("x=1"), true, 200},
		{"chunked body over the limit", strings.NewReader(strings.Repeat("x", 1<<20)), true, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodGet, srv.URL+"/api/v1/suggest?q=ca", tt.body)
			if tt.chunked {
				req.ContentLength = -1
				req.Body = io.NopCloser(tt.body) // hide the length: sent chunked
			}
			resp, body := testutil.Do(t, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET with %s = %d %s; want %d", tt.name, resp.StatusCode, body, tt.status)
			}
			if tt.status == 413 && (resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), "too large")) {
				t.Errorf("413 body = %s %s", resp.Header.Get("Content-Type"), body)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	want := map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
	}
	for _, path := range []string{"/api/v1/search?q=cache", "/api/v1/terms/nope", "/api/v1/search?size=0", "/healthz", "/nowhere"} {
		resp, _ := testutil.Get(t, srv.URL+path)
		for h, v := range want {
			if got := resp.Header.Get(h); got != v {
				t.Errorf("GET %s: %s = %q; want %q", path, h, got, v)
			}
		}
	}
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	log, logs := testLogger(slog.LevelInfo)
	srv, _ := newTestServer(t, server.Options{Logger: log})
	generated := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name, sent string
		keep       bool
	}{
		{"none sent", "", false},
		{"well-formed kept", "edit-plugin.42:abc_DEF", true},
		{"uuid kept", "3f1c2b9e-8a7d-4e6f-9b0a-1c2d3e4f5a6b", true},
		{"spaces replaced", "a b", false},
		{"quotes replaced", `a"b`, false},
		{"too long replaced", strings.Repeat("a", 129), false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := newRequest(t, http.MethodGet, srv.URL+"/api/v1/search?q=secret+words", nil)
			if tt.sent != "" {
				req.Header.Set(server.RequestIDHeader, tt.sent)
			}
			resp, _ := testutil.Do(t, req)
			id := resp.Header.Get(server.RequestIDHeader)
			if tt.keep && id != tt.sent {
				t.Errorf("%s = %q; want the one sent, %q", server.RequestIDHeader, id, tt.sent)
			}
			if !tt.keep && !generated.MatchString(id) {
				t.Errorf("%s = %q; want a generated id", server.RequestIDHeader, id)
			}
			if seen[id] {
				t.Errorf("request id %q given twice", id)
			}
			seen[id] = true
			line := findLine(logs.String(), "request_id="+id)
			for _, want := range []string{"msg=request", "method=GET", "route=/api/v1/search", "status=200", "latency=", "q_len=12"} {
				if !strings.Contains(line, want) {
					t.Errorf("log line %q lacks %q", line, want)
				}
			}
		})
	}
	if strings.Contains(logs.String(), "secret") {
		t.Errorf("the query text was logged at info level:\n%s", logs.String())
	}
}

func TestQueryLoggedAtDebugOnly(t *testing.T) {
	t.Parallel()
	log, logs := testLogger(slog.LevelDebug)
	srv, _ := newTestServer(t, server.Options{Logger: log})
	testutil.Get(t, srv.URL+"/api/v1/search?q=secret+words")
	if line := findLine(logs.String(), "secret words"); !strings.Contains(line, "level=DEBUG") {
		t.Errorf("query logged as %q; want at debug level only:\n%s", line, logs.String())
	}
}

// panicking is a Source whose searches panic.
type panicking struct{ server.Searcher }

func (panicking) Acquire() (server.Searcher, func(), error) { return panicking{}, func() {}, nil }
func (panicking) Manifest() search.Manifest                 { return search.Manifest{Generation: "gen-x"} }
func (panicking) Search(context.Context, search.Request) (*search.Result, error) {
	panic("boom")
}

func TestPanicIsLoggedAnd500(t *testing.T) {
	t.Parallel()
	log, logs := testLogger(slog.LevelInfo)
	srv := httptest.NewServer(newHandler(t, panicking{}, server.Options{Logger: log}))
	defer srv.Close()
	req := newRequest(t, http.MethodGet, srv.URL+"/api/v1/search?q=a", nil)
	req.Header.Set(server.RequestIDHeader, "req-panic-1")
	resp, body := testutil.Do(t, req)
	var p server.Problem
	mustDecode(t, body, &p)
	if resp.StatusCode != 500 || resp.Header.Get("Content-Type") != "application/problem+json" || p.Detail != "internal error" {
		t.Errorf("panicking search = %d %s %s; want a 500 problem saying internal error", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	line := findLine(logs.String(), "msg=panic")
	for _, want := range []string{"request_id=req-panic-1", "route=/api/v1/search", "panic=boom", "stack="} {
		if !strings.Contains(line, want) {
			t.Errorf("panic log line %q lacks %q", line, want)
		}
	}
	if line := findLine(logs.String(), "msg=request"); !strings.Contains(line, "status=500") || !strings.Contains(line, "level=ERROR") {
		t.Errorf("access log line %q; want status=500 at error level", line)
	}
	// The server still answers.
	if resp, _ := testutil.Get(t, srv.URL+"/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz after a panic = %d", resp.StatusCode)
	}
}

func findLine(logs, s string) string {
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}
