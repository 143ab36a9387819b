package search

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
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
// aliases starting with it, names with every word matching as a prefix,
// and last typo-tolerant prefixes ("backpresu"). A tier runs only while the list has room, so the common
// case is one or two cheap unscored term look-ups.
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
		return out, nil
	}
	if len(words) > MaxWords {
		words = words[:MaxWords]
	}
	seen := map[string]bool{}
	for _, q := range suggestTiers(words) {
		if len(out.Suggestions) >= size {
			break
		}
		if err := ix.suggestInto(ctx, out, seen, q, r.Role, size); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// suggestTiers returns the queries of Suggest's tiers, best first.
func suggestTiers(words []string) []query.Query {
	phrase := strings.Join(words, " ")
	exact := query.NewTermQuery(phrase)
	exact.SetField(fieldExact)
	start := query.NewTermQuery(phrase)
	start.SetField(fieldPrefix)
	aliasStart := query.NewTermQuery(phrase)
	aliasStart.SetField(fieldAliasPrefix)
	tiers := []query.Query{exact, start, aliasStart, wordPrefixes(words, false)}
	if Fuzziness(words[len(words)-1]) > 0 {
		tiers = append(tiers, wordPrefixes(words, true))
	}
	return tiers
}

// wordPrefixes matches terms where every word is a prefix of a name word;
// with fuzzy, the last word may have typos.
func wordPrefixes(words []string, fuzzy bool) query.Query {
	must := make([]query.Query, len(words))
	for i, w := range words {
		if fuzzy && i == len(words)-1 {
			fq := query.NewFuzzyQuery(w)
			fq.SetField(fieldWordPrefix)
			fq.SetFuzziness(Fuzziness(w))
			fq.SetPrefix(1)
			must[i] = fq
			continue
		}
		tq := query.NewTermQuery(w)
		tq.SetField(fieldWordPrefix)
		must[i] = tq
	}
	if len(must) == 1 {
		return must[0]
	}
	return query.NewConjunctionQuery(must)
}

func (ix *Index) suggestInto(ctx context.Context, out *SuggestResult, seen map[string]bool, q query.Query, role string, size int) error {
	if role != "" {
		rq := query.NewTermQuery(role)
		rq.SetField(fieldRole)
		b := query.NewBooleanQuery([]query.Query{q}, nil, nil)
		b.AddFilter(rq)
		q = b
	}
	req := bleve.NewSearchRequestOptions(q, size+len(seen), 0, false)
	req.SortBy([]string{fieldLength, fieldSort})
	req.Score = "none"
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	for _, h := range res.Hits {
		if len(out.Suggestions) >= size {
			break
		}
		t := ix.corpus.Term(h.ID)
		if t == nil || seen[h.ID] {
			continue
		}
		seen[h.ID] = true
		out.Suggestions = append(out.Suggestions, Suggestion{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Definition: t.Definition})
	}
	return nil
}
