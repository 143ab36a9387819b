package testutil

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// Update is the -update flag of every test binary that imports this
// package: golden files are rewritten from what the tests get.
var Update = flag.Bool("update", false, "rewrite golden files")

// Golden compares got with the golden file at path, which -update
// rewrites first.
func Golden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		tb.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// Get fetches url and returns the response with its body read.
func Get(tb testing.TB, url string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return Do(tb, req)
}

// Do sends req with the default client and returns the response with its
// body read.
func Do(tb testing.TB, req *http.Request) (*http.Response, []byte) {
	tb.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, body
}

// ParseHTML parses an HTML document.
func ParseHTML(tb testing.TB, body []byte) *html.Node {
	tb.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// Walk calls f on n and every node below it, in document order.
func Walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, f)
	}
}

// Attr returns the value of n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// SyncBuffer is a bytes.Buffer safe for a writer, such as a logger in
// another goroutine, while a test reads it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Bytes returns a copy of what was written.
func (b *SyncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}
