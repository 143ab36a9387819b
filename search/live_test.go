package search_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

func TestLiveSwapWaitsForRunningRequests(t *testing.T) {
	t.Parallel()
	dir := "testdata/corpus"
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	open := func() *search.Index {
		t.Helper()
		if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 3}); err != nil {
			t.Fatal(err)
		}
		ix, err := search.OpenCurrent(data)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	first := open()
	live := search.NewLive(first)
	held, release, err := live.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	second := open()
	if old := live.Swap(second); old.Generation != first.Manifest().Generation {
		t.Errorf("Swap returned %s; want %s", old.Generation, first.Manifest().Generation)
	}
	// The request that acquired the first generation still works on it.
	if _, err := held.Search(context.Background(), search.Request{Query: "cache"}); err != nil {
		t.Errorf("search on a swapped-out but held generation: %v", err)
	}
	release()
	release() // a second call is harmless
	// Released and replaced: now closed.
	if _, err := held.Search(context.Background(), search.Request{Query: "cache"}); err == nil {
		t.Error("search on a released, swapped-out generation succeeded; want it closed")
	}
	ix, release2, err := live.Acquire()
	if err != nil || ix.Manifest().Generation != second.Manifest().Generation {
		t.Fatalf("Acquire after swap = %v, %v; want %s", ix.Manifest().Generation, err, second.Manifest().Generation)
	}
	release2()
	live.Close()
	if _, _, err := live.Acquire(); !errors.Is(err, search.ErrClosed) {
		t.Errorf("Acquire after Close error = %v; want ErrClosed", err)
	}
}
