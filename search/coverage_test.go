package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
)

// TestCoveragePruningKeepsTheTop checks that pruning (coverage.go) changes
// nothing but the total: for descriptions and partial queries made from
// the embedded corpus's definitions, the hits and their scores, page after
// page, are those of the exhaustive search, and the total is never more.
func TestCoveragePruningKeepsTheTop(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{CompletionArtifact()}, DataDir: dir, Keep: 1}); err != nil {
		t.Fatal(err)
	}
	ix, err := OpenCurrent(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	pruned := 0
	const queries = 300
	for n := range queries {
		t0 := c.Terms[rng.IntN(len(c.Terms))]
		words := strings.FieldsFunc(strings.ToLower(t0.Definition), func(r rune) bool { return !unicode.IsLetter(r) })
		k := 2 + rng.IntN(8)
		q := make([]string, k)
		for i := range q {
			q[i] = words[rng.IntN(len(words))]
		}
		if n%5 == 0 {
			q[0] = "zzqx" // a word nothing has: partial at any length
		}
		req := Request{Query: strings.Join(q, " "), Size: 1 + rng.IntN(10), From: rng.IntN(3) * 5}
		got, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		req.exhaustive = true
		want, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(hitScores(want), hitScores(got)); diff != "" {
			t.Fatalf("Search(%q, size %d, from %d): pruned hits differ from exhaustive ones (-want +got):\n%s", req.Query, req.Size, req.From, diff)
		}
		if got.Total > want.Total || (!got.Estimated && got.Total != want.Total) {
			t.Fatalf("Search(%q): total %d (estimated %v); exhaustive %d", req.Query, got.Total, got.Estimated, want.Total)
		}
		if got.Estimated {
			pruned++
		}
	}
	if pruned == 0 {
		t.Errorf("no query was pruned: the test checks nothing")
	}
	t.Logf("%d of %d queries pruned", pruned, queries)
}

func hitScores(r *Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = fmt.Sprintf("%s %.9f", h.ID, h.Score)
	}
	return out
}
