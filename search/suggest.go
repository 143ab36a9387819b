package search

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// Bounds of a suggest request.
const (
	MaxSuggest     = 10
	DefaultSuggest = 10
)

// SuggestRequest is an autocomplete request for what a user has typed.
type SuggestRequest struct {
	Query string
	Size  int    // 0 means DefaultSuggest
	Role  string // optional: only terms of this role
}

// Suggestion is one completion.
type Suggestion struct {
	ID           string `json:"id"`
	Term         string `json:"term"`
	PartOfSpeech string `json:"part_of_speech"`
	Definition   string `json:"definition"`
}

// SuggestResult lists completions, best first.
type SuggestResult struct {
	Query       string       `json:"query"`
	Suggestions []Suggestion `json:"suggestions"`
	Generation  string       `json:"generation"`
}

// Validate checks a suggest request's bounds.
func (r *SuggestRequest) Validate() error {
	if n := utf8.RuneCountInString(r.Query); n > MaxQueryLength {
		return fmt.Errorf("%w: query is %d characters long; the limit is %d", ErrInvalid, n, MaxQueryLength)
	}
	if r.Size < 0 || r.Size > MaxSuggest {
		return fmt.Errorf("%w: size must be between 1 and %d", ErrInvalid, MaxSuggest)
	}
	return nil
}

// Suggest completes what the user has typed. Every word is a prefix of a
// word of the term or one of its aliases ("circ br" finds "circuit
// breaker", "cq" finds CQRS). Results come in tiers, each sorted shortest
// term first: a term or alias equal to the text, terms starting with it,
// aliases starting with it, names with a later word starting with it,
// names with every word matching as a prefix in any order, and last
// typo-tolerant prefixes ("backpresu"), which run only while the list still
// has room. Everything is answered from an in-memory index built when the
// generation opens (completion.go): no bleve query on this path.
func (ix *Index) Suggest(ctx context.Context, r SuggestRequest) (*SuggestResult, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	size := r.Size
	if size == 0 {
		size = DefaultSuggest
	}
	out := &SuggestResult{Query: r.Query, Suggestions: []Suggestion{}, Generation: ix.manifest.Generation}
	words := ix.words(r.Query)
	if len(words) == 0 {
		// Symbols only: names made of symbols are keys of their own.
		whole := corpus.Normalize(r.Query)
		if whole == "" {
			return out, nil
		}
		words = []string{whole}
	}
	if len(words) > MaxWords {
		words = words[:MaxWords]
	}
	keep := func(t *corpus.Term) bool { return r.Role == "" || slices.Contains(t.Roles, r.Role) }
	seen := map[int32]bool{}
	terms := ix.complete.complete(words, size, keep, seen, make([]*corpus.Term, 0, size))
	if edits := Fuzziness(words[len(words)-1]); len(terms) < size && edits > 0 {
		terms = ix.complete.fuzzy(words, edits, size, keep, seen, terms)
	}
	for _, t := range terms {
		out.Suggestions = append(out.Suggestions, Suggestion{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Definition: t.Definition})
	}
	return out, nil
}
