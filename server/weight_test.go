package server_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// pageBudget is the most the home page and the search page may weigh
// together, HTML plus every stylesheet and script they load, before
// compression.
const pageBudget = 60_000

// TestPageWeight measures the pages over the real, embedded corpus, whose
// search page lists every role and category in its filters: the heaviest
// a search page gets.
func TestPageWeight(t *testing.T) {
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	if _, err := indexer.Build(context.Background(), c, indexer.Options{DataDir: data}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.OpenCurrent(data)
	if err != nil {
		t.Fatal(err)
	}
	live := search.NewLive(ix)
	srv := httptest.NewServer(server.New(server.LiveSource{Live: live}, server.Options{}).Handler())
	t.Cleanup(func() {
		srv.Close()
		live.Close()
	})

	total := 0
	assets := map[string]int{}
	for _, path := range []string{"/", "/search", "/search?q=queue"} {
		resp, body := get(t, srv.URL+path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		if path != "/search?q=queue" { // measured for the log only: /search is heavier
			total += len(body)
		}
		t.Logf("%-16s %6d bytes of HTML", path, len(body))
		walk(parseHTML(t, body), func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			ref := ""
			switch {
			case n.Data == "script":
				ref = attr(n, "src")
			case n.Data == "link" && attr(n, "rel") == "stylesheet":
				ref = attr(n, "href")
			}
			if ref == "" {
				return
			}
			if _, done := assets[ref]; !done {
				resp, body := get(t, srv.URL+ref)
				if resp.StatusCode != 200 {
					t.Fatalf("GET %s = %d", ref, resp.StatusCode)
				}
				assets[ref] = len(body)
				total += len(body)
				t.Logf("%-16s %6d bytes", ref[:strings.Index(ref+"?", "?")], len(body))
			}
		})
	}
	if len(assets) < 2 {
		t.Errorf("found %d stylesheets and scripts; want at least the CSS and the JS", len(assets))
	}
	t.Logf("total %d bytes of %d", total, pageBudget)
	if total >= pageBudget {
		t.Errorf("home + search page + their CSS and JS = %d bytes; the budget is %d", total, pageBudget)
	}
}
