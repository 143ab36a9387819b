package lsp

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// The terminology checker's findings reach the editor as diagnostics
// (textDocument/publishDiagnostics), computed in the background a
// moment after the last change (debounced, so typing a word costs one
// check) and cached line by line: a line is checked again only when its
// text, or the state the scan reaches it in, changes. A change to one
// line of a 5,000-line file so costs one line's check plus a walk over
// the others' cache entries (see BenchmarkDiagnostics).

// DefaultDebounce is how long after the last change a document is
// checked.
const DefaultDebounce = 25 * time.Millisecond

// maxDiagnostics caps the diagnostics of one document, so a file of
// something other than prose cannot flood the editor.
const maxDiagnostics = 1000

// docCheck is the terminology checker's state for one open document.
type docCheck struct {
	mu    sync.Mutex // one check of the document at a time, publishing included
	timer *time.Timer
	vocab *vocabulary             // what lines were cached with
	lines map[lineKey]*lineResult // by line and state
	pass  int                     // how many times findings ran
}

// lineResult is what checking a line gives: its findings, the names it
// has in code and URLs, and the state the next line starts in; pass is
// the last pass that saw the line.
type lineResult struct {
	findings []finding
	names    []string
	after    lineState
	pass     int
}

// lineKey is what a line's findings depend on.
type lineKey struct {
	st   lineState
	line string
}

// lineFinding is a finding with the line it is on.
type lineFinding struct {
	finding
	line, lineStart int // line number, and its start's byte offset in the text
}

// findings returns the findings of the whole text, checking the lines
// that are not in the cache and keeping only those that are.
func (c *docCheck) findings(v *vocabulary, languageID, text string) []lineFinding {
	if c.vocab != v || c.lines == nil {
		c.vocab, c.lines = v, map[lineKey]*lineResult{}
	}
	c.pass++
	r := newLineReader(languageID)
	var out []lineFinding
	var names map[string]bool
	var st lineState
	for n, ls := 0, 0; ; n++ {
		le := ls
		for le < len(text) && text[le] != '\n' && text[le] != '\r' {
			le++
		}
		// The first line is not cached: Markdown's front matter starts
		// only there.
		k := lineKey{st: st, line: text[ls:le]}
		res, ok := c.lines[k]
		if !ok || n == 0 {
			segs, after := r.segments(text, ls, le, n, st)
			fs, inCode := v.checkLine(text[ls:le], segs)
			res = &lineResult{findings: fs, names: inCode, after: after}
			if n > 0 {
				c.lines[k] = res
			}
		}
		res.pass = c.pass
		for _, f := range res.findings {
			out = append(out, lineFinding{finding: f, line: n, lineStart: ls})
		}
		for _, name := range res.names {
			if names == nil {
				names = map[string]bool{}
			}
			names[name] = true
		}
		st = res.after
		if le == len(text) {
			break
		}
		ls = le + 1
		if text[le] == '\r' && ls < len(text) && text[ls] == '\n' {
			ls++
		}
	}
	// Forget the lines the document no longer has, once they are as many
	// as those it has.
	if lines := strings.Count(text, "\n") + 1; len(c.lines) > 2*lines+64 {
		maps.DeleteFunc(c.lines, func(_ lineKey, r *lineResult) bool { return r.pass != c.pass })
	}
	// A word the document has in code or a URL names something: not a
	// typo in its prose either.
	return slices.DeleteFunc(out, func(f lineFinding) bool { return f.kind == kindTypo && names[strings.ToLower(f.text)] })
}

// diagnostic is what the editor is told of a finding.
func (f lineFinding) diagnostic(text string, severity protocol.DiagnosticSeverity) protocol.Diagnostic {
	return protocol.Diagnostic{
		Range:    f.rangeIn(text),
		Severity: &severity,
		Code:     &protocol.IntegerOrString{Value: f.kind},
		Source:   &source,
		Message:  f.message,
		Data:     map[string]any{"fixes": f.fixes, "id": f.id},
	}
}

// rangeIn returns the finding's range; the line is known, so only its
// own text is counted in UTF-16 units.
func (f lineFinding) rangeIn(text string) protocol.Range {
	line := protocol.UInteger(f.line)
	at := func(off int) protocol.Position {
		return protocol.Position{Line: line, Character: protocol.UInteger(utf16Count(text[f.lineStart : f.lineStart+off]))}
	}
	return protocol.Range{Start: at(f.start), End: at(f.end)}
}

// source names the server in diagnostics.
var source = "glossary"

