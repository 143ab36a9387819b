package webtest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
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
		resp, body := get(t, base+path)
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
				resp, body := get(t, base+ref)
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

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func parseHTML(t *testing.T, body []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return doc
}
