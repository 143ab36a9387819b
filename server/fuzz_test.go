package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fuzzRoutes are the paths FuzzHandler sends its query strings to; a
// route with %s gets the fuzzed path segment.
var fuzzRoutes = []string{
	"/api/v1/search",
	"/api/v1/suggest",
	"/api/v1/terms/%s",
	"/api/v1/terms/%s/related",
	"/api/v1/roles",
	"/api/v1/roles/%s",
	"/healthz",
	"/readyz",
	"/%s",
	"/api/v1/openapi.json",
	"/api/v1/practice/roles/%s",
	"/api/v1/practice/terms",
	"/practice",
	"/my-words",
}

// FuzzHandler sends arbitrary query strings and path segments to every
// route: no answer may be a 5xx, and every error is a problem+json (API)
// or an HTML page (web pages).
func FuzzHandler(f *testing.F) {
	f.Add(0, "q=race+condtion&level=B2,C1&size=5", "")
	f.Add(1, "q=circ%20br&role=backend-developer&size=3", "")
	f.Add(2, "", "idempotent")
	f.Add(3, "size=ten", "%ff")
	f.Add(5, "", "a\x00b")
	f.Add(0, "q=%zz&size=99999999999999999999", "")
	f.Add(0, "q=a;b&from=-1&pos=noun&pos=verb&category=", "")
	f.Add(1, "q=\xff\xfe&size=0", "")
	f.Add(0, "q="+strings.Repeat("%C3%A9", 201), "")
	f.Add(0, "level="+strings.Repeat("B1,", 30), "")
	f.Add(8, "", "../../etc/passwd")
	f.Add(1, "q=c&fields=level,aliases,example,categories,roles&size=10", "")
	f.Add(1, "q=c&fields=colour&fields=,,level%2C", "")
	f.Add(10, "category=database", "backend-developer")
	f.Add(11, "ids=sharding,,nope&ids=%C3%A9", "")
	f.Add(12, "role=backend-developer&category=%00", "")
	srv, _ := newTestServer(f)
	h := srv.Config.Handler
	f.Fuzz(func(t *testing.T, route int, rawQuery, segment string) {
		path := fuzzRoutes[uint(route)%uint(len(fuzzRoutes))]
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path = strings.Replace(path, "%s", segment, 1)
		req.URL.RawQuery = rawQuery
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s = %d %s; want no 5xx", req.URL.Path, rawQuery, rec.Code, rec.Body)
		}
		// API and operator paths answer errors as problem+json, the
		// rest as HTML pages.
		p := req.URL.Path
		want := "text/html; charset=utf-8"
		if strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics" {
			want = "application/problem+json"
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != want {
			t.Errorf("GET %s?%s = %d with Content-Type %q; want %q", p, rawQuery, rec.Code, rec.Header().Get("Content-Type"), want)
		}
	})
}
