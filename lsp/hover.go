package lsp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover handles textDocument/hover: the glossary entry of the term at the
// cursor (see termAt).
func (s *Server) hover(ctx *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	t, r, err := s.termAt(p.TextDocument.URI, p.Position)
	if err != nil {
		s.logError(ctx, fmt.Errorf("hover %w", err))
		return nil, nil
	}
	if t == nil {
		return nil, nil
	}
	return &protocol.Hover{Contents: hoverText(t, s.capabilities().hover), Range: &r}, nil
}

// termAt returns the term whose name, alias or form is the longest phrase
// around the position ("race condition" before "race"), compared
// case-insensitively, and the phrase's range; nil when there is none. In
// code, only comments count. A phrase stays on one line, and its words
// may be separated by spaces and inline Markdown marks but not by
// punctuation.
func (s *Server) termAt(uri string, p protocol.Position) (*Term, protocol.Range, error) {
	text, off, helps := s.at(uri, p)
	if !helps {
		return nil, protocol.Range{}, nil
	}
	ls, le := lineAt(text, off)
	for _, ph := range phrasesAt(text[ls:le], off-ls, maxPhraseWords) {
		if utf8.RuneCountInString(ph.key) > maxText {
			continue
		}
		for _, key := range lookupKeys(ph.key) {
			t, err := s.g.Lookup(s.ctx, key)
			if err != nil {
				return nil, protocol.Range{}, fmt.Errorf("%q: %w", key, err)
			}
			if t != nil {
				return t, protocol.Range{Start: position(text, ls+ph.start), End: position(text, ls+ph.end)}, nil
			}
		}
	}
	return nil, protocol.Range{}, nil
}

// lookupKeys returns the keys to try for a phrase: itself, and without a
// possessive "'s" ("the cache's keys").
func lookupKeys(key string) []string {
	if k, ok := strings.CutSuffix(key, "'s"); ok && k != "" {
		return []string{key, k}
	}
	return []string{key}
}
