package search_test

import (
	"runtime"
	"testing"

	"github.com/glossary/glossary/generation"
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

// BenchmarkOpenSteps measures each step of opening a generation alone (see
// search.OpenSteps), to say where BenchmarkOpen's time goes.
func BenchmarkOpenSteps(b *testing.B) {
	for _, sc := range scales {
		scale(b, sc)
		v, _ := scaleOnce.Load(sc)
		data := v.(*scaleIndex).dir
		name, err := search.CurrentGeneration(data)
		if err != nil {
			b.Fatal(err)
		}
		steps, done := search.OpenSteps(generation.Dir(data, name))
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
