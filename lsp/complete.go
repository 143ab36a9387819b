package lsp

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/corpus"
)

const (
	// maxCompletions caps the items of one completion (the glossary's
	// suggest limit); the list is marked incomplete, so the editor asks
	// again as the word grows.
	maxCompletions = 10
	// minPrefix is the shortest partial word completed: one letter
	// matches too much of the glossary to help.
	minPrefix = 2
	// maxText is the longest word completed and the longest phrase looked
	// up, in characters: twice the longest name in the corpus, and well
	// within what the API accepts (search.MaxQueryLength), so a long token
	// costs no request that would fail.
	maxText = 100
)

// completion handles textDocument/completion: glossary terms for the word
// being typed, in prose and in comments. Each item replaces the word
// being typed; it keeps the glossary's order (sortText) and, when what it
// inserts does not start with what was typed, carries a filterText that
// does (see filterText), so the editor does not drop it.
func (s *Server) completion(ctx *glsp.Context, p *protocol.CompletionParams) (any, error) {
	text, off, helps := s.at(p.TextDocument.URI, p.Position)
	if !helps {
		return nil, nil
	}
	ls, le := lineAt(text, off)
	start := ls + prefixAt(text[ls:off], off-ls)
	typed := text[start:off]
	list := &protocol.CompletionList{IsIncomplete: true, Items: []protocol.CompletionItem{}}
	if n := utf8.RuneCountInString(typed); n < minPrefix || n > maxText {
		return list, nil
	}
	terms, err := s.suggest(typed)
	if err != nil {
		s.logError(ctx, fmt.Errorf("complete %q: %w", typed, err))
		return list, nil
	}
	// The edit replaces the whole word when the cursor is inside one
	// ("idem|potnet"), not only what is before the cursor.
	end := off
	if r, _ := utf8.DecodeRuneInString(text[off:le]); isLetter(r) {
		end = ls + wordEnd(text[ls:le], off-ls)
	}
	replace := protocol.Range{Start: position(text, start), End: position(text, end)}
	caps := s.capabilities()
	for i, t := range terms {
		newText := matchCase(t.Name, typed)
		item := protocol.CompletionItem{
			Label:    t.Name,
			Kind:     ptr(protocol.CompletionItemKindText),
			Detail:   ptr(detail(&t)),
			SortText: ptr(fmt.Sprintf("%02d", i)),
			TextEdit: protocol.TextEdit{Range: replace, NewText: newText},
			// Clients that filter on insertText or the label rather than
			// the edit (eglot) then see what will be inserted: the
			// capitalised "Idempotent" for "Idemp".
			InsertText: ptr(newText),
			FilterText: filterText(newText, typed),
		}
		if t.Summary {
			// completionItem/resolve adds the examples.
			item.Data = map[string]any{"id": t.ID}
		}
		if !t.Summary || !caps.resolveDocs {
			// Clients that may never resolve (Neovim 0.7's omnifunc does
			// not) get what the answer holds: for a summary, the
			// definition.
			item.Documentation = documentation(&t, caps.docs)
		}
		list.Items = append(list.Items, item)
	}
	return list, nil
}

// suggest returns the terms completing typed, best first: the glossary's
// order, or, when the settings name a role or a level, that role's terms
// first, then, within each group, the terms at or below the writer's
// level before harder ones. The role's own suggestions whose name has a
// word starting with what was typed join the role's group when the best
// of all missed them (not its typo matches, which would push good matches
// out). Without either setting it costs what it always did: one Suggest.
func (s *Server) suggest(typed string) ([]Term, error) {
	set := s.currentSettings()
	terms, err := s.g.Suggest(s.ctx, typed, maxCompletions, "")
	if err != nil || (set.Role == "" && set.Level == "") {
		return terms, err
	}
	if set.Role != "" {
		ofRole, err := s.g.Suggest(s.ctx, typed, maxCompletions, set.Role)
		if err != nil {
			return nil, err
		}
		for _, t := range ofRole {
			if !slices.ContainsFunc(terms, func(o Term) bool { return o.ID == t.ID }) && wordStarts(t.Name, typed) {
				terms = append(terms, t)
			}
		}
	}
	level := slices.Index(corpus.Levels, set.Level)
	rank := func(t Term) int {
		r := 0
		if set.Role != "" && !slices.Contains(t.Roles, set.Role) {
			r += 2
		}
		if l := slices.Index(corpus.Levels, t.Level); level >= 0 && l > level {
			r++
		}
		return r
	}
	slices.SortStableFunc(terms, func(a, b Term) int { return rank(a) - rank(b) })
	return terms[:min(len(terms), maxCompletions)], nil
}

// wordStarts reports whether a word of name starts with prefix, in any
// case.
func wordStarts(name, prefix string) bool {
	for _, w := range words(name) {
		if len(name)-w.start >= len(prefix) && strings.EqualFold(name[w.start:w.start+len(prefix)], prefix) {
			return true
		}
	}
	return false
}

// resolve handles completionItem/resolve: it fills in the level and the
// documentation of an item completion left them out of, which it marked
// with the term's id in data. (Whether the client sends documentation
// back as absent or null, or not at all, does not matter.)
func (s *Server) resolve(ctx *glsp.Context, item *protocol.CompletionItem) (*protocol.CompletionItem, error) {
	data, _ := item.Data.(map[string]any)
	id, _ := data["id"].(string)
	if id == "" {
		return item, nil
	}
	t, err := s.g.Term(s.ctx, id)
	if err != nil {
		s.logError(ctx, fmt.Errorf("resolve %q: %w", id, err))
		return item, nil
	}
	item.Detail = ptr(detail(t))
	item.Documentation = documentation(t, s.capabilities().docs)
	return item, nil
}

// filterText returns what a client should match the typed prefix against
// when newText does not start with it, or nil when newText does: clients
// filter case-sensitively (eglot, Neovim) or on the label, which is no
// prefix of "Kubernetes" for "kube", of "backpressure" for "backpresu" or
// of "race condition" for "cond". A name that matches but for case is
// filtered by the typed letters followed by the rest of the name
// ("kubernetes"); any other match (a typo, an alias, a later word) by
// what was typed.
//
// Items that need none carry none: Neovim 0.7's omnifunc takes the start
// of the word from the edits of items without a filterText, and falls
// back to its own idea of a word, which ends at "-" and "/", when none is
// left.
func filterText(newText, typed string) *string {
	if strings.HasPrefix(newText, typed) {
		return nil
	}
	if n := utf8.RuneCountInString(typed); strings.EqualFold(firstRunes(newText, n), typed) {
		return ptr(typed + newText[len(firstRunes(newText, n)):])
	}
	return ptr(typed)
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// matchCase capitalises a lower-case name when the user started the word
// with a capital, as at the start of a sentence: "Idemp" completes to
// "Idempotent". Names with capitals of their own (CQRS, Kubernetes) are
// left as they are.
func matchCase(name, typed string) string {
	t, _ := utf8.DecodeRuneInString(typed)
	n, size := utf8.DecodeRuneInString(name)
	if !unicode.IsUpper(t) || !unicode.IsLower(n) {
		return name
	}
	return string(unicode.ToUpper(n)) + name[size:]
}
