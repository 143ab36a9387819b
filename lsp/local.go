package lsp

import (
	"context"
	"fmt"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// Local is a Glossary over an index generation opened in this process.
// Everything it answers comes from memory: Suggest from the index's
// completion tables, Lookup from a map of every name, alias and form built
// once by NewLocal.
type Local struct {
	ix     *search.Index
	byName map[string]string // nameKey -> term id
}

// NewLocal returns a Glossary over ix, which the caller keeps open while
// the Glossary is in use and closes afterwards.
func NewLocal(ix *search.Index) *Local {
	l := &Local{ix: ix, byName: map[string]string{}}
	// Names first, then aliases, then forms: a name wins over another
	// term's alias of the same spelling.
	add := func(id string, names []string) {
		for _, n := range names {
			for _, k := range nameKeys(n) {
				if _, taken := l.byName[k]; !taken {
					l.byName[k] = id
				}
			}
		}
	}
	terms := ix.Corpus().Terms
	for _, t := range terms {
		add(t.ID, []string{t.Term})
	}
	for _, t := range terms {
		add(t.ID, t.Aliases)
	}
	for _, t := range terms {
		add(t.ID, t.Forms)
	}
	return l
}

// Suggest completes prefix with search.Index.Suggest, which tolerates
// typos, and returns whole entries.
func (l *Local) Suggest(ctx context.Context, prefix string, size int) ([]Term, error) {
	res, err := l.ix.Suggest(ctx, search.SuggestRequest{Query: prefix, Size: size})
	if err != nil {
		return nil, fmt.Errorf("suggest %q: %w", prefix, err)
	}
	out := make([]Term, 0, len(res.Suggestions))
	for _, s := range res.Suggestions {
		t, err := l.ix.Term(s.ID)
		if err != nil {
			return nil, fmt.Errorf("suggest %q: %w", prefix, err)
		}
		out = append(out, fromCorpus(t, nil))
	}
	return out, nil
}

// Lookup finds the term named key.
func (l *Local) Lookup(ctx context.Context, key string) (*Term, error) {
	id, ok := l.byName[key]
	if !ok {
		return nil, nil
	}
	return l.Term(ctx, id)
}

// Term returns the entry with id and the names of its related terms.
func (l *Local) Term(_ context.Context, id string) (*Term, error) {
	t, err := l.ix.Term(id)
	if err != nil {
		return nil, err
	}
	rel, err := l.ix.Related(id, maxRelated)
	if err != nil {
		return nil, fmt.Errorf("related terms of %q: %w", id, err)
	}
	names := make([]string, len(rel))
	for i, r := range rel {
		names[i] = r.Term
	}
	out := fromCorpus(t, names)
	return &out, nil
}

func fromCorpus(t *corpus.Term, related []string) Term {
	return Term{ID: t.ID, Name: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level,
		Definition: t.Definition, Examples: t.Examples, Related: related}
}
