package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/gin-gonic/gin"
	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

// The OpenAPI document (server/openapi.json) is a contract, so these tests
// hold the server to it and it to the server: the routes match, every
// documented parameter is accepted, and real answers of a real index,
// errors included, validate against the documented responses, headers
// and all. Answers are validated strictly: an object may have no field
// the document does not name (the published document lets clients expect
// new fields; the server must not send them undocumented).

// loadOpenAPI loads and validates the document the server serves.
func loadOpenAPI(t *testing.T, srv string) *openapi3.T {
	t.Helper()
	resp, body := testutil.Get(t, srv+"/api/v1/openapi.json")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(body)
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	return doc
}

// strictRouter makes doc strict and returns a router that finds its
// operations, for validate.
func strictRouter(t *testing.T, doc *openapi3.T) routers.Router {
	t.Helper()
	strict(doc)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return router
}

// strict makes every object schema of doc that names its properties and
// says nothing about others refuse others.
func strict(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			s.AdditionalProperties.Has = openapi3.Ptr(false)
		}
		for _, p := range s.Properties {
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, l := range [][]*openapi3.SchemaRef{s.AllOf, s.AnyOf, s.OneOf} {
			for _, r := range l {
				walk(r)
			}
		}
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, r := range op.Responses.Map() {
				for _, mt := range r.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	loadOpenAPI(t, srv.URL)
	resp, body := testutil.Get(t, srv.URL+"/api/v1/openapi.json")
	file, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, file) {
		t.Errorf("GET /api/v1/openapi.json is not server/openapi.json")
	}
	etag := resp.Header.Get("ETag")
	if !weakETag.MatchString(etag) || resp.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Errorf("ETag %q, Cache-Control %q; want a weak ETag and public, max-age=300", etag, resp.Header.Get("Cache-Control"))
	}
	if again, body := getWith(t, srv.URL+"/api/v1/openapi.json", "If-None-Match", etag); again.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("GET /api/v1/openapi.json with If-None-Match = %d with %d bytes; want 304 without a body", again.StatusCode, len(body))
	}
}

// TestOpenAPIServedWhileStarting checks that the document needs no index:
// a client can read it while the server opens its first generation.
func TestOpenAPIServedWhileStarting(t *testing.T) {
	t.Parallel()
	h := newHandler(t, &server.Pending{}, server.Options{})
	req, _ := http.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("GET /api/v1/openapi.json before an index is open = %d; want 200", rec.Code)
	}
}

