package lsp

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/search"
)

// backends runs a test against both Glossary implementations over the same
// small corpus: Local over the index, Remote over a real server on
// loopback serving that index.
func backends(t *testing.T, test func(t *testing.T, g Glossary)) {
	t.Run("local", func(t *testing.T) { test(t, NewLocal(search.NewLive(testIndex(t, testCorpusDir)))) })
	t.Run("remote", func(t *testing.T) { test(t, remoteGlossary(t)) })
}

func TestLookup(t *testing.T) {
	t.Parallel()
	tests := []struct{ key, want string }{
		{"backpressure", "backpressure"},
		{"back pressure", "backpressure"},     // alias
		{"back-pressure", "backpressure"},     // alias
		{"idempotence", "idempotent"},         // alias
		{"idempotently", "idempotent"},        // form
		{"race conditions", "race-condition"}, // form
		{"cqrs", "cqrs"},
		{"command query responsibility segregation", "cqrs"},
		{"race condition", "race-condition"},
		{"race", "race-condition"},
		{"the", ""},
		{"condition", ""},
		{"idempot", ""}, // a prefix is no name
	}
	backends(t, func(t *testing.T, g Glossary) {
		for _, tt := range tests {
			got, err := g.Lookup(context.Background(), tt.key)
			if err != nil {
				t.Fatal(err)
			}
			id := ""
			if got != nil {
				id = got.ID
			}
			if id != tt.want {
				t.Errorf("Lookup(%q) = %q; want %q", tt.key, id, tt.want)
			}
		}
		rc, _ := g.Lookup(context.Background(), "race condition")
		want := &Term{ID: "race-condition", Name: "race condition", PartOfSpeech: "noun", Level: "B2",
			Definition: "A bug caused by the unpredictable order of operations that run at the same time and touch shared state.",
			Examples:   []string{"The payment processor had a race condition that allowed double charges.", "This test is flaky because of a race condition in the cache warm-up."},
			Related:    []string{"deadlock", "concurrency", "thread", "parallelism"}, Roles: []string{"backend-developer"}}
		if diff := cmp.Diff(want, rc); diff != "" {
			t.Errorf("Lookup(race condition) (-want +got):\n%s", diff)
		}
	})
}

