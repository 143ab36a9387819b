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
	"time"

	"github.com/gin-gonic/gin"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
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
	gin.SetMode(gin.TestMode) // server.New leaves it to its caller
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
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: dir, Keep: 1}); err != nil {
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
	s, err := server.New(server.LiveSource{Live: live}, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close) // the index itself is closed by TestMain
	r, err := NewRemote(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// client calls a Server's handlers as the protocol would, recording the
// messages the server logs to the editor and shows; what the server
// sends outside handlers (diagnostics, requests) goes to peer.
type client struct {
	t     testing.TB
	s     *Server
	logs  []string
	shown []string
	peer  *fakePeer
}

func newClient(t testing.TB, g Glossary) *client {
	return newClientWith(t, g, Options{})
}

func newClientWith(t testing.TB, g Glossary, opts Options) *client {
	c := &client{t: t, s: New(g, slog.New(slog.NewTextHandler(io.Discard, nil)), opts), peer: newFakePeer()}
	c.s.out = c.peer
	if cl, ok := t.(interface{ Cleanup(func()) }); ok {
		cl.Cleanup(c.s.stopChecks)
	}
	return c
}

func (c *client) ctx() *glsp.Context {
	return &glsp.Context{Notify: func(method string, params any) {
		switch p := params.(type) {
		case protocol.LogMessageParams:
			c.logs = append(c.logs, p.Message)
		case protocol.ShowMessageParams:
			c.shown = append(c.shown, p.Message)
		}
	}}
}

// fakePeer records what a Server sends to the client outside handlers.
type fakePeer struct {
	notes chan message // notifications, in order
	calls chan message // requests
}

type message struct {
	method string
	params any
}

func newFakePeer() *fakePeer {
	return &fakePeer{notes: make(chan message, 1000), calls: make(chan message, 100)}
}

// notify and call drop what a test does not read once the buffer is
// full, rather than block the server.
func (p *fakePeer) notify(method string, params any) {
	select {
	case p.notes <- message{method, params}:
	default:
	}
}

func (p *fakePeer) call(method string, params any) {
	select {
	case p.calls <- message{method, params}:
	default:
	}
}

// diagnostics waits for the next diagnostics published for uri.
func (c *client) diagnostics(uri string) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case m := <-c.peer.notes:
			if p, ok := m.params.(protocol.PublishDiagnosticsParams); ok && p.URI == uri {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s", uri)
		}
	}
}

// change replaces a range of an open document, as an editor's
// incremental change.
func (c *client) change(uri string, version int, r protocol.Range, text string) {
	c.t.Helper()
	err := c.s.didChange(c.ctx(), &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: []any{protocol.TextDocumentContentChangeEvent{Range: &r, Text: text}},
	})
	if err != nil {
		c.t.Fatal(err)
	}
}

// configure sends workspace/didChangeConfiguration with settings (JSON).
func (c *client) configure(settings string) {
	c.t.Helper()
	var v any
	if err := json.Unmarshal([]byte(settings), &v); err != nil {
		c.t.Fatal(err)
	}
	if err := c.s.didChangeConfiguration(c.ctx(), &protocol.DidChangeConfigurationParams{Settings: v}); err != nil {
		c.t.Fatal(err)
	}
}

// codeActions asks for the code actions of a range.
func (c *client) codeActions(uri string, r protocol.Range) []protocol.CodeAction {
	c.t.Helper()
	res, err := c.s.codeAction(c.ctx(), &protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: r})
	if err != nil {
		c.t.Fatal(err)
	}
	return res.([]protocol.CodeAction)
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

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
