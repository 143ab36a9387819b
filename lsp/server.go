package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// ErrExitWithoutShutdown is what Serve returns when the client sent exit
// without asking for shutdown first; the protocol wants exit code 1 then.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Options are the settings of a Server beyond its Glossary.
type Options struct {
	// Warnings are shown in the editor's log (window/logMessage) once it
	// has initialized: problems that did not stop the server, such as an
	// unknown GLOSSARY_ environment variable.
	Warnings []string
	// WordList is a file of ordinary words, one a line, that the
	// terminology checker never flags, such as /usr/share/dict/words
	// (Debian's wamerican); empty for none.
	WordList string
	// PagesURL is a glossary server's address, such as
	// https://glossary.example.com: the code action "Explain" opens
	// PagesURL/terms/{id}. Empty: no such action.
	PagesURL string
	// Debounce is how long after the last change a document is checked;
	// 0 for DefaultDebounce.
	Debounce time.Duration
}

// Server is a language server over a Glossary. It handles one connection
// (one editor) at a time.
type Server struct {
	g    Glossary
	opts Options
	log  *slog.Logger
	// startErr is why the server cannot answer (see Unavailable).
	startErr error
	handler  protocol.Handler
	// ctx is Serve's context, for the glossary calls of handlers (glsp's
	// handler signatures carry none).
	ctx context.Context

	// out talks to the client outside a handler: diagnostics, and
	// requests such as window/showDocument (set by Serve).
	out peer

	mu       sync.Mutex
	caps     clientCaps // from initialize
	settings Settings   // from initializationOptions and didChangeConfiguration
	docs     map[string]*document
	checks   map[string]*docCheck // the terminology checker's, by URI
	logged   map[string]bool      // messages logOnce sent
	closed   bool                 // Serve returned: no more checks
	shutdown bool
	exit     chan struct{} // closed by the exit notification
	exitOnce sync.Once

	vocabMu sync.Mutex // builds the vocabulary once
	vocab   *vocabulary
	vocabOf any    // the corpus vocab was built from
	words   []byte // the word list, once read
}

// peer is the client, as the server calls it outside a handler.
type peer interface {
	notify(method string, params any)
	// call sends a request and does not wait for the answer (requests
	// run on the goroutine that reads the answers); a failure is logged.
	call(method string, params any)
}

// connPeer is the client at the other end of a jsonrpc2 connection.
type connPeer struct {
	ctx  context.Context
	conn *jsonrpc2.Conn
	log  *slog.Logger
}

func (p connPeer) notify(method string, params any) {
	if err := p.conn.Notify(p.ctx, method, params); err != nil {
		p.log.Warn("notify the client", "method", method, "err", err)
	}
}

func (p connPeer) call(method string, params any) {
	go func() {
		var res any
		if err := p.conn.Call(p.ctx, method, params, &res); err != nil {
			p.log.Warn("request to the client", "method", method, "err", err)
		}
	}()
}

// New returns a Server answering from g. log receives what is not for the
// editor (the protocol library's own complaints); errors while answering a
// request go to the editor's log as window/logMessage.
func New(g Glossary, log *slog.Logger, opts Options) *Server {
	s := &Server{g: g, opts: opts, log: log, ctx: context.Background(), exit: make(chan struct{}),
		docs: map[string]*document{}, checks: map[string]*docCheck{}, logged: map[string]bool{},
		caps: readCaps(protocol.ClientCapabilities{})}
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            s.initialized,
		Shutdown:               s.shutdownRequest,
		SetTrace:               func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:    s.didOpen,
		TextDocumentDidChange:  s.didChange,
		TextDocumentDidClose:   s.didClose,
		TextDocumentCompletion: s.completion,
		CompletionItemResolve:  s.resolve,
		TextDocumentHover:      s.hover,
		TextDocumentCodeAction: s.codeAction,

		WorkspaceDidChangeConfiguration: s.didChangeConfiguration,
		WorkspaceExecuteCommand:         s.executeCommand,
	}
	return s
}

