package lsp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover handles textDocument/hover: the glossary entry of the longest
// phrase around the cursor that is a term's name, alias or form ("race
// condition" before "race"), compared case-insensitively; in code, only
// inside comments. A phrase stays on one line, and its words may be
// separated by spaces and inline Markdown marks but not by punctuation.
func (s *Server) hover(ctx *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	text, off, helps := s.at(p.TextDocument.URI, p.Position)
	if !helps {
		return nil, nil
	}
	ls, le := lineAt(text, off)
	for _, ph := range phrasesAt(text[ls:le], off-ls, maxPhraseWords) {
		if utf8.RuneCountInString(ph.key) > maxText {
			continue
		}
		for _, key := range lookupKeys(ph.key) {
			t, err := s.g.Lookup(s.ctx, key)
			if err != nil {
				s.logError(ctx, fmt.Errorf("hover %q: %w", key, err))
				return nil, nil
			}
			if t != nil {
				return &protocol.Hover{
					Contents: hoverText(t, s.capabilities().hover),
					Range:    &protocol.Range{Start: position(text, ls+ph.start), End: position(text, ls+ph.end)},
				}, nil
			}
		}
	}
	return nil, nil
}

// lookupKeys returns the keys to try for a phrase: itself, and without a
// possessive "'s" ("the cache's keys").
func lookupKeys(key string) []string {
	if k, ok := strings.CutSuffix(key, "'s"); ok && k != "" {
		return []string{key, k}
	}
	return []string{key}
}
