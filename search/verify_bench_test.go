package search_test

import (
	"context"
	"testing"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

// BenchmarkCheckGeneration measures the checksums checked before a
// generation is served (every file's SHA-256, each segment's CRC32), with
// the files in the page cache as they are right after a build, and
// OpenVerified as a whole (checksums, open, sample terms) beside it.
func BenchmarkCheckGeneration(b *testing.B) {
	for _, sc := range scales {
		_, gen := scaleData(b, sc)
		b.Run(sc+"/checksums", func(b *testing.B) {
			var bytes int64
			for b.Loop() {
				m, err := generation.CheckGeneration(gen)
				if err != nil {
					b.Fatal(err)
				}
				bytes = 0
				for _, f := range m.Files {
					bytes += f.Size
				}
			}
			b.ReportMetric(float64(bytes)/(1<<20), "MB")
		})
		b.Run(sc+"/open-verified", func(b *testing.B) {
			for b.Loop() {
				ix, err := search.OpenVerified(context.Background(), gen, search.DefaultVerifyTerms)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
		})
	}
}