// Unavailable returns a Server that tells the editor why the language
// server cannot start (a setting that is wrong, an index that does not
// open): it answers initialize with err, which editors show, and shows it
// with window/showMessage too. Exiting instead, before initialize is
// answered, would leave the reason in a log file that nobody reads, and
// completion silently off.
func Unavailable(err error, log *slog.Logger) *Server {
	s := New(nil, log, Options{})
	s.startErr = err
	return s
}

// Serve speaks the protocol over in and out, with Content-Length framing,
// until the client sends exit, in ends or ctx is done. It returns nil after
// shutdown and exit, or when ctx is done; ErrExitWithoutShutdown when exit
// came first; an error when in ended without exit, or when the framing of
// in was lost (see frameStream: a message that is not JSON or not a
// JSON-RPC message is answered with an error, and the session goes on).
// Requests are handled one at a time, in order, so a completion always
// sees the edits sent before it.
func (s *Server) Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	s.ctx = ctx
	stream := newFrameStream(in, out, pipe{in, out})
	logger := log.New(&slogWriter{s.log}, "", 0)
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(logger))
	s.mu.Lock()
	s.out = connPeer{ctx: ctx, conn: conn, log: s.log}
	s.mu.Unlock()
	defer s.stopChecks()
	select {
	case <-s.exit:
	case <-conn.DisconnectNotify():
		select {
		case <-s.exit: // the client closed its end right after exit
		default:
			if err := stream.lost(); err != nil {
				return err
			}
			return errors.New("the client closed the connection without exit")
		}
	case <-ctx.Done():
		conn.Close()
		return nil
	}
	conn.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.shutdown {
		return ErrExitWithoutShutdown
	}
	return nil
}

// stopChecks stops the terminology checker's timers when Serve returns.
func (s *Server) stopChecks() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for _, c := range s.checks {
		if c.timer != nil {
			c.timer.Stop()
		}
	}
}

// handle answers one message. Notifications the server does not know
// (such as $/cancelRequest or workspace/didChangeConfiguration) are
// ignored, as the protocol allows; unknown requests get MethodNotFound.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic while handling a request", "method", req.Method, "panic", p, "stack", string(debug.Stack()))
			err = &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("internal error in %s", req.Method)}
		}
	}()
	if req.Method == string(protocol.MethodExit) {
		s.exitOnce.Do(func() { close(s.exit) })
		return nil, nil
	}
	if req.Method != string(protocol.MethodInitialize) && !s.handler.IsInitialized() {
		// As the protocol says: before initialize, a request gets
		// ServerNotInitialized and a notification is dropped; after
		// shutdown, a request is invalid (glsp forgets it was initialized
		// then).
		s.mu.Lock()
		shutdown := s.shutdown
		s.mu.Unlock()
		switch {
		case req.Notif:
			return nil, nil
		case shutdown:
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: req.Method + " after shutdown: only exit is expected now"}
		}
		return nil, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: req.Method + " before initialize: the server is not initialized yet"}
	}
	gctx := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) {
			if err := conn.Notify(ctx, method, params); err != nil {
				s.log.Warn("notify the client", "method", method, "err", err)
			}
		},
		// No Call: requests run on jsonrpc2's reading goroutine, so one
		// that waited for the client's answer would wait for ever.
	}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	r, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case !validMethod && req.Notif:
		return nil, nil
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: fmt.Sprint(err)}
	case err != nil:
		var rpcErr *jsonrpc2.Error
		if errors.As(err, &rpcErr) {
			return nil, rpcErr
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

// initialize handles the initialize request: incremental text sync,
// completion with lazy resolve, hover. It notes what the client's
// capabilities change in the answers (see clientCaps).
func (s *Server) initialize(ctx *glsp.Context, p *protocol.InitializeParams) (any, error) {
	if s.startErr != nil {
		msg := "glossary lsp cannot start: " + s.startErr.Error()
		// The protocol lets a server show messages while it initializes.
		ctx.Notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: msg})
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: msg}
	}
	settings, err := parseSettings(p.InitializationOptions)
	if err != nil {
		ctx.Notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: "glossary: initializationOptions: " + err.Error()})
	}
	s.mu.Lock()
	s.caps = readCaps(p.Capabilities)
	s.settings = settings
	s.mu.Unlock()
	change := protocol.TextDocumentSyncKindIncremental
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync:       protocol.TextDocumentSyncOptions{OpenClose: ptr(true), Change: &change},
			CompletionProvider:     &protocol.CompletionOptions{ResolveProvider: ptr(true)},
			HoverProvider:          true,
			CodeActionProvider:     protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{Commands: commands},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "glossary"},
	}, nil
}

