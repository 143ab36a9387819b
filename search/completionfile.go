package search

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
)

// CompletionArtifact is the completion index as an artifact of a
// generation (generation.CompletionsFile), for the indexer to write when
// it builds one. Opening a generation reads it and derives the rest (45–60
// ms at 30,000 terms, beside the facet map), where building the index
// from the corpus (analysing every name and sorting 141,000 keys) took
// 150–250 ms and was the longest part of the server's start
// (docs/performance.md). A generation without it, or with another version
// of it, still opens: the index is built as before.
func CompletionArtifact() generation.Artifact {
	return generation.Artifact{Name: generation.CompletionsFile, Write: writeCompletions}
}

// writeCompletions builds the completion index of c with the name
// analyzer of the generation's mapping and encodes it.
func writeCompletions(w io.Writer, c *corpus.Corpus) error {
	m, err := generation.Mapping()
	if err != nil {
		return err
	}
	a := m.AnalyzerNamed(analyzerName)
	if a == nil {
		return fmt.Errorf("index mapping has no analyzer %s", analyzerName)
	}
	comp := newCompletions(c.Terms, func(text string) []string { return analyseWords(a, text) })
	return comp.data().Encode(w)
}

// data is what generation.CompletionsFile holds of c.
func (c *completions) data() *generation.Completions {
	d := &generation.Completions{Version: generation.CompletionsVersion, Terms: len(c.terms),
		KeyEnds: make([]uint32, len(c.keys)), KeyTerms: make([]int32, len(c.keys)), KeyKinds: make([]uint8, len(c.keys)), KeyNames: make([]uint16, len(c.keys)),
		TermWordEnds: make([]uint32, len(c.terms)), Order: make([]int32, len(c.terms))}
	var text strings.Builder
	for i, k := range c.keys {
		text.WriteString(k.text)
		d.KeyEnds[i], d.KeyTerms[i], d.KeyKinds[i], d.KeyNames[i] = uint32(text.Len()), k.term, k.kind, k.name
	}
	d.KeyText = text.String()
	ids := map[string]uint32{}
	var words strings.Builder
	for i, ws := range c.words {
		for _, w := range ws {
			id, ok := ids[w]
			if !ok {
				id = uint32(len(ids))
				ids[w] = id
				words.WriteString(w)
				d.WordEnds = append(d.WordEnds, uint32(words.Len()))
			}
			d.TermWords = append(d.TermWords, id)
		}
		d.TermWordEnds[i] = uint32(len(d.TermWords))
	}
	d.Words = words.String()
	for i, p := range c.place {
		d.Order[p] = int32(i)
	}
	// In sorted order, not the map's: the same corpus gives the same
	// bytes.
	d.ShortPrefixes = slices.Sorted(maps.Keys(c.short))
	for _, p := range d.ShortPrefixes {
		d.ShortKeys = append(d.ShortKeys, c.short[p])
	}
	return d
}

// completionsFrom checks d against terms and builds the index from it.
func completionsFrom(d *generation.Completions, terms []*corpus.Term) (*completions, error) {
	c, err := checkCompletions(d, terms)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", generation.CompletionsFile, err)
	}
	return c, nil
}

func checkCompletions(d *generation.Completions, terms []*corpus.Term) (*completions, error) {
	n := len(terms)
	switch {
	case d.Terms != n || len(d.Order) != n || len(d.TermWordEnds) != n:
		return nil, fmt.Errorf("made for %d terms; the corpus has %d", d.Terms, n)
	case len(d.KeyTerms) != len(d.KeyEnds) || len(d.KeyKinds) != len(d.KeyEnds) || len(d.KeyNames) != len(d.KeyEnds) || len(d.ShortKeys) != len(d.ShortPrefixes):
		return nil, errors.New("lists of different lengths")
	}
	words, err := split(d.Words, d.WordEnds)
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	keys, err := split(d.KeyText, d.KeyEnds)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	inRange := func(i int32) bool { return i >= 0 && int(i) < n }
	c := &completions{terms: terms, keys: make([]completionKey, len(keys)), words: make([][]string, n), short: make(map[string][]int32, len(d.ShortPrefixes))}
	for i, text := range keys {
		if !inRange(d.KeyTerms[i]) || d.KeyKinds[i] >= keyKinds || (i > 0 && keys[i-1] > text) {
			return nil, fmt.Errorf("key %d (%q) is out of order or names no term", i, text)
		}
		if name := int(d.KeyNames[i]); name > len(terms[d.KeyTerms[i]].Aliases) || (name == 0) != (d.KeyKinds[i] < keyAlias) {
			return nil, fmt.Errorf("key %d (%q) names no name of its term", i, text)
		}
		c.keys[i] = completionKey{text: text, term: d.KeyTerms[i], kind: d.KeyKinds[i], name: d.KeyNames[i]}
	}
	termWords := make([]string, len(d.TermWords))
	for j, id := range d.TermWords {
		if int(id) >= len(words) {
			return nil, fmt.Errorf("word id %d of %d", id, len(words))
		}
		termWords[j] = words[id]
	}
	start := uint32(0)
	for i, end := range d.TermWordEnds {
		if end < start || int(end) > len(termWords) {
			return nil, fmt.Errorf("words of term %d out of bounds", i)
		}
		if end > start {
			c.words[i] = termWords[start:end:end]
		}
		start = end
	}
	placed := make([]bool, n)
	for _, i := range d.Order {
		if !inRange(i) || placed[i] {
			return nil, errors.New("place order is not a permutation of the terms")
		}
		placed[i] = true
	}
	for j, p := range d.ShortPrefixes {
		for _, k := range d.ShortKeys[j] {
			if k < 0 || int(k) >= len(c.keys) {
				return nil, fmt.Errorf("candidate %d of prefix %q names no key", k, p)
			}
		}
		c.short[p] = d.ShortKeys[j]
	}
	c.derive(d.Order)
	return c, nil
}

// split cuts s at ends.
func split(s string, ends []uint32) ([]string, error) {
	out := make([]string, len(ends))
	start := uint32(0)
	for i, end := range ends {
		if end < start || int(end) > len(s) {
			return nil, fmt.Errorf("entry %d out of bounds", i)
		}
		out[i] = s[start:end]
		start = end
	}
	return out, nil
}
