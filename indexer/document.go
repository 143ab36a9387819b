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
	Text       []string `json:"text,omitempty"`
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
	var text []string
	if t.Text != "" {
		text = append(text, t.Text)
	}
	for _, s := range t.Senses {
		text = append(text, s.Definition, s.Text)
	}
	return document{
		Name:       all,
		Exact:      exact,
		Definition: t.Definition,
		Examples:   t.Examples,
		Text:       text,
		Sort:       corpus.Normalize(t.Term),
	}
}
