package webtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/glossary/glossary/corpus"
)

// importedSample is a small imported glossary shaped like FOLDOC's
// entries (written for these tests, not taken from FOLDOC): a new term
// with a long text and links, and a secondary sense of a curated term.
var importedSample = &corpus.Source{
	Attribution: corpus.Attribution{Source: "foldoc", Name: "FOLDOC", Title: "The Free On-line Dictionary of Computing (test sample)",
		URL: "https://foldoc.org/", License: "GNU Free Documentation License 1.1 or later"},
	Entries: []corpus.Entry{
		{Headword: "thunk", Definition: "A small piece of code that computes a value only when it is first needed.",
			Text:    "<programming> 1. A small piece of code that computes a value only when it is first needed.\n\n2. A stub that adapts one calling convention to another, for example between 16-bit and 32-bit code.\n\nCompare closure.",
			SeeAlso: []string{"closure", "lazy evaluation", "cache"}},
		{Headword: "cache", Definition: "A small fast memory holding recently used data, placed between a processor and main memory.",
			Text: "<storage> A small fast memory holding recently used data, placed between a processor and main memory.\n\nSee also write-through cache."},
	},
}

// TestImportedEntries shows an imported entry and a curated term with an
// imported sense as a learner sees them: marked with their source, with
// the attribution their licence asks for, the full entry behind a
// disclosure that opens from the keyboard, and a source facet on search.
func TestImportedEntries(t *testing.T) {
	t.Parallel()
	tb := newTab(t, realServer(t))

	tb.open("/terms/thunk")
	tb.waitFor(`document.readyState === 'complete'`, "the page to load")
	if got := eval[string](tb, `document.querySelector('.entry-head .src').textContent`); got != "FOLDOC" {
		t.Errorf("source badge = %q; want FOLDOC", got)
	}
	attrib := eval[string](tb, `document.querySelector('.attrib').textContent`)
	if !strings.Contains(attrib, "The Free On-line Dictionary of Computing") || !strings.Contains(attrib, "GNU Free Documentation License") {
		t.Errorf("attribution = %q", attrib)
	}
	if n := eval[int](tb, `document.querySelectorAll('.fulltext p').length`); n != 3 {
		t.Errorf("full entry has %d paragraphs; want 3", n)
	}

	tb.open("/terms/cache")
	tb.waitFor(`document.readyState === 'complete'`, "the page to load")
	if eval[bool](tb, `document.querySelector('.sense details').open`) {
		t.Error("the imported sense's full entry is open before it is asked for")
	}
	tb.do(chromedp.Focus(".sense summary"))
	tb.pressKey(enter)
	if !eval[bool](tb, `document.querySelector('.sense details').open`) {
		t.Error("Enter on the summary did not open the imported sense's full entry")
	}

	tb.open("/search?q=thunk")
	tb.waitFor(`document.readyState === 'complete'`, "the page to load")
	labels := eval[[]string](tb, `[...document.querySelectorAll('input[name=source]')].map(i => i.closest('label').textContent.trim())`)
	if len(labels) < 2 || !strings.HasPrefix(labels[0], "Curated") || !strings.HasPrefix(labels[1], "FOLDOC") {
		t.Errorf("source facet = %q; want Curated, then FOLDOC", labels)
	}
}
