package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/dictd"
	"github.com/glossary/glossary/search"
)

// The dictd-sample dataset pins ranking at a mixed scale by data, as
// bleve's test/tests/<dataset>/searches.json does: the curated terms of
// testdata/corpus merged with a deterministic sample of FOLDOC, the
// Jargon File and V.E.R.A. (testdata/dictd-sample/sources.json: every
// entry whose headword contains a curated name, and every
// 97th other entry, converted as `glossary import dictd` converts them).
// searches.json lists, per query, the whole ordered list of hits (ids),
// the total and the facet counts of the source; suggests.json the ordered
// suggestions with what matched. -update rewrites both from the engine's
// answers (review the diff: it is the change of ranking), and
// -dictd-sample rewrites the sample from /usr/share/dictd.
var (
	update      = flag.Bool("update", false, "rewrite the expected answers of testdata/dictd-sample")
	dictdSample = flag.Bool("dictd-sample", false, "rewrite testdata/dictd-sample/sources.json from /usr/share/dictd")
)

const (
	sampleDir   = "testdata/dictd-sample"
	sampleEvery = 151
)

type datasetSearch struct {
	Name    string              `json:"name"`
	Kind    string              `json:"kind"`
	Query   string              `json:"query"`
	Filters map[string][]string `json:"filters,omitempty"`
	Hits    []string            `json:"hits"`
	Total   uint64              `json:"total"`
	Sources map[string]int      `json:"sources"`
}

type datasetSuggest struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Query       string   `json:"query"`
	Suggestions []string `json:"suggestions"` // id, or id (matched)
}

func TestDictdSampleDataset(t *testing.T) {
	t.Parallel()
	if *dictdSample {
		writeDictdSample(t)
	}
	ix := sampleIndex(t)
	ctx := context.Background()
	searches := loadCases[datasetSearch](t, filepath.Join(sampleDir, "searches.json"))
	for i, tc := range searches {
		res, err := ix.Search(ctx, search.Request{Query: tc.Query, Filters: tc.Filters, Size: search.MaxSize})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.Query, err)
		}
		got := tc
		got.Hits, got.Total, got.Sources = []string{}, res.Total, map[string]int{}
		for _, h := range res.Hits {
			got.Hits = append(got.Hits, h.ID)
		}
		for _, v := range res.Facets[search.FacetSource] {
			got.Sources[v.Value] = v.Count
		}
		if *update {
			searches[i] = got
		} else if diff := cmp.Diff(tc, got); diff != "" {
			t.Errorf("%s: Search(%q) (-want +got):\n%s", tc.Name, tc.Query, diff)
		}
	}
	suggests := loadCases[datasetSuggest](t, filepath.Join(sampleDir, "suggests.json"))
	for i, tc := range suggests {
		res, err := ix.Suggest(ctx, search.SuggestRequest{Query: tc.Query})
		if err != nil {
			t.Fatalf("Suggest(%q): %v", tc.Query, err)
		}
		got := tc
		got.Suggestions = []string{}
		for _, s := range res.Suggestions {
			if s.Matched != "" {
				got.Suggestions = append(got.Suggestions, fmt.Sprintf("%s (%s)", s.ID, s.Matched))
			} else {
				got.Suggestions = append(got.Suggestions, s.ID)
			}
		}
		if *update {
			suggests[i] = got
		} else if diff := cmp.Diff(tc, got); diff != "" {
			t.Errorf("%s: Suggest(%q) (-want +got):\n%s", tc.Name, tc.Query, diff)
		}
	}
	if *update {
		writeCases(t, filepath.Join(sampleDir, "searches.json"), searches)
		writeCases(t, filepath.Join(sampleDir, "suggests.json"), suggests)
	}
}

// writeCases writes cases one a line, so that a change of ranking is a
// readable diff.
func writeCases[T any](t *testing.T, path string, cases []T) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, c := range cases {
		line, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("  ")
		b.Write(line)
		if i < len(cases)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sampleIndex builds an index of the curated test corpus merged with the
// sample.
func sampleIndex(t *testing.T) *search.Index {
	t.Helper()
	base, err := corpus.Load(os.DirFS("testdata/corpus"), "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var sources []*corpus.Source
	b, err := os.ReadFile(filepath.Join(sampleDir, "sources.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sources); err != nil {
		t.Fatal(err)
	}
	c, _ := corpus.Merge(base, sources)
	return indexCorpus(t, c)
}

// writeDictdSample converts the three glossaries and keeps, of each, the
// entries whose headword contains a curated name of testdata/corpus
// ("cache" in "write-back cache"), and every sampleEvery-th other one, in the
// database's order: the same databases give the same sample.
func writeDictdSample(t *testing.T) {
	t.Helper()
	base, err := corpus.Load(os.DirFS("testdata/corpus"), "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	var names []string // the curated names, as " word word "
	for _, term := range base.Terms {
		for _, n := range append([]string{term.Term}, term.Aliases...) {
			names = append(names, " "+strings.Join(nameWords(n), " ")+" ")
		}
	}
	var sources []*corpus.Source
	for _, name := range dictd.SourceNames() {
		db, err := dictd.Open("/usr/share/dictd/" + name)
		if err != nil {
			t.Fatalf("%v (apt-get install dict-%s)", err, name)
		}
		src, _, err := dictd.Convert(db, name)
		if err != nil {
			t.Fatal(err)
		}
		kept := src.Entries[:0]
		for i, e := range src.Entries {
			h := " " + strings.Join(nameWords(e.Headword), " ") + " "
			if i%sampleEvery == 0 || slices.ContainsFunc(names, func(n string) bool { return strings.Contains(h, n) }) {
				e.Text, _, _ = strings.Cut(e.Text, "\n\n")
				kept = append(kept, e)
			}
		}
		src.Entries = kept
		sources = append(sources, src)
	}
	b, err := json.MarshalIndent(sources, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sampleDir, "sources.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range sources {
		n += len(s.Entries)
	}
	t.Logf("sample of %d entries (%s)", n, strings.Join(dictd.SourceNames(), ", "))
}