// initialized handles the initialized notification: the editor now takes
// messages, such as the warnings of Options.
func (s *Server) initialized(ctx *glsp.Context, _ *protocol.InitializedParams) error {
	for _, w := range s.opts.Warnings {
		ctx.Notify(protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: "glossary: " + w})
	}
	return nil
}

// capabilities returns what the client said it supports.
func (s *Server) capabilities() clientCaps {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caps
}

// shutdownRequest handles shutdown: nothing to flush, but exit now ends
// with success.
func (s *Server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	return nil
}

// didOpen handles textDocument/didOpen.
func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := p.TextDocument
	s.docs[d.URI] = &document{uri: d.URI, languageID: d.LanguageID, version: d.Version, text: d.Text}
	s.schedule(d.URI)
	return nil
}

// didChange handles textDocument/didChange, incremental or whole.
func (s *Server) didChange(ctx *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.logError(ctx, fmt.Errorf("change to %s, which is not open", p.TextDocument.URI))
		return nil
	}
	if err := d.apply(p.TextDocument.Version, p.ContentChanges); err != nil {
		s.logError(ctx, err)
	}
	s.schedule(p.TextDocument.URI)
	return nil
}

// didClose handles textDocument/didClose.
func (s *Server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	uri := p.TextDocument.URI
	c := s.checks[uri]
	delete(s.docs, uri)
	delete(s.checks, uri)
	s.mu.Unlock()
	s.clearDiagnostics(uri, c)
	return nil
}

// didChangeConfiguration handles workspace/didChangeConfiguration: new
// settings, which apply to the next completion and check every open
// document again.
func (s *Server) didChangeConfiguration(ctx *glsp.Context, p *protocol.DidChangeConfigurationParams) error {
	settings, err := parseSettings(p.Settings)
	if err != nil {
		s.logError(ctx, err)
		return nil
	}
	s.mu.Lock()
	s.settings = settings
	s.mu.Unlock()
	s.scheduleAll()
	return nil
}

// currentSettings returns the settings the editor last sent.
func (s *Server) currentSettings() Settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings
}

// at returns the text of an open document, the byte offset of p in it,
// and whether the glossary helps there (see helpsAt).
func (s *Server) at(uri string, p protocol.Position) (text string, off int, helps bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	if !ok {
		return "", 0, false
	}
	off = offset(d.text, p)
	return d.text, off, d.helpsAt(off)
}

// logError shows err in the editor's log (window/logMessage). The request
// is then answered with nothing rather than an error, so the editor shows
// no error popup while the user types.
func (s *Server) logError(ctx *glsp.Context, err error) {
	if ctx == nil || ctx.Notify == nil {
		s.log.Error(err.Error())
		return
	}
	ctx.Notify(protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: protocol.MessageTypeError, Message: "glossary: " + err.Error()})
}

func ptr[T any](v T) *T { return &v }

// pipe joins the client's two streams into the io.ReadWriteCloser
// jsonrpc2 reads and writes. Closing it closes the input when it can be
// closed, which ends jsonrpc2's reading; the output belongs to the caller.
type pipe struct {
	io.Reader
	io.Writer
}

func (p pipe) Close() error {
	if c, ok := p.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// slogWriter turns the lines jsonrpc2 logs into warnings.
type slogWriter struct{ log *slog.Logger }

func (w *slogWriter) Write(p []byte) (int, error) {
	w.log.Warn(strings.TrimSpace(string(p)))
	return len(p), nil
}
