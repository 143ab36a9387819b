package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// Benchmarks run at two scales: the curated corpus embedded in the binary,
// and a deterministic generated corpus of about 30,000 entries built from
// its vocabulary (same seed, same corpus, on every machine).
const largeSize = 30000

var (
	scaleOnce sync.Map // name -> *scaleIndex
)

type scaleIndex struct {
	once   sync.Once
	ix     *search.Index
	corpus *corpus.Corpus
	dir    string
	err    error
}

// curatedCorpus loads the embedded corpus.
func curatedCorpus() (*corpus.Corpus, error) {
	return corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
}

// generatedCorpus returns a corpus of n entries: the curated terms plus
// generated ones whose names, aliases and definitions are drawn from the
// curated vocabulary, so dictionaries, posting lists and facet values have
// realistic shapes.
func generatedCorpus(n int) (*corpus.Corpus, error) {
	base, err := curatedCorpus()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(42, 2026))
	var nameWords, defWords []string
	for _, t := range base.Terms {
		nameWords = append(nameWords, strings.Fields(strings.ToLower(t.Term))...)
		defWords = append(defWords, strings.Fields(t.Definition)...)
	}
	type link struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	}
	type term struct {
		ID           string   `json:"id"`
		Term         string   `json:"term"`
		Aliases      []string `json:"aliases"`
		Forms        []string `json:"forms"`
		PartOfSpeech string   `json:"part_of_speech"`
		Level        string   `json:"level"`
		Definition   string   `json:"definition"`
		Examples     []string `json:"examples"`
		Categories   []string `json:"categories"`
		Related      []link   `json:"related"`
		Roles        []string `json:"roles"`
		Mentions     []string `json:"mentions"`
	}
	var snap struct {
		Categories []corpus.Category `json:"categories"`
		Terms      []any             `json:"terms"`
		Roles      []*corpus.Role    `json:"roles"`
	}
	snap.Categories, snap.Roles = base.Categories, base.Roles
	for _, t := range base.Terms {
		snap.Terms = append(snap.Terms, t)
	}
	pick := func(ws []string, k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = ws[rng.IntN(len(ws))]
		}
		return strings.Join(out, " ")
	}
	seen := map[string]bool{}
	for _, t := range base.Terms {
		seen[corpus.Normalize(t.Term)] = true
	}
	for i := 0; len(snap.Terms) < n; i++ {
		name := pick(nameWords, 1+rng.IntN(3))
		if seen[name] {
			continue
		}
		seen[name] = true
		t := term{
			ID:           fmt.Sprintf("gen-%05d", i),
			Term:         name,
			Aliases:      []string{pick(nameWords, 2)},
			Forms:        []string{name + "s"},
			PartOfSpeech: corpus.PartsOfSpeech[rng.IntN(3)],
			Level:        corpus.Levels[rng.IntN(len(corpus.Levels))],
			Definition:   pick(defWords, 12+rng.IntN(20)),
			Examples:     []string{pick(defWords, 15), pick(defWords, 15)},
			Categories:   []string{base.Categories[rng.IntN(len(base.Categories))].Slug},
			Roles:        []string{base.Roles[rng.IntN(len(base.Roles))].Slug},
			Mentions:     []string{},
		}
		for k := 0; k < 3; k++ {
			t.Related = append(t.Related, link{ID: base.Terms[rng.IntN(len(base.Terms))].ID, Type: "see-also"})
		}
		snap.Terms = append(snap.Terms, t)
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(snap); err != nil {
		return nil, err
	}
	return corpus.ReadJSON(&buf)
}

// scale returns an index of the named scale ("curated" or "30k"), built
// once per test binary with the real indexer.
func scale(tb testing.TB, name string) (*search.Index, *corpus.Corpus) {
	tb.Helper()
	v, _ := scaleOnce.LoadOrStore(name, &scaleIndex{})
	s := v.(*scaleIndex)
	s.once.Do(func() {
		if name == "curated" {
			s.corpus, s.err = curatedCorpus()
		} else {
			s.corpus, s.err = generatedCorpus(largeSize)
		}
		if s.err != nil {
			return
		}
		if s.dir, s.err = os.MkdirTemp("", "bench-"+name+"-"); s.err != nil {
			return
		}
		if _, s.err = indexer.Build(context.Background(), s.corpus, indexer.Options{DataDir: s.dir, Keep: 1}); s.err != nil {
			return
		}
		s.ix, s.err = search.OpenCurrent(s.dir)
	})
	if s.err != nil {
		tb.Fatal(s.err)
	}
	return s.ix, s.corpus
}

func TestGeneratedCorpusIsDeterministic(t *testing.T) {
	a, err := generatedCorpus(2000)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generatedCorpus(2000)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Terms) != 2000 || a.Terms[1999].Term != b.Terms[1999].Term || a.Terms[1999].Definition != b.Terms[1999].Definition {
		t.Errorf("generated corpora differ or have the wrong size (%d terms)", len(a.Terms))
	}
}
