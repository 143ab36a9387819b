package lsp

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// testCorpusDir is the search package's small corpus (17 terms).
const testCorpusDir = "../search/testdata/corpus"

// indexes are built once per test binary with the real indexer: the small
// corpus for tests, the embedded one for benchmarks.
var (
	indexMu sync.Mutex
	indexes = map[string]*search.Index{}
	dirs    []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, ix := range indexes {
		ix.Close()
	}
	for _, d := range dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// testIndex returns an index of corpusDir ("" for the embedded corpus).
func testIndex(tb testing.TB, corpusDir string) *search.Index {
	tb.Helper()
	indexMu.Lock()
	defer indexMu.Unlock()
	if ix, ok := indexes[corpusDir]; ok {
		return ix
	}
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if corpusDir != "" {
		c, err = corpus.Load(os.DirFS(corpusDir), corpusDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "lsp-test-")
	if err != nil {
		tb.Fatal(err)
	}
	dirs = append(dirs, dir)
	if _, err := indexer.Build(context.Background(), c, indexer.Options{DataDir: dir, Keep: 1}); err != nil {
		tb.Fatal(err)
	}
	ix, err := search.OpenCurrent(dir)
	if err != nil {
		tb.Fatal(err)
	}
	indexes[corpusDir] = ix
	return ix
}

// remoteGlossary returns a Remote talking to a real glossary server, over
// loopback, that serves an index of the small corpus.
func remoteGlossary(t *testing.T) *Remote {
	t.Helper()
	live := search.NewLive(testIndex(t, testCorpusDir))
	srv := httptest.NewServer(server.New(server.LiveSource{Live: live}, server.Options{}).Handler())
	t.Cleanup(srv.Close) // the index itself is closed by TestMain
	r, err := NewRemote(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// client calls a Server's handlers as the protocol would, recording the
// messages the server logs to the editor.
type client struct {
	t    testing.TB
	s    *Server
	logs []string
}

func newClient(t testing.TB, g Glossary) *client {
	return &client{t: t, s: New(g, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})}
}

func (c *client) ctx() *glsp.Context {
	return &glsp.Context{Notify: func(method string, params any) {
		if p, ok := params.(protocol.LogMessageParams); ok {
			c.logs = append(c.logs, p.Message)
		}
	}}
}

// open opens a document holding text, which marks the cursor with "|",
// and returns the cursor's position.
func (c *client) open(uri, lang, text string) protocol.Position {
	c.t.Helper()
	off := strings.Index(text, "|")
	text = strings.Replace(text, "|", "", 1)
	err := c.s.didOpen(c.ctx(), &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: lang, Version: 1, Text: text}})
	if err != nil {
		c.t.Fatal(err)
	}
	return position(text, max(off, 0))
}

func (c *client) complete(uri string, at protocol.Position) *protocol.CompletionList {
	c.t.Helper()
	r, err := c.s.completion(c.ctx(), &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: at}})
	if err != nil {
		c.t.Fatal(err)
	}
	list, _ := r.(*protocol.CompletionList)
	return list
}

func (c *client) hover(uri string, at protocol.Position) *protocol.Hover {
	c.t.Helper()
	h, err := c.s.hover(c.ctx(), &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: at}})
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}

func labels(l *protocol.CompletionList) []string {
	if l == nil {
		return nil
	}
	out := []string{}
	for _, it := range l.Items {
		out = append(out, it.Label)
	}
	return out
}

// initialize sends initialize with the client capabilities in caps (JSON).
func (c *client) initialize(caps string) {
	c.t.Helper()
	var p protocol.InitializeParams
	if err := json.Unmarshal([]byte(`{"capabilities": `+caps+`}`), &p); err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.s.initialize(c.ctx(), &p); err != nil {
		c.t.Fatal(err)
	}
}
