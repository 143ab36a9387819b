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
	Squash     []string `json:"squash"`
	Definition string   `json:"definition"`
	Examples   []string `json:"examples"`
	About      []string `json:"about,omitempty"`
	Text       []string `json:"text,omitempty"`
	Sort       string   `json:"sort"`
}

func newDocument(t *corpus.Term) document {
	names := append([]string{t.Term}, t.Aliases...)
	all := append(slices.Clone(names), t.Forms...)
	exact := make([]string, 0, len(all))
	var squash []string
	for _, n := range all {
		if k := corpus.Normalize(n); !slices.Contains(exact, k) {
			exact = append(exact, k)
		}
		if k := corpus.Squash(n); k != "" && !slices.Contains(squash, k) {
			squash = append(squash, k)
		}
	}
	about := slices.Clone(t.Collocations)
	if t.Notes != "" {
		about = append(about, t.Notes)
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
		Squash:     squash,
		About:      about,
		Definition: t.Definition,
		Examples:   t.Examples,
		Text:       text,
		Sort:       corpus.Normalize(t.Term),
	}
}