// TestOpenAPIRoutes checks that every route under /api/ is documented, and
// that every documented operation is a route. HEAD routes are documented
// by the description, which says every GET answers HEAD too.
func TestOpenAPIRoutes(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	doc := loadOpenAPI(t, srv.URL)
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	var registered []string
	for _, r := range srv.Config.Handler.(*gin.Engine).Routes() {
		// HEAD is every GET's, as the document's description says
		// (TestHeadEveryRoute checks each GET has it).
		if strings.HasPrefix(r.Path, "/api/") && r.Method != http.MethodHead {
			registered = append(registered, r.Method+" "+ginToOpenAPI(r.Path))
		}
	}
	slices.Sort(documented)
	slices.Sort(registered)
	if len(registered) == 0 {
		t.Fatal("no routes under /api/")
	}
	if diff := cmp.Diff(registered, documented); diff != "" {
		t.Errorf("routes under /api/ (-registered +documented):\n%s", diff)
	}
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z_]+)`)

// ginToOpenAPI writes a gin route pattern as an OpenAPI path template:
// /terms/:id is /terms/{id}.
func ginToOpenAPI(path string) string { return ginParam.ReplaceAllString(path, "{$1}") }

// operation is one documented operation.
type operation struct {
	path, method string
	item         *openapi3.PathItem
	op           *openapi3.Operation
}

func operations(doc *openapi3.T) []operation {
	var ops []operation
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			ops = append(ops, operation{path, method, item, op})
		}
	}
	slices.SortFunc(ops, func(a, b operation) int { return strings.Compare(a.path+a.method, b.path+b.method) })
	return ops
}

// params returns the operation's parameters, its path item's included.
func (o operation) params() []*openapi3.Parameter {
	var out []*openapi3.Parameter
	for _, l := range []openapi3.Parameters{o.item.Parameters, o.op.Parameters} {
		for _, p := range l {
			out = append(out, p.Value)
		}
	}
	return out
}

// url returns the operation's path with its path parameters' examples,
// and the query parameters in q set to their examples.
func (o operation) url(t *testing.T, query ...string) string {
	t.Helper()
	path := o.path
	q := url.Values{}
	for _, p := range o.params() {
		if p.Example == nil {
			t.Fatalf("%s %s: parameter %s has no example", o.method, o.path, p.Name)
		}
		switch {
		case p.In == openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(fmt.Sprint(p.Example)))
		case p.In == openapi3.ParameterInQuery && slices.Contains(query, p.Name):
			if list, ok := p.Example.([]any); ok {
				if p.Explode != nil && !*p.Explode {
					var vals []string
					for _, v := range list {
						vals = append(vals, fmt.Sprint(v))
					}
					q.Add(p.Name, strings.Join(vals, ","))
				} else {
					for _, v := range list {
						q.Add(p.Name, fmt.Sprint(v))
					}
				}
			} else {
				q.Set(p.Name, fmt.Sprint(p.Example))
			}
		}
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}

// validate checks that the request is one the document allows, and that
// the server's answer to it is one the document promises.
func validate(t *testing.T, router routers.Router, srvURL, path string, header http.Header) (status int, body []byte) {
	t.Helper()
	req := newRequest(t, http.MethodGet, srvURL+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, body := testutil.Do(t, req)
	// The router matches the documented path, which has no host.
	docReq := newRequest(t, http.MethodGet, path, nil)
	route, pathParams, err := router.FindRoute(docReq)
	if err != nil {
		t.Fatalf("GET %s: no documented operation: %v", path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: docReq, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if resp.StatusCode < 400 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("GET %s is answered %d but the document does not allow it: %v", path, resp.StatusCode, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("GET %s = %d %s\ndoes not match the document: %v", path, resp.StatusCode, truncate(body, 400), err)
	}
	if resp.StatusCode == http.StatusNotModified {
		// ValidateResponse skips 304s: check the documented headers here.
		for name, h := range route.Operation.Responses.Status(304).Value.Headers {
			if h.Value.Required && resp.Header.Get(name) == "" {
				t.Errorf("GET %s = 304 without the %s header", path, name)
			}
		}
	}
	return resp.StatusCode, body
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "…"
}

// TestOpenAPIParameters sends each documented query parameter alone, set
// to its documented example, then all of them together: each is accepted
// (2xx), and each answer matches the document.
func TestOpenAPIParameters(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	doc := loadOpenAPI(t, srv.URL)
	router := strictRouter(t, doc)
	for _, o := range operations(doc) {
		t.Run(o.method+" "+o.path, func(t *testing.T) {
			var all []string
			paths := []string{o.url(t)}
			for _, p := range o.params() {
				if p.In == openapi3.ParameterInQuery {
					all = append(all, p.Name)
					paths = append(paths, o.url(t, p.Name))
				}
			}
			if len(all) > 1 {
				paths = append(paths, o.url(t, all...))
			}
			for _, path := range paths {
				if status, body := validate(t, router, srv.URL, path, nil); status/100 != 2 {
					t.Errorf("GET %s = %d %s; want 2xx", path, status, body)
				}
			}
		})
	}
}

// TestOpenAPIResponses validates the answers of real requests, errors,
// 304s and every fields of suggest included, against the document.
func TestOpenAPIResponses(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t, server.Options{RateLimits: server.RateLimits{Search: server.RateLimit{Rate: 0.001, Burst: 1}}})
	router := strictRouter(t, loadOpenAPI(t, srv.URL))
	etagOf := func(path string) http.Header {
		resp, _ := testutil.Get(t, srv.URL+path)
		return http.Header{"If-None-Match": {resp.Header.Get("ETag")}}
	}
	star := http.Header{"If-None-Match": {"*"}}
	tests := []struct {
		path   string
		header http.Header
		status int
	}{
		{"/api/v1/suggest?q=c", nil, 200},
		{"/api/v1/suggest?q=", nil, 200},
		{"/api/v1/suggest?q=thrott", nil, 200}, // matched: rate limiting by its alias throttling
		{"/api/v1/suggest?q=cq&fields=" + strings.Join(allSuggestFields, ","), nil, 200},
		{"/api/v1/suggest?q=circ&fields=aliases", nil, 200},
		{"/api/v1/suggest?q=c&fields=colour", nil, 400},
		{"/api/v1/suggest?q=c&size=11", nil, 400},
		{"/api/v1/suggest?q=c", etagOf("/api/v1/suggest?q=c"), 304},
		{"/api/v1/search?q=idmpotnt", nil, 200}, // did_you_mean; the only search: its budget is one
		{"/api/v1/search?q=release", nil, 429},
		{"/api/v1/terms/backpressure", nil, 200},
		{"/api/v1/terms/backpressure", etagOf("/api/v1/terms/backpressure"), 304},
		{"/api/v1/terms/backpressure", star, 304},
		{"/api/v1/terms/nope", nil, 404},
		{"/api/v1/terms/nope", star, 404},
		{"/api/v1/terms/" + strings.Repeat("x", server.MaxValueLength+1), nil, 400},
		{"/api/v1/terms/latency/related?size=50", nil, 200},
		{"/api/v1/terms/nope/related", nil, 404},
		{"/api/v1/roles", nil, 200},
		{"/api/v1/roles/backend-developer", nil, 200},
		{"/api/v1/roles/astronaut", nil, 404},
		{"/api/v1/practice/roles/backend-developer", nil, 200},
		{"/api/v1/practice/roles/backend-developer?category=database", nil, 200},
		{"/api/v1/practice/roles/backend-developer?category=cooking", nil, 404},
		{"/api/v1/practice/roles/astronaut", nil, 404},
		{"/api/v1/practice/terms?ids=sharding,nope", nil, 200},
		{"/api/v1/practice/terms?ids=" + strings.Repeat("x,", server.MaxPracticeIDs+1), nil, 400},
		{"/api/v1/openapi.json", etagOf("/api/v1/openapi.json"), 304},
	}
	for _, tt := range tests {
		if status, body := validate(t, router, srv.URL, tt.path, tt.header); status != tt.status {
			t.Errorf("GET %s = %d %s; want %d", tt.path, status, truncate(body, 200), tt.status)
		}
	}
}

// TestOpenAPIServiceUnavailable validates the 503 of a server that has no
// index open yet.
func TestOpenAPIServiceUnavailable(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	router := strictRouter(t, loadOpenAPI(t, srv.URL))
	starting := httptest.NewServer(newHandler(t, &server.Pending{}, server.Options{}))
	defer starting.Close()
	if status, _ := validate(t, router, starting.URL, "/api/v1/suggest?q=c", nil); status != http.StatusServiceUnavailable {
		t.Errorf("GET /api/v1/suggest before an index is open = %d; want 503", status)
	}
}

// TestOpenAPIBounds checks that the documented bounds are the server's:
// the smallest and largest integer, the longest string and the longest
// list a parameter may have, and a boolean's true and false, are accepted,
// and one past each (a boolean's other words) is a 400.
func TestOpenAPIBounds(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	doc := loadOpenAPI(t, srv.URL)
	// with lists what a parameter needs besides itself to reach its bound.
	with := map[string]string{"from": "&size=1"} // from + size is at most 1000
	for _, o := range operations(doc) {
		for _, p := range o.params() {
			s := p.Schema.Value
			var ok, bad []string // values
			switch {
			case s.Type.Is(openapi3.TypeInteger):
				if s.Min != nil {
					ok, bad = append(ok, fmt.Sprint(*s.Min)), append(bad, fmt.Sprint(*s.Min-1))
				}
				if s.Max != nil {
					ok, bad = append(ok, fmt.Sprint(*s.Max)), append(bad, fmt.Sprint(*s.Max+1))
				}
			case s.Type.Is(openapi3.TypeBoolean):
				ok, bad = append(ok, "true", "false"), append(bad, "yes", "2")
			case s.Type.Is(openapi3.TypeString) && s.MaxLength != nil:
				n := int(*s.MaxLength)
				ok, bad = append(ok, strings.Repeat("é", n)), append(bad, strings.Repeat("é", n+1))
			case s.Type.Is(openapi3.TypeArray) && s.MaxItems != nil:
				first := fmt.Sprint(p.Example.([]any)[0])
				n := int(*s.MaxItems)
				ok, bad = append(ok, strings.Repeat(first+",", n)), append(bad, strings.Repeat(first+",", n+1))
				if items := s.Items.Value; items.MaxLength != nil && len(items.Enum) == 0 {
					m := int(*items.MaxLength)
					ok, bad = append(ok, strings.Repeat("é", m)), append(bad, strings.Repeat("é", m+1))
				}
			}
			if len(ok) == 0 && p.In == openapi3.ParameterInQuery {
				t.Errorf("%s %s: parameter %s documents no bound", o.method, o.path, p.Name)
			}
			for i := range ok {
				for _, v := range []struct {
					value   string
					inRange bool
				}{{ok[i], true}, {bad[i], false}} {
					var path string
					if p.In == openapi3.ParameterInPath {
						path = strings.ReplaceAll(o.url(t), url.PathEscape(fmt.Sprint(p.Example)), url.PathEscape(v.value))
					} else {
						path = o.url(t) + "?" + p.Name + "=" + url.QueryEscape(v.value) + with[p.Name]
					}
					resp, body := testutil.Get(t, srv.URL+path)
					switch {
					case v.inRange && resp.StatusCode == http.StatusBadRequest:
						t.Errorf("GET %s = 400 %s; the document allows it", truncate([]byte(path), 120), body)
					case !v.inRange && resp.StatusCode != http.StatusBadRequest:
						t.Errorf("GET %s = %d; the document does not allow it: want 400", truncate([]byte(path), 120), resp.StatusCode)
					}
				}
			}
		}
	}
}
