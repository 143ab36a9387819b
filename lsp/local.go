package lsp

import (
	"context"
	"fmt"
	"sync"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// Local is a Glossary over the index generations of this process: the
// one a search.Live holds, which a watcher may switch when the data folder
// is reindexed. Everything it answers comes from memory: Suggest from the
// index's completion tables, Lookup from a map of every name, alias and
// form, built once per generation.
type Local struct {
	live *search.Live

	mu     sync.Mutex
	gen    string            // the generation byName was built for
	byName map[string]string // nameKey -> term id
}

// NewLocal returns a Glossary over the generation live holds, whichever it
// is at each call. The caller closes live after the Glossary's last use.
func NewLocal(live *search.Live) *Local {
	return &Local{live: live}
}

// acquire returns the current generation, with its name map, and the
// function that releases it.
func (l *Local) acquire() (*search.Index, map[string]string, func(), error) {
	ix, release, err := l.live.Acquire()
	if err != nil {
		return nil, nil, nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if gen := ix.Manifest().Generation; gen != l.gen || l.byName == nil {
		l.gen, l.byName = gen, namesOf(ix.Corpus())
	}
	return ix, l.byName, release, nil
}

// namesOf maps every name, alias and form of c to its term: names first,
// then aliases, then forms, so a name wins over another term's alias of
// the same spelling.
func namesOf(c *corpus.Corpus) map[string]string {
	byName := map[string]string{}
	add := func(id string, names []string) {
		for _, n := range names {
			for _, k := range nameKeys(n) {
				if _, taken := byName[k]; !taken {
					byName[k] = id
				}
			}
		}
	}
	for _, t := range c.Terms {
		add(t.ID, []string{t.Term})
	}
	for _, t := range c.Terms {
		add(t.ID, t.Aliases)
	}
	for _, t := range c.Terms {
		add(t.ID, t.Forms)
	}
	return byName
}

// Suggest completes prefix with search.Index.Suggest, which tolerates
// typos, and returns whole entries.
func (l *Local) Suggest(ctx context.Context, prefix string, size int, role string) ([]Term, error) {
	ix, _, release, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := ix.Suggest(ctx, search.SuggestRequest{Query: prefix, Size: size, Role: role})
	if err != nil {
		return nil, fmt.Errorf("suggest %q: %w", prefix, err)
	}
	out := make([]Term, 0, len(res.Suggestions))
	for _, s := range res.Suggestions {
		t, err := ix.Term(s.ID)
		if err != nil {
			return nil, fmt.Errorf("suggest %q: %w", prefix, err)
		}
		out = append(out, fromCorpus(t, nil))
	}
	return out, nil
}

// Lookup finds the term named key.
func (l *Local) Lookup(ctx context.Context, key string) (*Term, error) {
	ix, byName, release, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	id, ok := byName[key]
	if !ok {
		return nil, nil
	}
	return termOf(ix, id)
}

// Term returns the entry with id and the names of its related terms.
func (l *Local) Term(_ context.Context, id string) (*Term, error) {
	ix, _, release, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	return termOf(ix, id)
}

// Corpus returns the corpus of the current generation.
func (l *Local) Corpus(context.Context) (*corpus.Corpus, error) {
	ix, release, err := l.live.Acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	return ix.Corpus(), nil
}

func termOf(ix *search.Index, id string) (*Term, error) {
	t, err := ix.Term(id)
	if err != nil {
		return nil, err
	}
	rel, err := ix.Related(id, maxRelated)
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
	var confused []string
	for _, l := range t.Related {
		if l.Type == "confused-with" {
			confused = append(confused, l.ID)
		}
	}
	return Term{ID: t.ID, Name: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level, Definition: t.Definition,
		Examples: t.Examples, Related: related, Roles: t.Roles, ConfusedWith: confused}
}
