package indexer

import (
	"slices"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// document is what bleve indexes for one term; field names match the
// constants in mapping.go.
type document struct {
	Name        []string `json:"name"`
	Exact       []string `json:"exact"`
	Prefix      string   `json:"prefix"`
	AliasPrefix []string `json:"alias_prefix"`
	WordPrefix  []string `json:"word_prefix"`
	Definition  string   `json:"definition"`
	Examples    []string `json:"examples"`
	Role        []string `json:"role"`
	Category    []string `json:"category"`
	Level       string   `json:"level"`
	POS         string   `json:"part_of_speech"`
	Sort        string   `json:"sort"`
	Length      float64  `json:"length"`
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
		Name:        all,
		Exact:       exact,
		Prefix:      corpus.Normalize(t.Term),
		AliasPrefix: normalizeAll(t.Aliases),
		WordPrefix:  names,
		Definition:  t.Definition,
		Examples:    t.Examples,
		Role:        t.Roles,
		Category:    t.Categories,
		Level:       t.Level,
		POS:         t.PartOfSpeech,
		Sort:        corpus.Normalize(t.Term),
		Length:      float64(utf8.RuneCountInString(t.Term)),
	}
}

func normalizeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = corpus.Normalize(s)
	}
	return out
}
