package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// newImportedServer serves the search package's test corpus merged with
// a small imported source: a new term (thunk) and a sense of a curated
// one (cache).
func newImportedServer(t *testing.T) string {
	t.Helper()
	dir := "../search/testdata/corpus"
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	c, _ = corpus.Merge(c, []*corpus.Source{{
		Attribution: corpus.Attribution{Source: "foldoc", Name: "FOLDOC", Title: "Test FOLDOC", URL: "https://foldoc.org/", License: "GNU Free Documentation License"},
		Entries: []corpus.Entry{
			{Headword: "thunk", Definition: "A delayed computation.", Text: "A delayed computation.\n\nSecond paragraph.", SeeAlso: []string{"cache"}},
			{Headword: "cache", Definition: "A small fast memory."},
		},
	}})
	data := t.TempDir()
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.OpenCurrent(data)
	if err != nil {
		t.Fatal(err)
	}
	live := search.NewLive(ix)
	srv := httptest.NewServer(newHandler(t, server.LiveSource{Live: live}, server.Options{}))
	t.Cleanup(func() { srv.Close(); live.Close() })
	return srv.URL
}

// TestImportedPages: imported entries are marked and attributed on term
// and search pages, a curated term shows its imported sense after its own
// content, and /browse lists curated terms A–Z while counting imported
// entries by source.
func TestImportedPages(t *testing.T) {
	t.Parallel()
	base := newImportedServer(t)
	tests := []struct {
		path      string
		want, not []string
	}{
		{"/terms/thunk", []string{`<span class="src" title="Imported from FOLDOC">FOLDOC</span>`, `From <a href="https://foldoc.org/">Test FOLDOC</a>, GNU Free Documentation License.`,
			"<h2 id=\"text-h\">Full entry</h2>", "<p>Second paragraph.</p>", `href="/terms/cache"`}, []string{"lvl-", `class="pos"`}},
		{"/terms/cache", []string{"In other glossaries", "<h3>FOLDOC</h3>", "A small fast memory."}, []string{`<span class="src"`}},
		{"/search?q=thunk", []string{`<span class="src" title="Imported from FOLDOC">FOLDOC</span>`, `name="source" value="foldoc"`}, nil},
		{"/browse", []string{"From other glossaries", `href="/search?source=foldoc"`}, nil},
		{"/browse/c", []string{`href="/terms/cache"`}, nil},
		{"/browse/t", []string{`href="/terms/thread"`}, []string{`href="/terms/thunk"`}},
	}
	for _, tt := range tests {
		resp, body := testutil.Get(t, base+tt.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d", tt.path, resp.StatusCode)
		}
		page := string(body)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("GET %s lacks %s", tt.path, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(page, n) {
				t.Errorf("GET %s has %s", tt.path, n)
			}
		}
	}
	// A curated term's own examples come before the imported sense.
	_, body := testutil.Get(t, base+"/terms/cache")
	if ex, sense := strings.Index(string(body), `id="ex-h"`), strings.Index(string(body), `id="senses-h"`); ex < 0 || sense < ex {
		t.Errorf("on /terms/cache the examples are at %d and the other glossaries at %d; want examples first", ex, sense)
	}
}
