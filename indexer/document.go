package indexer

import (
	"slices"

	"github.com/glossary/glossary/corpus"
)

// document is what bleve indexes for one term; field names match the
// Field constants of the generation package (generation.Mapping).
type document struct {
	Name []string `json:"name"`
	// Exact holds each name whole, normalised; Squash each folded to its
	// letters and digits (corpus.Squash).
	Exact  []string `json:"exact"`
	Squash []string `json:"squash"`
	// Definition and Examples are the main sense's, then those of each
	// further sense: a term is found by the words of any of its senses.
	Definition []string `json:"definition"`
	Examples   []string `json:"examples"`
	About      []string `json:"about,omitempty"`
	Text       []string `json:"text,omitempty"`
	Sort       string   `json:"sort"`
}

func newDocument(t *corpus.Term) document {
	names := append([]string{t.Term}, t.Aliases...)
	for _, m := range t.Meanings {
		names = append(names, m.Aliases...)
	}
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
	for _, m := range t.Meanings {
		about = append(about, m.Collocations...)
		if m.Notes != "" {
			about = append(about, m.Notes)
		}
	}
	var text []string
	if t.Text != "" {
		text = append(text, t.Text)
	}
	for _, s := range t.Senses {
		text = append(text, s.Definition, s.Text)
	}
	defs, examples := []string{t.Definition}, t.Examples
	if len(t.Meanings) > 0 {
		examples = slices.Clone(t.Examples)
		for _, m := range t.Meanings {
			defs = append(defs, m.Definition)
			examples = append(examples, m.Examples...)
		}
	}
	return document{
		Name:       all,
		Exact:      exact,
		Squash:     squash,
		About:      about,
		Definition: defs,
		Examples:   examples,
		Text:       text,
		Sort:       corpus.Normalize(t.Term),
	}
}
