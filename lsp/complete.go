package lsp

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
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
// being typed; it keeps the glossary's order (sortText) and, when its name does
// not start with what was typed (a typo, an alias or a later word
// matched), is filtered by what was typed, so the editor does not drop
// it.
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
	terms, err := s.g.Suggest(s.ctx, typed, maxCompletions)
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
	for i, t := range terms {
		item := protocol.CompletionItem{
			Label:    t.Name,
			Kind:     ptr(protocol.CompletionItemKindText),
			Detail:   ptr(detail(&t)),
			SortText: ptr(fmt.Sprintf("%02d", i)),
			TextEdit: protocol.TextEdit{Range: replace, NewText: matchCase(t.Name, typed)},
		}
		if !strings.HasPrefix(strings.ToLower(t.Name), strings.ToLower(typed)) {
			item.FilterText = ptr(typed)
		}
		if t.Summary {
			item.Data = map[string]any{"id": t.ID}
		} else {
			item.Documentation = documentation(&t)
		}
		list.Items = append(list.Items, item)
	}
	return list, nil
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
	item.Documentation = documentation(t)
	return item, nil
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
