package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

func TestPracticeAPI(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	tests := []struct {
		name, path string
		status     int
		title      string
		ids        []string
		missing    []string
		detail     string // a part of the problem's detail
	}{
		{name: "role", path: "/api/v1/practice/roles/backend-developer", status: 200, title: "Backend Developer",
			ids: []string{"idempotent", "race-condition", "backpressure", "sharding", "endpoint", "rate-limiting", "cqrs", "message-queue", "circuit-breaker", "idempotency", "cache", "deadlock", "thread", "concurrency", "parallelism"}},
		{name: "category", path: "/api/v1/practice/roles/backend-developer?category=database", status: 200, title: "Backend Developer: Database", ids: []string{"sharding", "deadlock"}},
		{name: "ids in order, missing listed, repeats once", path: "/api/v1/practice/terms?ids=deadlock,nope,sharding&ids=deadlock", status: 200, title: "Your words",
			ids: []string{"deadlock", "sharding"}, missing: []string{"nope"}},
		{name: "no ids", path: "/api/v1/practice/terms", status: 200, title: "Your words"},
		{name: "unknown role", path: "/api/v1/practice/roles/astronaut", status: 404},
		{name: "category the role lacks", path: "/api/v1/practice/roles/backend-developer?category=cooking", status: 404, detail: "its categories are api-design, architecture, database, server-runtime"},
		{name: "too many ids", path: "/api/v1/practice/terms?ids=" + strings.Repeat("a,", server.MaxPracticeIDs) + "b", status: 400, detail: "at most 200 ids"},
		{name: "id too long", path: "/api/v1/practice/terms?ids=" + strings.Repeat("a", 101), status: 400, detail: "101 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s = %d %s; want %d", tt.path, resp.StatusCode, body, tt.status)
			}
			if tt.status != http.StatusOK {
				if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("Content-Type = %q; want application/problem+json", ct)
				}
				var p server.Problem
				if err := json.Unmarshal(body, &p); err != nil || !strings.Contains(p.Detail, tt.detail) {
					t.Errorf("problem %s (%v); want a detail with %q", body, err, tt.detail)
				}
				return
			}
			var got server.PracticeResponse
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, w := range got.Words {
				ids = append(ids, w.ID)
			}
			if diff := cmp.Diff(append([]string{}, tt.ids...), ids); diff != "" || got.Title != tt.title {
				t.Errorf("title %q, ids (-want +got):\n%s; want title %q", got.Title, diff, tt.title)
			}
			if diff := cmp.Diff(append([]string{}, tt.missing...), got.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPracticeWord checks what a card is made of: the names that count
// as right, and the examples with the name blanked where it is written,
// as a whole word and in any case.
func TestPracticeWord(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	_, body := testutil.Get(t, srv.URL+"/api/v1/practice/terms?ids=sharding")
	var got server.PracticeResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	want := server.PracticeWord{ID: "sharding", Term: "sharding", PartOfSpeech: "noun", Level: "C1",
		Definition: "Splitting one database's rows across several servers, each holding a part of the data.",
		Names:      []string{"sharding", "shard", "shards", "sharded", "database sharding", "horizontal partitioning"},
		Gaps: []server.PracticeGap{
			{Before: "We moved to ", Answer: "database sharding", After: " once a single node could no longer handle the load."},
			{Before: "Customer data is ", Answer: "sharded", After: " by region."},
		}}
	if len(got.Words) != 1 {
		t.Fatalf("words = %+v; want sharding", got.Words)
	}
	if diff := cmp.Diff(want, got.Words[0]); diff != "" {
		t.Errorf("sharding (-want +got):\n%s", diff)
	}
}

// TestPracticePages checks the status of the practice and my-words pages:
// their content comes from the browser (see webtest).
func TestPracticePages(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	for path, status := range map[string]int{
		"/my-words":                        200,
		"/practice":                        200,
		"/practice?role=backend-developer": 200,
		"/practice?role=astronaut":         404,
		"/practice?role=backend-developer&category=database": 200,
		"/practice?role=backend-developer&category=cooking":  404,
		"/sw.js": 200,
	} {
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != status {
			t.Errorf("GET %s = %d; want %d", path, resp.StatusCode, status)
		}
		if path == "/sw.js" && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("GET /sw.js: Content-Type %q", resp.Header.Get("Content-Type"))
		}
		if path == "/practice?role=backend-developer" && !strings.Contains(string(body), "<h1 id=\"pr-title\">Practise: Backend Developer</h1>") {
			t.Errorf("GET %s: no heading naming the role", path)
		}
		if path == "/practice?role=backend-developer&category=database" && !strings.Contains(string(body), `data-source="/api/v1/practice/roles/backend-developer?category=database"`) {
			t.Errorf("GET %s: no data-source for the practice API", path)
		}
	}
}

// TestRolePagePractice checks the role page's "Practise this role's
// vocabulary": the whole role and each of its categories.
func TestRolePagePractice(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	_, body := testutil.Get(t, srv.URL+"/roles/backend-developer")
	for _, want := range []string{
		`<h2 id="practise-h">Practise this role’s vocabulary</h2>`,
		`<a href="/practice?role=backend-developer">All 15 terms</a>`,
		`<a href="/practice?role=backend-developer&amp;category=database">Database (2)</a>`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("role page lacks %s", want)
		}
	}
}
