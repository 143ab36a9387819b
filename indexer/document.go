package indexer

import (
	"slices"

	"github.com/glossary/glossary/corpus"
)

// document is what bleve indexes for one term; field names match the
// constants in mapping.go.
type document struct {
	Name       []string `json:"name"`
	Exact      []string `json:"exact"`
	Definition string   `json:"definition"`
	Examples   []string `json:"examples"`
	Sort       string   `json:"sort"`
}

func newDocument(t *corpus.Term) document {
	names := append([]string{t.Term}, t.Aliases...)
	all := append(slices.Clone(names), t.Forms...)
	exact := make([]string, 0, len(all))
	for _, n := range all {
		if k := corpus.Normalize(n); !slices.Contains(exact, k) {
			exact = append(exact, k)
		}
	}
	return document{
		Name:       all,
		Exact:      exact,
		Definition: t.Definition,
		Examples:   t.Examples,
		Sort:       corpus.Normalize(t.Term),
	}
}
