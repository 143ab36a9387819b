package server_test

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

// allSuggestFields are the names the fields parameter accepts.
var allSuggestFields = []string{"id", "term", "part_of_speech", "definition", "level", "aliases", "example", "categories", "roles"}

// TestSuggestFields checks that fields adds exactly the fields it names to
// id and term, with their values from the corpus.
func TestSuggestFields(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	// "circ" completes to the circuit breaker alone. It has no aliases, so
	// asked-for aliases must be there as [].
	resp, body := testutil.Get(t, srv.URL+"/api/v1/terms/circuit-breaker")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET the circuit breaker = %d %s", resp.StatusCode, body)
	}
	var entry map[string]any
	mustDecode(t, body, &entry)
	want := map[string]any{
		"id": "circuit-breaker", "term": "circuit breaker",
		"part_of_speech": entry["part_of_speech"], "definition": entry["definition"], "level": entry["level"],
		"aliases": []any{}, "example": entry["examples"].([]any)[0], "categories": entry["categories"], "roles": entry["roles"],
	}
	tests := []struct {
		fields string
		want   []string // the keys of each suggestion
	}{
		{"id", []string{"id", "term"}},
		{"term", []string{"id", "term"}},
		{"part_of_speech", []string{"id", "term", "part_of_speech"}},
		{"definition", []string{"id", "term", "definition"}},
		{"level", []string{"id", "term", "level"}},
		{"aliases", []string{"id", "term", "aliases"}},
		{"example", []string{"id", "term", "example"}},
		{"categories", []string{"id", "term", "categories"}},
		{"roles", []string{"id", "term", "roles"}},
		{"level,example", []string{"id", "term", "level", "example"}},
		{"level,%20example&fields=roles", []string{"id", "term", "level", "example", "roles"}},
		{"level,level", []string{"id", "term", "level"}},
		{strings.Join(allSuggestFields, ","), allSuggestFields},
	}
	for _, tt := range tests {
		t.Run(tt.fields, func(t *testing.T) {
			path := "/api/v1/suggest?q=circ&fields=" + tt.fields
			resp, body := testutil.Get(t, srv.URL+path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
			}
			var r struct {
				Query       string           `json:"query"`
				Suggestions []map[string]any `json:"suggestions"`
			}
			mustDecode(t, body, &r)
			if r.Query != "circ" || len(r.Suggestions) != 1 {
				t.Fatalf("GET %s = %s; want one suggestion", path, body)
			}
			got := r.Suggestions[0]
			wantOne := map[string]any{}
			for _, k := range tt.want {
				wantOne[k] = want[k]
			}
			if diff := cmp.Diff(wantOne, got); diff != "" {
				t.Errorf("GET %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestSuggestFieldsDefault checks that an empty fields parameter is the
// default answer, byte for byte (the golden file suggest.json pins it).
func TestSuggestFieldsDefault(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	_, plain := testutil.Get(t, srv.URL+"/api/v1/suggest?q=c&size=3")
	for _, path := range []string{"/api/v1/suggest?q=c&size=3&fields=", "/api/v1/suggest?q=c&size=3&fields=,"} {
		_, body := testutil.Get(t, srv.URL+path)
		if string(body) != string(plain) {
			t.Errorf("GET %s = %s; want the default answer %s", path, body, plain)
		}
	}
	var r struct{ Suggestions []map[string]any }
	mustDecode(t, plain, &r)
	got := slices.Sorted(maps.Keys(r.Suggestions[0]))
	if want := []string{"definition", "id", "part_of_speech", "term"}; !slices.Equal(got, want) {
		t.Errorf("default suggestion fields = %q; want %q", got, want)
	}
}

func TestSuggestFieldsGolden(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	resp, body := testutil.Get(t, srv.URL+"/api/v1/suggest?q=cq&fields=level,aliases,example,categories,roles")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d %s", resp.StatusCode, body)
	}
	compareGolden(t, "suggest-fields", body)
}

func TestSuggestFieldsUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	for _, tt := range []struct{ fields, unknown string }{
		{"level,colour", "colour"},
		{"Level", "Level"},
		{"examples", "examples"},
		{"level%3Broles", "level;roles"},
	} {
		path := "/api/v1/suggest?q=c&fields=" + tt.fields
		resp, body := testutil.Get(t, srv.URL+path)
		var p server.Problem
		mustDecode(t, body, &p)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("GET %s = %d %s; want a 400 problem", path, resp.StatusCode, body)
		}
		want := `parameter fields: unknown field "` + tt.unknown + `"; the fields of a suggestion are ` + strings.Join(allSuggestFields, ", ")
		if p.Detail != want {
			t.Errorf("GET %s detail = %q; want %q", path, p.Detail, want)
		}
	}
}
