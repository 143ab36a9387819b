package webtest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/glossary/glossary/internal/testutil"
)

// pageBudget is the most the home page and the search page may weigh
// together, HTML plus every stylesheet and script they load, before
// compression.
const pageBudget = 60_000

// TestPageWeight measures the pages over the real, embedded corpus, whose
// search page lists every role and category in its filters: the heaviest
// a search page gets.
func TestPageWeight(t *testing.T) {
	t.Parallel()
	base := realServer(t)
	total := 0
	assets := map[string]int{}
	for _, path := range []string{"/", "/search", "/search?q=queue"} {
		resp, body := testutil.Get(t, base+path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, resp.StatusCode)
		}
		if path != "/search?q=queue" { // measured for the log only: /search is heavier
			total += len(body)
		}
		t.Logf("%-16s %6d bytes of HTML", path, len(body))
		testutil.Walk(testutil.ParseHTML(t, body), func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			ref := ""
			switch {
			case n.Data == "script":
				ref = testutil.Attr(n, "src")
			case n.Data == "link" && testutil.Attr(n, "rel") == "stylesheet":
				ref = testutil.Attr(n, "href")
			}
			if ref == "" {
				return
			}
			if _, done := assets[ref]; !done {
				resp, body := testutil.Get(t, base+ref)
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
