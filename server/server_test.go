package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// TestMain puts gin in test mode, which server.New leaves to its caller.
func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

// newHandler returns the handler of server.New(src, opts), failing the
// test if New does.
func newHandler(t testing.TB, src server.Source, opts server.Options) http.Handler {
	t.Helper()
	s, err := server.New(src, opts)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return s.Handler()
}

// newTestServer serves the search package's test corpus from a real index
// over real HTTP on loopback, with opts when given.
func newTestServer(t testing.TB, opts ...server.Options) (*httptest.Server, *search.Live) {
	t.Helper()
	return serveGeneration(t, newGeneration(t, t.TempDir()), opts...)
}

// newSensesServer serves corpus/testdata/senses, whose store and model
// have further senses and whose terms have pronunciations.
func newSensesServer(t testing.TB) *httptest.Server {
	t.Helper()
	srv, _ := serveGeneration(t, buildGeneration(t, t.TempDir(), "../corpus/testdata/senses"))
	return srv
}

func serveGeneration(t testing.TB, ix *search.Index, opts ...server.Options) (*httptest.Server, *search.Live) {
	t.Helper()
	live := search.NewLive(ix)
	srv := httptest.NewServer(newHandler(t, server.LiveSource{Live: live}, append(opts, server.Options{})[0]))
	t.Cleanup(func() {
		srv.Close()
		live.Close()
	})
	return srv, live
}

// newGeneration builds a new generation of the search package's test
// corpus in the data folder data (a reindex, when data has one already)
// and opens it.
func newGeneration(t testing.TB, data string) *search.Index {
	t.Helper()
	return buildGeneration(t, data, "../search/testdata/corpus")
}

