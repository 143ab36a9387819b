package server_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

// headHeaders are the headers a HEAD and a GET of the same URL may
// differ in: the time, the request's own id, and how a body would be
// framed (a GET too long for one buffer is chunked; a HEAD has no body).
var headHeaders = []string{"Date", "X-Request-Id", "Transfer-Encoding"}

// TestHead: HEAD is answered as GET is, with the same status and headers
// (Content-Length and ETag included) and no body, on pages, static
// files, the API, the operator endpoints and errors; a HEAD revalidating
// an ETag gets the 304 a GET would.
func TestHead(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	for _, tt := range []struct {
		path  string
		timed bool // a search answer's took_ms, and so its length, changes
	}{
		{"/terms/idempotent", false},
		{"/search?q=cache", false},
		{"/", false},
		{"/static/app.css", false},
		{"/static/app.css?v=1", false},
		{"/api/v1/suggest?q=idem", false},
		{"/api/v1/search?q=race+condtion", true},
		{"/api/v1/terms/backpressure", false},
		{"/api/v1/openapi.json", false},
		{"/healthz", false},
		{"/terms/no-such-term", false},
		{"/api/v1/suggest?size=0", false},
		{"/api/v1/no-such-route", false},
	} {
		path := tt.path
		t.Run(path, func(t *testing.T) {
			want, wantBody := testutil.Get(t, srv.URL+path)
			got, body := testutil.Do(t, newRequest(t, http.MethodHead, srv.URL+path, nil))
			if got.StatusCode != want.StatusCode || len(body) != 0 {
				t.Fatalf("HEAD %s = %d with %d bytes; want %d (as GET) without a body", path, got.StatusCode, len(body), want.StatusCode)
			}
			if cl := want.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(wantBody)) {
				t.Errorf("GET %s Content-Length = %s for %d bytes", path, cl, len(wantBody))
			}
			if tt.timed && got.Header.Get("Content-Length") != "" {
				want.Header.Set("Content-Length", got.Header.Get("Content-Length"))
			}
			if diff := cmp.Diff(comparable(want.Header), comparable(got.Header)); diff != "" {
				t.Errorf("HEAD %s headers differ from GET's (-GET +HEAD):\n%s", path, diff)
			}
			if etag := want.Header.Get("ETag"); etag != "" {
				req := newRequest(t, http.MethodHead, srv.URL+path, nil)
				req.Header.Set("If-None-Match", etag)
				if resp, _ := testutil.Do(t, req); resp.StatusCode != http.StatusNotModified {
					t.Errorf("HEAD %s with If-None-Match: %s = %d; want 304", path, etag, resp.StatusCode)
				}
			}
		})
	}
}

func comparable(h http.Header) http.Header {
	h = h.Clone()
	for _, k := range headHeaders {
		h.Del(k)
	}
	return h
}

// TestHeadEveryRoute: every GET route is a HEAD route too, so a route
// added later cannot forget it; other methods are still 405, which now
// names HEAD among the methods allowed.
func TestHeadEveryRoute(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	routes := srv.Config.Handler.(*gin.Engine).Routes()
	var gets, heads []string
	for _, r := range routes {
		switch r.Method {
		case http.MethodGet:
			gets = append(gets, r.Path)
		case http.MethodHead:
			heads = append(heads, r.Path)
		default:
			t.Errorf("route %s %s: the server answers GET and HEAD only", r.Method, r.Path)
		}
	}
	slices.Sort(gets)
	slices.Sort(heads)
	if diff := cmp.Diff(gets, heads); diff != "" {
		t.Errorf("GET routes without HEAD (-GET +HEAD):\n%s", diff)
	}
	resp, body := testutil.Do(t, newRequest(t, http.MethodPost, srv.URL+"/api/v1/suggest?q=idem", nil))
	if resp.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(resp.Header.Get("Allow"), "HEAD") || !strings.Contains(string(body), "GET and HEAD") {
		t.Errorf("POST = %d, Allow %q, %s; want 405 allowing GET and HEAD", resp.StatusCode, resp.Header.Get("Allow"), body)
	}
}

// TestCORSPreflightHead: a preflight for HEAD is allowed, and every
// preflight lists GET, HEAD and OPTIONS.
func TestCORSPreflightHead(t *testing.T) {
	t.Parallel()
	const editor = "https://editor.example.com"
	srv, _ := newTestServer(t, server.Options{AllowedOrigins: []string{editor}})
	for _, method := range []string{"GET", "HEAD"} {
		req := newRequest(t, http.MethodOptions, srv.URL+"/api/v1/suggest?q=idem", nil)
		req.Header.Set("Origin", editor)
		req.Header.Set("Access-Control-Request-Method", method)
		resp, _ := testutil.Do(t, req)
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != editor {
			t.Fatalf("preflight for %s = %d, Allow-Origin %q; want 204 for %s", method, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), editor)
		}
		if got := resp.Header.Get("Access-Control-Allow-Methods"); got != "GET,HEAD,OPTIONS" {
			t.Errorf("preflight for %s: Access-Control-Allow-Methods = %q; want GET,HEAD,OPTIONS", method, got)
		}
	}
	req := newRequest(t, http.MethodHead, srv.URL+"/api/v1/suggest?q=idem", nil)
	req.Header.Set("Origin", editor)
	if resp, _ := testutil.Do(t, req); resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != editor {
		t.Errorf("HEAD from %s = %d, Allow-Origin %q; want 200 with CORS headers", editor, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
}
