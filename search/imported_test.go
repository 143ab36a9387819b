package search_test

import (
	"context"
	"os"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// importedIndex indexes testdata/corpus merged with imported entries
// shaped like FOLDOC's: names of symbols only, a name with symbols, an
// entry with the same headword as a curated term, and one with the same
// quality of match as a curated term.
func importedIndex(t *testing.T) *search.Index {
	t.Helper()
	return indexCorpus(t, importedTestCorpus(t))
}

// importedTestCorpus is the test corpus with a few FOLDOC entries merged
// in: names made of symbols, and "cache", a curated term's headword too.
func importedTestCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(os.DirFS("testdata/corpus"), "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	c, _ = corpus.Merge(c, []*corpus.Source{{
		Attribution: corpus.Attribution{Source: "foldoc", Name: "FOLDOC"},
		Entries: []corpus.Entry{
			{Headword: "$", Aliases: []string{"dollar"}, Definition: "The dollar sign."},
			{Headword: `\{@}`, Definition: "A markup escape."},
			{Headword: "C++", Definition: "A programming language."},
			{Headword: "cache", Definition: "A small fast memory."},
			{Headword: "cache line", Definition: "The unit a cache stores."},
		},
	}})
	return c
}

// TestImportedEntries: names made of symbols are found by search and
// autocomplete (a generation's verification searches every sampled name),
// a query of symbols matching no name finds nothing rather than every
// term, and a curated term ranks above an imported one matching as well.
func TestImportedEntries(t *testing.T) {
	t.Parallel()
	ix := importedIndex(t)
	ctx := context.Background()
	first := func(q string) (string, uint64) {
		t.Helper()
		res, err := ix.Search(ctx, search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			return "", res.Total
		}
		return res.Hits[0].ID, res.Total
	}
	for q, want := range map[string]string{"$": "dollar", `\{@}`: "at", "C++": "c-plus-plus", "cache": "cache"} {
		if got, _ := first(q); got != want {
			t.Errorf("search %q: first hit %q; want %q", q, got, want)
		}
		res, err := ix.Suggest(ctx, search.SuggestRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Suggestions) == 0 || res.Suggestions[0].ID != want {
			t.Errorf("suggest %q = %+v; want %q first", q, res.Suggestions, want)
		}
	}
	if got, total := first("%%%"); total != 0 {
		t.Errorf("search %%%%%%: %d hits (first %q); want none", total, got)
	}
	// "cache" is curated, with FOLDOC's entry folded in as a sense; the
	// imported "cache line" also has the word in its name, and must come
	// after the curated term.
	res, err := ix.Search(ctx, search.Request{Query: "cache"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Hits[0].Source != corpus.SourceCurated {
		t.Errorf("search cache: first hit %+v; want the curated term", res.Hits[0])
	}
	if got := ix.Corpus().Term("cache"); len(got.Senses) != 1 {
		t.Errorf("cache senses = %+v; want FOLDOC's", got.Senses)
	}
}
