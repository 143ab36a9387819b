package search_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

var (
	shared     *search.Index
	sharedErr  error
	sharedOnce sync.Once
	sharedDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	scaleOnce.Range(func(_, v any) bool {
		s := v.(*scaleIndex)
		if s.ix != nil {
			s.ix.Close()
		}
		if s.dir != "" {
			os.RemoveAll(s.dir)
		}
		return true
	})
	os.Exit(code)
}

// testIndex returns an index of testdata/corpus, built once per test binary
// with the real indexer.
func testIndex(tb testing.TB) *search.Index {
	tb.Helper()
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "search-test-")
		if sharedErr != nil {
			return
		}
		shared, sharedErr = buildIndex(sharedDir, "testdata/corpus")
	})
	if sharedErr != nil {
		tb.Fatal(sharedErr)
	}
	return shared
}

func buildIndex(dataDir, corpusDir string) (*search.Index, error) {
	c, err := corpus.Load(os.DirFS(corpusDir), corpusDir)
	if err != nil {
		return nil, err
	}
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: dataDir, Keep: 1}); err != nil {
		return nil, err
	}
	return search.OpenCurrent(dataDir)
}