func TestCompletionInProse(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, g Glossary) {
		c := newClient(t, g)
		at := c.open("file:///notes.md", "markdown", "# Notes\n\nnaïve 🙂 retries must be idemp|")
		list := c.complete("file:///notes.md", at)
		if list == nil || !list.IsIncomplete || len(list.Items) == 0 {
			t.Fatalf("completion = %+v; want an incomplete list of items", list)
		}
		it := list.Items[0]
		if it.Label != "idempotent" || *it.Detail != "adjective" && *it.Detail != "adjective · C1" {
			t.Fatalf("first item = %q (%s); want idempotent (adjective · C1)", it.Label, *it.Detail)
		}
		edit := it.TextEdit.(protocol.TextEdit)
		// "naïve 🙂 retries must be " is 25 UTF-16 units (🙂 is two).
		wantRange := protocol.Range{Start: pos(2, 25), End: pos(2, 30)}
		if edit.Range != wantRange || edit.NewText != "idempotent" {
			t.Errorf("text edit = %+v; want %q over %+v", edit, "idempotent", wantRange)
		}
		if *it.Detail != "adjective · C1" {
			t.Errorf("detail = %q; want %q", *it.Detail, "adjective · C1")
		}
		// Remote completions come from the suggest answer, which has the
		// definition but no example: resolve adds it.
		doc, _ := it.Documentation.(protocol.MarkupContent)
		if doc.Kind != protocol.MarkupKindMarkdown || !strings.Contains(doc.Value, "gives the same result whether it runs once or many times") {
			t.Errorf("documentation = %+v; want the definition in Markdown", doc)
		}
		resolved, err := c.s.resolve(c.ctx(), &it)
		if err != nil {
			t.Fatal(err)
		}
		if doc, _ := resolved.Documentation.(protocol.MarkupContent); !strings.Contains(doc.Value, "*Example:* PUT requests should be idempotent by design.") {
			t.Errorf("resolved documentation = %+v; want the definition and an example in Markdown", doc)
		}
		if len(c.logs) > 0 {
			t.Errorf("logged %q", c.logs)
		}
	})
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, text string
		want             []string // leading labels; nil for no list at all
		newText          string   // of the first item, when set
		filterText       string   // of the first item, when set
		replaces         string   // the text the first item's edit replaces, when set
	}{
		{name: "code comment", lang: "go", text: "x := 1 // apply backpres|", want: []string{"backpressure"}, replaces: "backpres"},
		{name: "inside a word: the whole word is replaced", lang: "markdown", text: "an idem|potnet call", want: []string{"idempotent"}, replaces: "idempotnet"},
		{name: "code", lang: "go", text: "x := backpres|", want: nil},
		{name: "code after a comment", lang: "go", text: "// backpressure\nx := backpres|", want: nil},
		{name: "python comment", lang: "python", text: "# a race cond|", want: []string{"race condition"}},
		{name: "typo", lang: "markdown", text: "backpresu|", want: []string{"backpressure"}},
		{name: "capital at the start of a sentence", lang: "markdown", text: "Idemp|", want: []string{"idempotent"}, newText: "Idempotent"},
		{name: "acronym keeps its case", lang: "markdown", text: "Cq|", want: []string{"CQRS"}, newText: "CQRS", filterText: "CqRS"},
		{name: "lower case for a name with capitals: filtered as typed", lang: "markdown", text: "cq|", want: []string{"CQRS"}, newText: "CQRS", filterText: "cqRS"},
		{name: "alias matches: filtered by what was typed", lang: "plaintext", text: "back pres|", want: []string{"backpressure"}},
		{name: "one letter is too little", lang: "markdown", text: "i|", want: []string{}},
		{name: "nothing typed", lang: "markdown", text: "word |", want: []string{}},
		{name: "a token too long to be a word", lang: "markdown", text: strings.Repeat("a", maxText+1) + "|", want: []string{}},
		{name: "later word of a name", lang: "markdown", text: "breaker and cond|", want: []string{"race condition"}, filterText: "cond"},
	}
	backends(t, func(t *testing.T, g Glossary) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := newClient(t, g)
				at := c.open("file:///doc", tt.lang, tt.text)
				list := c.complete("file:///doc", at)
				got := labels(list)
				if tt.want == nil {
					if list != nil {
						t.Fatalf("completion = %q; want none", got)
					}
					return
				}
				if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
					t.Fatalf("completion = %q; want it to start with %q", got, tt.want)
				}
				if len(got) == 0 {
					return
				}
				// A client that filters case-sensitively on filterText, or
				// else on insertText (eglot), keeps every item.
				text := strings.Replace(tt.text, "|", "", 1)
				typed := text[prefixAt(text, strings.Index(tt.text, "|")):strings.Index(tt.text, "|")]
				for _, it := range list.Items {
					newText := it.TextEdit.(protocol.TextEdit).NewText
					if it.InsertText == nil || *it.InsertText != newText {
						t.Errorf("%s: insertText = %v; want %q, as the edit", it.Label, it.InsertText, newText)
					}
					filter := newText
					if it.FilterText != nil {
						filter = *it.FilterText
					}
					if !strings.HasPrefix(filter, typed) {
						t.Errorf("%s: filtered by %q, which does not start with %q", it.Label, filter, typed)
					}
				}
				first := list.Items[0]
				if tt.newText != "" && first.TextEdit.(protocol.TextEdit).NewText != tt.newText {
					t.Errorf("new text = %q; want %q", first.TextEdit.(protocol.TextEdit).NewText, tt.newText)
				}
				if tt.replaces != "" {
					r := first.TextEdit.(protocol.TextEdit).Range
					if got := text[offset(text, r.Start):offset(text, r.End)]; got != tt.replaces {
						t.Errorf("the edit replaces %q; want %q", got, tt.replaces)
					}
				}
				if tt.filterText != "" && (first.FilterText == nil || *first.FilterText != tt.filterText) {
					t.Errorf("filter text = %v; want %q", first.FilterText, tt.filterText)
				}
			})
		}
	})
}

