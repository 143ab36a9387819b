package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// TestReindexUnderLoad runs the server on loopback, hammers search and
// suggest from several clients, and reindexes 25 times meanwhile, waiting
// each time until the server has switched. No request may fail, no client
// may see the generation go backwards, every replaced generation must be
// closed, and the heap must come back near where it started. Not
// parallel: the heap and the open-indexes count are the whole process's.
func TestReindexUnderLoad(t *testing.T) {
	const reindexes = 25
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfg := writeConfig(t, dir, "watch_interval: 10ms", "rate_limit_search: 0", "rate_limit_suggest: 0", "rate_limit_lookup: 0")
	openBefore := search.OpenIndexes()
	srv := startServe(t, dir, "--config", cfg, "--data", data, "--corpus", testCorpus(t))
	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}

	// Warm up, then take the baseline.
	warm := startHammer(srv.base, 4)
	waitFor(t, 30*time.Second, "200 warm-up requests", func() bool { return warm.requests.Load() >= 200 })
	warm.finish(t)
	baseline := heapInuse()

	h := startHammer(srv.base, 4)
	start := time.Now()
	for i := range reindexes {
		sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 3})
		if err != nil {
			t.Fatalf("reindex %d: %v", i+1, err)
		}
		waitFor(t, 30*time.Second, "the switch to "+sum.Generation, func() bool {
			return readyGeneration(t, srv.base) == sum.Generation
		})
	}
	took := time.Since(start)
	h.finish(t)
	t.Logf("%d reindexes in %s; %d requests answered meanwhile from %d generations", reindexes, took.Round(time.Millisecond), h.requests.Load(), len(h.gens))
	if len(h.gens) < reindexes/2 {
		t.Errorf("clients saw %d generations; want most of the %d", len(h.gens), reindexes+1)
	}

	// Every replaced generation is closed: only the current one is open.
	if open := search.OpenIndexes() - openBefore; open != 1 {
		t.Errorf("%d indexes open after %d swaps; want 1 (the current one)", open, reindexes)
	}
	_, metrics := httpGet(t, srv.base+"/metrics")
	for _, want := range []string{"glossary_reindex_swaps_total 25\n", "glossary_reindex_failures_total 0\n", "glossary_open_indexes 1\n", "glossary_generation 26\n"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", strings.TrimSpace(want))
		}
	}
	after := heapInuse()
	t.Logf("heap in use: %.1f MiB before, %.1f MiB after", mib(baseline), mib(after))
	if after > baseline+32<<20 {
		t.Errorf("heap in use grew from %.1f MiB to %.1f MiB over %d reindexes; want it back near the start", mib(baseline), mib(after), reindexes)
	}
	if code := srv.stop(t); code != 0 {
		t.Errorf("serve exited %d", code)
	}
	if open := search.OpenIndexes() - openBefore; open != 0 {
		t.Errorf("%d indexes open after shutdown; want 0", open)
	}
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