// buildGeneration builds a new generation of the corpus in dir in the
// data folder data and opens it.
func buildGeneration(t testing.TB, data, dir string) *search.Index {
	t.Helper()
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.OpenCurrent(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestAPI(t *testing.T) {
	t.Parallel()
	srv, live := newTestServer(t)
	gen := live.Current().Generation
	tests := []struct {
		name   string
		path   string
		status int
		golden string // compared with testdata/golden/<golden>.json
		check  func(t *testing.T, body []byte)
	}{
		{name: "search", path: "/api/v1/search?q=deadlok", status: 200, check: func(t *testing.T, body []byte) {
			var r server.SearchResponse
			mustDecode(t, body, &r)
			if r.Query != "deadlok" || r.Total != 1 || r.Hits[0].ID != "deadlock" || r.Hits[0].Term != "deadlock" || r.Hits[0].Level != "B2" {
				t.Errorf("search deadlok = %+v", r)
			}
			if len(r.Facets["role"]) == 0 || len(r.Facets["category"]) == 0 || len(r.Facets["level"]) == 0 || len(r.Facets["part_of_speech"]) == 0 {
				t.Errorf("search facets = %+v; want all four", r.Facets)
			}
		}},
		{name: "search with repeated and comma-separated filters", path: "/api/v1/search?level=B1&level=C2,B2&pos=noun&size=50", status: 200, check: func(t *testing.T, body []byte) {
			var r server.SearchResponse
			mustDecode(t, body, &r)
			if r.Total != 11 || len(r.Hits) != 11 {
				t.Errorf("B1|B2|C2 nouns: total %d, %d hits; want 11", r.Total, len(r.Hits))
			}
		}},
		{name: "search did you mean", path: "/api/v1/search?q=idmpotnt", status: 200, check: func(t *testing.T, body []byte) {
			var r server.SearchResponse
			mustDecode(t, body, &r)
			if r.Total != 0 || r.DidYouMean != "idempotent" || r.Hits == nil {
				t.Errorf("search idmpotnt = total %d, did_you_mean %q, hits %v", r.Total, r.DidYouMean, r.Hits)
			}
		}},
		{name: "search highlights", path: "/api/v1/search?q=release", status: 200, check: func(t *testing.T, body []byte) {
			if !strings.Contains(string(body), `\u003cmark\u003erelease\u003c/mark\u003e`) {
				t.Errorf("no highlighted definition in %s", body)
			}
		}},
		{name: "suggest", path: "/api/v1/suggest?q=c&size=3", status: 200, golden: "suggest"},
		{name: "suggest with role", path: "/api/v1/suggest?q=c&role=site-reliability-engineer", status: 200, check: func(t *testing.T, body []byte) {
			var r server.SuggestResponse
			mustDecode(t, body, &r)
			if len(r.Suggestions) != 2 {
				t.Errorf("suggest c for SRE = %+v; want cache and circuit breaker", r.Suggestions)
			}
		}},
		{name: "suggest nothing typed", path: "/api/v1/suggest?q=", status: 200, check: func(t *testing.T, body []byte) {
			if string(body) != `{"query":"","suggestions":[]}` {
				t.Errorf("empty suggest = %s", body)
			}
		}},
		{name: "term", path: "/api/v1/terms/backpressure", status: 200, golden: "term"},
		{name: "related", path: "/api/v1/terms/latency/related?size=4", status: 200, golden: "related"},
		{name: "roles", path: "/api/v1/roles", status: 200, golden: "roles"},
		{name: "role", path: "/api/v1/roles/site-reliability-engineer", status: 200, golden: "role"},
		{name: "healthz", path: "/healthz", status: 200},

		{name: "unknown term", path: "/api/v1/terms/nope", status: 404},
		{name: "related of unknown term", path: "/api/v1/terms/nope/related", status: 404},
		{name: "unknown role", path: "/api/v1/roles/astronaut", status: 404},
		{name: "unknown route", path: "/api/v2/search", status: 404},
		{name: "size not a number", path: "/api/v1/search?q=a&size=ten", status: 400},
		{name: "size too big", path: "/api/v1/search?size=51", status: 400},
		{name: "size zero", path: "/api/v1/search?size=0", status: 400},
		{name: "from negative", path: "/api/v1/search?from=-1", status: 400},
		{name: "window too deep", path: "/api/v1/search?from=990&size=20", status: 400},
		{name: "query too long", path: "/api/v1/search?q=" + strings.Repeat("a", search.MaxQueryLength+1), status: 400},
		{name: "invalid UTF-8", path: "/api/v1/search?q=%ff%fe", status: 400},
		{name: "control character", path: "/api/v1/suggest?q=a%00b", status: 400},
		{name: "too many filter values", path: "/api/v1/search?level=" + strings.Repeat("B1,", search.MaxFilterVals+1), status: 400},
		{name: "suggest size too big", path: "/api/v1/suggest?q=a&size=11", status: 400},
		{name: "related size too big", path: "/api/v1/terms/latency/related?size=51", status: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s = %d %s; want %d", tt.path, resp.StatusCode, body, tt.status)
			}
			ct := resp.Header.Get("Content-Type")
			if tt.status >= 400 {
				var p server.Problem
				mustDecode(t, body, &p)
				if ct != "application/problem+json" || p.Status != tt.status || p.Title == "" || p.Detail == "" {
					t.Errorf("GET %s: %s %s; want a problem+json with status, title and detail", tt.path, ct, body)
				}
				return
			}
			if !strings.HasPrefix(ct, "application/json") {
				t.Errorf("GET %s Content-Type = %q", tt.path, ct)
			}
			if strings.HasPrefix(tt.path, "/api/") && resp.Header.Get(server.GenerationHeader) != gen {
				t.Errorf("GET %s %s = %q; want %q", tt.path, server.GenerationHeader, resp.Header.Get(server.GenerationHeader), gen)
			}
			if tt.golden != "" {
				compareGolden(t, tt.golden, body)
			}
			if tt.check != nil {
				tt.check(t, body)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	resp, err := http.Post(srv.URL+"/api/v1/search", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("POST /api/v1/search = %d %s; want 405 problem+json", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestBadRequestDetailSaysWhatToFix(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	_, body := testutil.Get(t, srv.URL+"/api/v1/search?size=ten")
	var p server.Problem
	mustDecode(t, body, &p)
	if want := `parameter size must be a whole number from 1 to 50, got "ten"`; p.Detail != want {
		t.Errorf("detail = %q; want %q", p.Detail, want)
	}
}

func mustDecode(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

func compareGolden(t *testing.T, name string, body []byte) {
	t.Helper()
	var v any
	mustDecode(t, body, &v)
	got, _ := json.MarshalIndent(v, "", "  ")
	got = append(got, '\n')
	testutil.Golden(t, filepath.Join("testdata", "golden", name+".json"), got)
}
