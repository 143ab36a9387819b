package search_test

import (
	"runtime"
	"testing"

	"github.com/glossary/glossary/search"
)

// BenchmarkOpen measures opening an existing generation until it can
// answer (the server's start to ready, less the listener), and the Go heap
// it holds once open.
func BenchmarkOpen(b *testing.B) {
	for _, sc := range scales {
		scale(b, sc) // build once, outside the timing
		v, _ := scaleOnce.Load(sc)
		dir := v.(*scaleIndex).dir
		b.Run(sc, func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for i := 0; i < b.N; i++ {
				ix, err := search.OpenCurrent(dir)
				if err != nil {
					b.Fatal(err)
				}
				if i == b.N-1 {
					runtime.GC()
					runtime.ReadMemStats(&after)
					b.ReportMetric(float64(after.HeapInuse-min(before.HeapInuse, after.HeapInuse))/(1<<20), "heap-MB")
				}
				ix.Close()
			}
		})
	}
}
