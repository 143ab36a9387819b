package indexer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

func testCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	dir := "../search/testdata/corpus"
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBuildGenerations(t *testing.T) {
	t.Parallel()
	c := testCorpus(t)
	data := t.TempDir()
	var names []string
	for i := 0; i < 4; i++ {
		sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 2})
		if err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		names = append(names, sum.Generation)
		if sum.Terms != len(c.Terms) || sum.DocCount != uint64(len(c.Terms)) || sum.Bytes == 0 {
			t.Errorf("summary %+v; want %d terms and documents and a size", sum, len(c.Terms))
		}
		cur, err := search.CurrentGeneration(data)
		if err != nil || cur != sum.Generation {
			t.Errorf("CURRENT = %q, %v; want %q", cur, err, sum.Generation)
		}
	}
	for i := 1; i < len(names); i++ {
		if names[i] <= names[i-1] {
			t.Errorf("generation names %v do not increase", names)
		}
	}
	entries, err := os.ReadDir(filepath.Join(data, generation.GenerationsDir))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, e := range entries {
		kept = append(kept, e.Name())
	}
	if want := names[2:]; strings.Join(kept, ",") != strings.Join(want, ",") {
		t.Errorf("kept generations %v; want %v", kept, want)
	}
	ix, err := search.OpenCurrent(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Manifest().Generation != names[3] {
		t.Errorf("opened %s; want %s", ix.Manifest().Generation, names[3])
	}
}

// TestBuildLeavesOneSegment builds a corpus of several batches, so that
// the final merge replaces several segments: the generation must hold the
// merged segment's file only, not those merged into it.
func TestBuildLeavesOneSegment(t *testing.T) {
	t.Parallel()
	c := corpus.Synthetic(testCorpus(t), 5000)
	for i := range 3 {
		sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: t.TempDir(), Keep: 1})
		if err != nil {
			t.Fatal(err)
		}
		zaps, err := filepath.Glob(filepath.Join(sum.Path, "index", "store", "*.zap"))
		if err != nil || len(zaps) != 1 {
			t.Errorf("build %d: generation holds segment files %v (%v); want exactly one", i, zaps, err)
		}
	}
}

func TestBuildFailsFastWhenLocked(t *testing.T) {
	t.Parallel()
	c := testCorpus(t)
	data := t.TempDir()
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(data, "index.lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	_, err = indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data})
	if !errors.Is(err, indexer.ErrLocked) {
		t.Fatalf("Build while locked: error %v; want ErrLocked", err)
	}
}

func TestFailedBuildLeavesCurrentAndCleansUp(t *testing.T) {
	t.Parallel()
	c := testCorpus(t)
	data := t.TempDir()
	first, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	// A crashed build leaves a temporary folder behind.
	if err := os.MkdirAll(filepath.Join(data, "tmp-gen-000099-123", "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := indexer.Build(ctx, c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Build error = %v; want context.Canceled", err)
	}
	cur, err := search.CurrentGeneration(data)
	if err != nil || cur != first.Generation {
		t.Errorf("after a failed build CURRENT = %q, %v; want %q", cur, err, first.Generation)
	}
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "tmp-") {
			t.Errorf("leftover %s not cleaned up", e.Name())
		}
	}
}
