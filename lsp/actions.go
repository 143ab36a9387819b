package lsp

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Commands the server carries out (workspace/executeCommand), which its
// code actions name.
const (
	// cmdExplain opens the term's page: arguments [id].
	cmdExplain = "glossary.explain"
	// cmdConfused shows the terms commonly confused with a term:
	// arguments [id].
	cmdConfused = "glossary.confused"
)

var commands = []string{cmdExplain, cmdConfused}

// codeAction handles textDocument/codeAction: a quick fix for each way
// of correcting the terminology checker's findings in the range ("Replace
// with 'idempotent'"), and, for the term at the start of the range,
// "Explain" (its page on the glossary server, when there is one) and
// "Show commonly confused terms" (when it has confused-with links).
func (s *Server) codeAction(ctx *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	uri := p.TextDocument.URI
	actions := []protocol.CodeAction{}
	fixes, err := s.quickFixes(uri, p.Range)
	if err != nil {
		s.logError(ctx, fmt.Errorf("code actions: %w", err))
	}
	if wantKind(p.Context.Only, protocol.CodeActionKindQuickFix) {
		actions = append(actions, fixes...)
	}
	if len(p.Context.Only) > 0 {
		return actions, nil
	}
	t, _, err := s.termAt(uri, p.Range.Start)
	if err != nil {
		s.logError(ctx, fmt.Errorf("code actions %w", err))
	}
	if t == nil {
		return actions, nil
	}
	if s.opts.PagesURL != "" {
		title := fmt.Sprintf("Explain '%s'", t.Name)
		actions = append(actions, protocol.CodeAction{Title: title,
			Command: &protocol.Command{Title: title, Command: cmdExplain, Arguments: []any{t.ID}}})
	}
	if len(t.ConfusedWith) > 0 {
		const title = "Show commonly confused terms"
		actions = append(actions, protocol.CodeAction{Title: title,
			Command: &protocol.Command{Title: title, Command: cmdConfused, Arguments: []any{t.ID}}})
	}
	return actions, nil
}

// wantKind reports whether a code action of kind is among those asked
// for (all when only is empty).
func wantKind(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == kind || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

// quickFixes returns a quick fix for each replacement of each finding on
// the lines of r, checked as the document is now (the editor's
// diagnostics may be a keystroke old). The first fix of a finding is the
// preferred one.
func (s *Server) quickFixes(uri string, r protocol.Range) ([]protocol.CodeAction, error) {
	s.mu.Lock()
	d, open := s.docs[uri]
	c := s.checks[uri]
	if !open || c == nil {
		s.mu.Unlock()
		return nil, nil
	}
	text, lang, settings := d.text, d.languageID, s.settings
	s.mu.Unlock()
	v, err := s.vocabulary()
	if err != nil || v == nil {
		return nil, err
	}
	c.mu.Lock()
	fs := c.findings(v, lang, text)
	c.mu.Unlock()
	var out []protocol.CodeAction
	for _, f := range fs {
		sev, on := settings.severity(f.kind)
		fr := f.rangeIn(text)
		if !on || fr.End.Line < r.Start.Line || fr.Start.Line > r.End.Line {
			continue
		}
		diag := f.diagnostic(text, sev)
		for i, fix := range f.fixes {
			out = append(out, protocol.CodeAction{
				Title:       fmt.Sprintf("Replace with '%s'", fix),
				Kind:        ptr(protocol.CodeActionKindQuickFix),
				Diagnostics: []protocol.Diagnostic{diag},
				IsPreferred: ptr(i == 0),
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
					uri: {{Range: fr, NewText: fix}},
				}},
			})
		}
	}
	return out, nil
}

// executeCommand handles workspace/executeCommand for the commands of the
// code actions. It answers at once: what the command shows reaches the
// editor as its own request or notification.
func (s *Server) executeCommand(ctx *glsp.Context, p *protocol.ExecuteCommandParams) (any, error) {
	id := ""
	if len(p.Arguments) > 0 {
		id, _ = p.Arguments[0].(string)
	}
	if id == "" {
		return nil, fmt.Errorf("%s: want a term id as the argument", p.Command)
	}
	t, err := s.g.Term(s.ctx, id)
	if err != nil {
		s.logError(ctx, fmt.Errorf("%s %q: %w", p.Command, id, err))
		return nil, nil
	}
	switch p.Command {
	case cmdExplain:
		s.explain(ctx, t)
	case cmdConfused:
		s.showConfused(ctx, t)
	default:
		return nil, fmt.Errorf("unknown command %q", p.Command)
	}
	return nil, nil
}

// explain opens the term's page in the browser (window/showDocument,
// external) or, for a client that cannot (Neovim 0.7, eglot 1.9), shows
// its address.
func (s *Server) explain(ctx *glsp.Context, t *Term) {
	if s.opts.PagesURL == "" {
		return
	}
	page := strings.TrimSuffix(s.opts.PagesURL, "/") + "/terms/" + url.PathEscape(t.ID)
	if out := s.peer(); out != nil && s.capabilities().showDocument {
		out.call(string(protocol.ServerWindowShowDocument), protocol.ShowDocumentParams{URI: page, External: ptr(true)})
		return
	}
	ctx.Notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeInfo,
		Message: fmt.Sprintf("%s: %s", t.Name, page)})
}

// showConfused shows the terms commonly confused with t, each with its
// definition, as a message.
func (s *Server) showConfused(ctx *glsp.Context, t *Term) {
	var names, lines []string
	lines = append(lines, t.Name+": "+t.Definition)
	for _, id := range t.ConfusedWith {
		o, err := s.g.Term(s.ctx, id)
		if err != nil {
			s.logError(ctx, fmt.Errorf("%s %q: %w", cmdConfused, id, err))
			continue
		}
		names = append(names, o.Name)
		lines = append(lines, o.Name+": "+o.Definition)
	}
	if len(names) == 0 {
		return
	}
	msg := fmt.Sprintf("%s is often confused with %s.\n%s", t.Name, strings.Join(names, ", "), strings.Join(lines, "\n"))
	ctx.Notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: msg})
}