func TestHover(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, text string
		want             string         // the bold name in the hover; "" for no hover
		wantRange        protocol.Range // when want is set
	}{
		{name: "word", lang: "markdown", text: "Add backpres|sure to the consumer", want: "backpressure", wantRange: protocol.Range{Start: pos(0, 4), End: pos(0, 16)}},
		{name: "after non-ASCII", lang: "markdown", text: "naïve 🙂 back|pressure", want: "backpressure", wantRange: protocol.Range{Start: pos(0, 9), End: pos(0, 21)}},
		{name: "two words, cursor on the second", lang: "markdown", text: "a race cond|ition here", want: "race condition", wantRange: protocol.Range{Start: pos(0, 2), End: pos(0, 16)}},
		{name: "longest phrase wins over a shorter name", lang: "markdown", text: "a ra|ce condition", want: "race condition", wantRange: protocol.Range{Start: pos(0, 2), End: pos(0, 16)}},
		{name: "alias", lang: "markdown", text: "a data ra|ce", want: "race condition", wantRange: protocol.Range{Start: pos(0, 2), End: pos(0, 11)}},
		{name: "hyphenated alias", lang: "markdown", text: "apply back-pres|sure", want: "backpressure", wantRange: protocol.Range{Start: pos(0, 6), End: pos(0, 19)}},
		{name: "abbreviation, any case", lang: "markdown", text: "use cq|rs here", want: "CQRS", wantRange: protocol.Range{Start: pos(0, 4), End: pos(0, 8)}},
		{name: "form", lang: "markdown", text: "two Race Condit|ions", want: "race condition", wantRange: protocol.Range{Start: pos(0, 4), End: pos(0, 19)}},
		{name: "possessive", lang: "markdown", text: "the cac|he's size", want: "cache", wantRange: protocol.Range{Start: pos(0, 4), End: pos(0, 11)}},
		{name: "second line", lang: "markdown", text: "x\nlat|ency", want: "latency", wantRange: protocol.Range{Start: pos(1, 0), End: pos(1, 7)}},
		{name: "comment in code", lang: "go", text: "f() // avoid a dead|lock", want: "deadlock", wantRange: protocol.Range{Start: pos(0, 15), End: pos(0, 23)}},
		{name: "code", lang: "go", text: "dead|lock()", want: ""},
		{name: "not a term", lang: "markdown", text: "the wea|ther", want: ""},
		{name: "between words", lang: "markdown", text: "cache  | thread", want: ""},
		{name: "a token too long to be a word", lang: "markdown", text: strings.Repeat("a", maxText+1) + "|", want: ""},
	}
	backends(t, func(t *testing.T, g Glossary) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := newClient(t, g)
				at := c.open("file:///doc", tt.lang, tt.text)
				h := c.hover("file:///doc", at)
				if tt.want == "" {
					if h != nil {
						t.Fatalf("hover = %+v; want none", h)
					}
					return
				}
				if h == nil {
					t.Fatalf("hover = nil; want %q", tt.want)
				}
				md := h.Contents.(protocol.MarkupContent).Value
				if !strings.HasPrefix(md, "**"+tt.want+"**") {
					t.Errorf("hover = %q; want it to explain %q", md, tt.want)
				}
				if *h.Range != tt.wantRange {
					t.Errorf("hover range = %+v; want %+v", *h.Range, tt.wantRange)
				}
			})
		}
	})
}

func TestHoverText(t *testing.T) {
	t.Parallel()
	c := newClient(t, NewLocal(search.NewLive(testIndex(t, testCorpusDir))))
	at := c.open("file:///doc", "markdown", "back|pressure")
	got := c.hover("file:///doc", at).Contents.(protocol.MarkupContent)
	want := protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: "**backpressure** · *noun · C1*\n\n" +
		"A way for a slow consumer to make producers slow down, so data does not pile up faster than it can be handled.\n\n" +
		"> We implemented a queue with backpressure to avoid overwhelming the processor.\n\n" +
		"Related: message queue, rate limiting, throughput, cache, circuit breaker"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hover (-want +got):\n%s", diff)
	}
}

func TestIncrementalEditsThenComplete(t *testing.T) {
	t.Parallel()
	c := newClient(t, NewLocal(search.NewLive(testIndex(t, testCorpusDir))))
	c.open("file:///doc.md", "markdown", "naïve 🙂 \n")
	// Type "thro" one character at a time after the emoji, as an editor
	// sends it: each change a one-character insertion at the cursor.
	for i, ch := range "thro" {
		err := c.s.didChange(c.ctx(), &protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: "file:///doc.md"}, Version: protocol.Integer(i + 2)},
			ContentChanges: []any{change(0, 9+i, 0, 9+i, string(ch))},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if text, _, _ := c.s.at("file:///doc.md", pos(0, 0)); text != "naïve 🙂 thro\n" {
		t.Fatalf("text after edits = %q", text)
	}
	list := c.complete("file:///doc.md", pos(0, 13))
	if got := labels(list); len(got) == 0 || got[0] != "throughput" {
		t.Fatalf("completion = %q; want throughput first", got)
	}
	edit := list.Items[0].TextEdit.(protocol.TextEdit)
	if want := (protocol.Range{Start: pos(0, 9), End: pos(0, 13)}); edit.Range != want {
		t.Errorf("text edit range = %+v; want %+v", edit.Range, want)
	}
}

func TestRemoteErrorsGoToTheEditorLog(t *testing.T) {
	t.Parallel()
	r, err := NewRemote("http://127.0.0.1:1") // nothing listens on port 1
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, r)
	at := c.open("file:///doc", "markdown", "backpres|")
	if list := c.complete("file:///doc", at); list == nil || len(list.Items) != 0 {
		t.Errorf("completion with the server down = %+v; want an empty list", list)
	}
	if h := c.hover("file:///doc", at); h != nil {
		t.Errorf("hover with the server down = %+v; want none", h)
	}
	if len(c.logs) != 2 || !strings.Contains(c.logs[0], "/api/v1/suggest") || !strings.Contains(c.logs[1], "/api/v1/search") {
		t.Errorf("logs = %q; want the failed completion and hover", c.logs)
	}
}

func TestNewRemoteRejectsBadURLs(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "localhost:8080", "ftp://x", "http://"} {
		if _, err := NewRemote(u); err == nil {
			t.Errorf("NewRemote(%q) = nil error; want one", u)
		}
	}
}
