package search

import (
	"bytes"
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
)

// TestCompletionDataRoundTrip: the index read back from its file is the
// index that was written, field by field.
func TestCompletionDataRoundTrip(t *testing.T) {
	t.Parallel()
	base, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	c := corpus.Synthetic(base, 4000)
	c.Terms = append(c.Terms, &corpus.Term{ID: "dollar", Term: "$", Source: "foldoc"}, &corpus.Term{ID: "naive", Term: "naïve café", Source: "jargon"})
	var buf bytes.Buffer
	if err := writeCompletions(&buf, c); err != nil {
		t.Fatal(err)
	}
	var d generation.Completions
	if err := gob.NewDecoder(&buf).Decode(&d); err != nil {
		t.Fatal(err)
	}
	got, err := completionsFrom(&d, c.Terms)
	if err != nil {
		t.Fatal(err)
	}
	a := nameAnalyzer(t)
	want := newCompletions(c.Terms, func(s string) []string { return analyseWords(a, s) })
	for name, pair := range map[string][2]any{
		"keys": {got.keys, want.keys}, "words": {got.words, want.words}, "place": {got.place, want.place},
		"short": {got.short, want.short}, "wordTerms": {got.wordTerms, want.wordTerms}, "allWords": {got.allWords, want.allWords},
		"prefixes": {got.prefixes, want.prefixes}, "own": {got.own, want.own}, "tree": {got.tree, want.tree}, "byFirst": {sortedFirst(got), sortedFirst(want)},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s differ after the round trip", name)
		}
	}
	if len(got.keys) < len(c.Terms) || len(got.byFirst) < 20 {
		t.Errorf("%d keys, %d first runes: the index is nearly empty", len(got.keys), len(got.byFirst))
	}
}

func sortedFirst(c *completions) map[rune][]nameWord {
	out := map[rune][]nameWord{}
	for r, ws := range c.byFirst {
		out[r] = slices.SortedFunc(slices.Values(ws), func(a, b nameWord) int { return strings.Compare(a.text, b.text) })
	}
	return out
}

// TestGenerationCompletionFile: a built generation carries the completion
// index and opens from it; without the file, or with a file of another
// version, it opens as before with the same answers; a damaged file stops
// the open with its name.
func TestGenerationCompletionFile(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{CompletionArtifact()}, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sum.Path, generation.CompletionsFile)
	if d, err := generation.ReadCompletions(sum.Path); err != nil || d == nil {
		t.Fatalf("ReadCompletions of a new generation = %v, %v; want the index", d, err)
	} else if _, err := completionsFrom(d, c.Terms); err != nil {
		t.Fatal(err)
	}
	answers := func() []string {
		ix, err := Open(sum.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		var out []string
		for _, q := range []string{"i", "ca", "idemp", "circ br", "br circ", "backpresu", "kubernets", "$", "thrott"} {
			for _, role := range []string{"", "backend-developer"} {
				r, err := ix.Suggest(context.Background(), SuggestRequest{Query: q, Role: role})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range r.Suggestions {
					out = append(out, q+"/"+role+": "+s.ID)
				}
			}
		}
		return out
	}
	fromFile := answers()
	if len(fromFile) < 40 {
		t.Fatalf("only %d suggestions", len(fromFile))
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if built := answers(); !slices.Equal(built, fromFile) {
		t.Errorf("without %s: %v\nwith it: %v", generation.CompletionsFile, built, fromFile)
	}

	var d generation.Completions
	if err := gob.NewDecoder(bytes.NewReader(content)).Decode(&d); err != nil {
		t.Fatal(err)
	}
	d.Version++
	if err := os.WriteFile(path, encodeData(t, &d), 0o644); err != nil {
		t.Fatal(err)
	}
	if built := answers(); !slices.Equal(built, fromFile) {
		t.Errorf("with a file of another version: %v\nwant %v", built, fromFile)
	}
	d.Version--
	d.KeyTerms[3] = int32(len(c.Terms))
	badKey := encodeData(t, &d)
	for _, tc := range []struct {
		name    string
		content []byte
	}{{"truncated", content[:len(content)/2]}, {"a key naming no term", badKey}, {"empty", nil}} {
		if err := os.WriteFile(path, tc.content, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(sum.Path)
		if err == nil {
			ix.Close()
			t.Errorf("%s: Open succeeded", tc.name)
		} else if !strings.Contains(err.Error(), generation.CompletionsFile) {
			t.Errorf("%s: error %q does not name %s", tc.name, err, generation.CompletionsFile)
		}
	}
}

func encodeData(t *testing.T, d *generation.Completions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCompletionFileIsReproducible: the same corpus gives the same bytes.
func TestCompletionFileIsReproducible(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	if err := writeCompletions(&first, c); err != nil {
		t.Fatal(err)
	}
	if err := writeCompletions(&second, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("%s differs between two builds of the same corpus (%d and %d bytes)", generation.CompletionsFile, first.Len(), second.Len())
	}
}
