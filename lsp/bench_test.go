package lsp

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/search"
)

// The handlers run on every keystroke (completion) and every pause of the
// mouse (hover), so they must answer in well under a millisecond. These
// benchmarks call them as the protocol would, against a real index of the
// whole embedded corpus, in documents of realistic size:
//
//	go test -run '^$' -bench . -benchmem ./lsp

// benchDocs returns a Markdown document of about 300 lines of the corpus's
// examples, and a Go file of about 3,000 lines mixing code, line comments
// and block comments, each ending with the line the cursor is on.
func benchDocs(b *testing.B, lastLine string) (md, code string) {
	b.Helper()
	var m, g strings.Builder
	n := 0
	for _, t := range testIndex(b, "").Corpus().Terms {
		for _, ex := range t.Examples {
			if n < 300 {
				m.WriteString(ex + "\n")
			}
			if n < 1000 {
				g.WriteString("// " + ex + "\nx := f(\"http://example.com\") /* " + t.Term + " */\n\n")
			}
			n++
		}
	}
	return m.String() + lastLine, g.String() + "\t// " + lastLine
}

func benchmarkAt(b *testing.B, lastLine string, run func(c *client, uri string, at protocol.Position) bool) {
	c := newClient(b, NewLocal(search.NewLive(testIndex(b, ""))))
	md, code := benchDocs(b, lastLine)
	for _, doc := range []struct{ name, uri, lang, text string }{
		{"markdown", "file:///notes.md", "markdown", md},
		{"go-comment", "file:///main.go", "go", code},
	} {
		b.Run(doc.name, func(b *testing.B) {
			at := c.open(doc.uri, doc.lang, doc.text)
			// The terminology checker reads the document once after it
			// opens; that is not what is measured here.
			c.diagnostics(doc.uri)
			if !run(c, doc.uri, at) {
				b.Fatalf("no answer at the end of %s", doc.name)
			}
			b.ReportAllocs()
			for b.Loop() {
				run(c, doc.uri, at)
			}
		})
	}
}

func BenchmarkCompletion(b *testing.B) {
	benchmarkAt(b, "Retries must be idemp|", func(c *client, uri string, at protocol.Position) bool {
		l := c.complete(uri, at)
		return l != nil && len(l.Items) > 0
	})
}

func BenchmarkHover(b *testing.B) {
	benchmarkAt(b, "The payment processor had a race condi|tion that allowed double charges.", func(c *client, uri string, at protocol.Position) bool {
		return c.hover(uri, at) != nil
	})
}

// jsonPeer encodes what the server sends, as the connection would, and
// drops it.
type jsonPeer struct{}

func (jsonPeer) notify(method string, params any) { _ = json.NewEncoder(io.Discard).Encode(params) }
func (jsonPeer) call(method string, params any)   {}

// benchProse returns a Markdown document of n lines: the corpus's
// examples, with a misspelt term on every 40th line and a wrong name on
// every 60th, headings and a code block now and then.
func benchProse(b *testing.B, n int) string {
	b.Helper()
	var lines []string
	for _, t := range testIndex(b, "").Corpus().Terms {
		lines = append(lines, t.Examples...)
	}
	var md strings.Builder
	for i := range n {
		switch {
		case i%40 == 7:
			md.WriteString("Retries must be idempotant, or the queue needs backpresure.\n")
		case i%60 == 11:
			md.WriteString("We keep the sessions in Mongo DB and the code on Github.\n")
		case i%100 == 0:
			md.WriteString("## Section\n")
		case i%250 == 50:
			md.WriteString("```\nkubectl get pods\n```\n")
		default:
			md.WriteString(lines[i%len(lines)] + "\n")
		}
	}
	return md.String()
}

// BenchmarkDiagnostics measures the terminology checker on a 5,000-line
// Markdown file: after a keystroke (one line changed, the whole
// document's diagnostics computed, encoded and published; the debounce's
// wait comes before), and on opening (every line checked).
func BenchmarkDiagnostics(b *testing.B) {
	c := checkerClient(b, Options{})
	const uri = "file:///long.md"
	text := benchProse(b, 5000)
	c.open(uri, "markdown", text)
	c.diagnostics(uri) // the vocabulary is built, the lines cached
	c.s.mu.Lock()
	c.s.out = jsonPeer{}
	check := c.s.checks[uri]
	check.timer.Stop()
	c.s.mu.Unlock()
	b.Run("keystroke", func(b *testing.B) {
		line := 2500
		b.ReportAllocs()
		v := 2
		for b.Loop() {
			// Type a letter on one line, then take it back: each check
			// sees one line it has not seen.
			c.change(uri, v, protocol.Range{Start: pos(line, 0), End: pos(line, 0)}, "x")
			c.s.publishDiagnostics(uri, check)
			c.change(uri, v+1, protocol.Range{Start: pos(line, 0), End: pos(line, 1)}, "")
			c.s.publishDiagnostics(uri, check)
			v += 2
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N)/1e6, "ms/check")
	})
	b.Run("open", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			check.mu.Lock()
			check.lines = nil
			check.mu.Unlock()
			c.s.publishDiagnostics(uri, check)
		}
	})
}
