package indexer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// BenchmarkBuild measures a whole generation build, final merge included,
// for the curated corpus and a synthetic 30,000-entry one:
//
//	go test -run '^$' -bench Build -benchtime 3x ./indexer
func BenchmarkBuild(b *testing.B) {
	base, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []*corpus.Corpus{base, corpus.Synthetic(base, 30000)} {
		b.Run(fmt.Sprintf("%d-terms", len(c.Terms)), func(b *testing.B) {
			var bytes int64
			for i := 0; i < b.N; i++ {
				sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: b.TempDir(), Keep: 1})
				if err != nil {
					b.Fatal(err)
				}
				bytes = sum.Bytes
			}
			b.ReportMetric(float64(bytes)/(1<<20), "MB-on-disk")
		})
	}
}
