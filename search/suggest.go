package search

import (
	"context"
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

// Suggestion is one completion. Matched is the alias or form of the term
// that the text matched, as written, when it is not the term's own name:
// "depl" suggests pipeline, matched "deployment pipeline". It is empty
// when the term's name matched.
type Suggestion struct {
	ID           string `json:"id"`
	Term         string `json:"term"`
	PartOfSpeech string `json:"part_of_speech"`
	Definition   string `json:"definition"`
	Matched      string `json:"matched,omitempty"`
}

// SuggestResult lists completions, best first.
type SuggestResult struct {
	Query       string       `json:"query"`
	Suggestions []Suggestion `json:"suggestions"`
	Generation  string       `json:"generation"`
}

// Validate checks a suggest request's bounds.
func (r *SuggestRequest) Validate() error {
	if err := checkQueryLength(r.Query); err != nil {
		return err
	}
	if r.Size < 0 || r.Size > MaxSuggest {
		return invalid("size must be between 1 and %d", MaxSuggest)
	}
	return nil
}

// Suggest completes what the user has typed. Every word is a prefix of a
// word of the term or one of its aliases ("circ br" finds "circuit
// breaker", "cq" finds CQRS). Results come in tiers: a term or alias equal
// to the text; names starting with it or with a later word starting with
// it, the term's own name before aliases (completion.go's key kinds);
// names with every word matching as a prefix in any order; and last
// typo-tolerant prefixes ("backpresu"), which run only while the list
// still has room. Within a tier, fewer words first, then curated before
// imported entries, then shorter terms. Everything is answered from an
// in-memory index built when the generation opens (completion.go): no
// bleve query on this path.
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
	role := r.Role
	keep := func(t *corpus.Term) bool { return role == "" || slices.Contains(t.Roles, role) }
	col := newCollector(ix.complete.terms, size, keep)
	ix.complete.complete(words, &col)
	edits := Fuzziness(words[len(words)-1])
	if !col.full() && edits > 0 {
		ix.complete.fuzzy(words, edits, &col)
	}
	out.Suggestions = make([]Suggestion, 0, len(col.out()))
	var typed [][]rune // the words as runes, for matchedName
	for _, m := range col.out() {
		t := ix.complete.terms[m.term]
		if m.name == byWords && typed == nil {
			typed = make([][]rune, len(words))
			for i, w := range words {
				typed[i] = []rune(w)
			}
		}
		out.Suggestions = append(out.Suggestions, Suggestion{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Definition: t.Definition,
			Matched: ix.matchedName(m, typed, edits)})
	}
	return out, nil
}

// matchedName is the name of the term of m that matched, when it is not
// its own: its alias m.name-1, or, for a completion of the words
// (byWords), the first of its aliases and forms that matches the typed
// words better than its display term does. A name matches better when
// more typed words start one of its words, then with fewer typos (the
// last word may have up to edits). When the display term's words match
// as well as all the term's words together, which is most often, no
// name is analysed.
func (ix *Index) matchedName(m completion, typed [][]rune, edits int) string {
	c := ix.complete
	t := c.terms[m.term]
	switch {
	case m.name > 0 && int(m.name) <= len(t.Aliases):
		return t.Aliases[m.name-1]
	case m.name != byWords || len(t.Aliases)+len(t.Forms) == 0:
		return ""
	}
	ws := c.words[m.term]
	allCovered, allTypos := nameCovers(ws, typed, edits)
	best := ""
	bestCovered, bestTypos := nameCovers(ws[:c.own[m.term]], typed, edits)
	if bestCovered == allCovered && bestTypos == allTypos {
		return ""
	}
	for _, n := range slices.Concat(t.Aliases, t.Forms) {
		covered, typos := nameCovers(ix.words(n), typed, edits)
		if covered > bestCovered || (covered == bestCovered && typos < bestTypos) {
			best, bestCovered, bestTypos = n, covered, typos
		}
	}
	return best
}

// nameCovers counts the typed words that start a word of a name (of words
// nw), the last within edits typos, and the typos that takes.
func nameCovers(nw []string, typed [][]rune, edits int) (covered, typos int) {
	for i, w := range typed {
		budget := 0
		if i == len(typed)-1 {
			budget = edits
		}
		d := budget + 1
		for _, x := range nw {
			if budget == 0 {
				// No typo allowed: a prefix, without a distance.
				if hasRunePrefix(x, w) {
					d = 0
					break
				}
				continue
			}
			d = min(d, prefixDistance(w, x, budget))
		}
		if d <= budget {
			covered, typos = covered+1, typos+d
		}
	}
	return covered, typos
}

// hasRunePrefix reports whether s starts with the runes of p.
func hasRunePrefix(s string, p []rune) bool {
	for _, r := range p {
		c, n := utf8.DecodeRuneInString(s)
		if n == 0 || c != r {
			return false
		}
		s = s[n:]
	}
	return true
}