// schedule arranges for the document at uri to be checked once the
// editor has been quiet for the debounce interval. The caller holds s.mu.
func (s *Server) schedule(uri string) {
	if s.closed {
		return
	}
	c := s.checks[uri]
	if c == nil {
		c = &docCheck{}
		s.checks[uri] = c
	}
	if c.timer != nil {
		c.timer.Reset(s.debounce())
		return
	}
	c.timer = time.AfterFunc(s.debounce(), func() { s.publishDiagnostics(uri, c) })
}

func (s *Server) debounce() time.Duration {
	if s.opts.Debounce > 0 {
		return s.opts.Debounce
	}
	return DefaultDebounce
}

// scheduleAll checks every open document again, after settings change.
func (s *Server) scheduleAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for uri := range s.docs {
		s.schedule(uri)
	}
}

// publishDiagnostics checks the document at uri as it is now and sends
// its diagnostics, unless it changed or closed meanwhile (a newer check
// is then due).
func (s *Server) publishDiagnostics(uri string, c *docCheck) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s.mu.Lock()
	d, open := s.docs[uri]
	out := s.out
	if !open || s.checks[uri] != c || out == nil {
		s.mu.Unlock()
		return
	}
	text, lang, version, settings := d.text, d.languageID, d.version, s.settings
	s.mu.Unlock()

	v, err := s.vocabulary()
	if err != nil || v == nil {
		if err != nil {
			s.logOnce(err)
		}
		return
	}
	fs := c.findings(v, lang, text)
	diags := []protocol.Diagnostic{}
	for _, f := range fs {
		if sev, on := settings.severity(f.kind); on && len(diags) < maxDiagnostics {
			diags = append(diags, f.diagnostic(text, sev))
		}
	}
	s.mu.Lock()
	current := s.docs[uri] == d && d.version == version && d.text == text
	s.mu.Unlock()
	if current {
		out.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{
			URI: uri, Version: ptr(protocol.UInteger(max(version, 0))), Diagnostics: diags})
	}
}

// clearDiagnostics stops checking a closed document and clears its
// diagnostics in the editor, as the protocol asks of a server.
func (s *Server) clearDiagnostics(uri string, c *docCheck) {
	if c == nil {
		return
	}
	if c.timer != nil {
		c.timer.Stop()
	}
	c.mu.Lock() // after a check that is under way
	defer c.mu.Unlock()
	if out := s.peer(); out != nil {
		out.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: []protocol.Diagnostic{}})
	}
}

// vocabulary returns the checker's vocabulary for the glossary's corpus
// as it is now, built on first use and again when the corpus changes (a
// new generation); nil when the glossary has no corpus.
func (s *Server) vocabulary() (*vocabulary, error) {
	c, err := s.g.Corpus(s.ctx)
	if err != nil || c == nil {
		return nil, err
	}
	s.vocabMu.Lock()
	defer s.vocabMu.Unlock()
	if s.vocabOf == c {
		return s.vocab, nil
	}
	words, err := s.wordList()
	if err != nil {
		return nil, err
	}
	v, err := newVocabulary(c, strings.NewReader(words))
	if err != nil {
		return nil, err
	}
	s.vocab, s.vocabOf = v, c
	return v, nil
}

// wordList returns the text of the word list, read once. A missing file
// is a warning in the editor's log, not an error: the corpus's own words
// keep the commonest words out, less well.
func (s *Server) wordList() (string, error) {
	if s.words != nil || s.opts.WordList == "" {
		return string(s.words), nil
	}
	f, err := os.Open(s.opts.WordList)
	if errors.Is(err, fs.ErrNotExist) {
		s.logOnce(fmt.Errorf("word list %s: %w; diagnostics flag more ordinary words without it (on Debian: apt-get install wamerican)", s.opts.WordList, err))
		s.words = []byte{}
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("word list: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 64<<20))
	if err != nil {
		return "", fmt.Errorf("word list %s: %w", s.opts.WordList, err)
	}
	s.words = b
	return string(b), nil
}

// logOnce shows err in the editor's log the first time it happens.
func (s *Server) logOnce(err error) {
	s.mu.Lock()
	seen := s.logged[err.Error()]
	s.logged[err.Error()] = true
	out := s.out
	s.mu.Unlock()
	if !seen && out != nil {
		out.notify(protocol.ServerWindowLogMessage, protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: "glossary: " + err.Error()})
	}
}

// peer returns the client, once Serve has connected it.
func (s *Server) peer() peer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out
}
