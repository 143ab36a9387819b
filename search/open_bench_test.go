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
		dir, _ := scaleData(b, sc) // built once, outside the timing
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

// BenchmarkOpenSteps measures each step of opening a generation alone (see
// search.OpenSteps), to say where BenchmarkOpen's time goes.
func BenchmarkOpenSteps(b *testing.B) {
	for _, sc := range scales {
		_, gen := scaleData(b, sc)
		steps, done := search.OpenSteps(gen)
		for _, st := range steps {
			// Once outside the timing, so that a step chosen alone with
			// -bench finds what the steps before it make.
			if err := st.Run(); err != nil {
				b.Fatal(err)
			}
			b.Run(sc+"/"+st.Name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := st.Run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		done()
	}
}
