package lsp

import (
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
