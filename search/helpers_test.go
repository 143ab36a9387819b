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

// builtOnce is an index of a corpus folder, built on first use once per
// test binary with the real indexer, in a folder of its own: parallel
// tests share it, so no test's TempDir or Cleanup may own it. TestMain
// closes it and removes the folder.
type builtOnce struct {
	corpusDir string
	once      sync.Once
	dir       string
	ix        *search.Index
	err       error
}

var (
	curatedBuilt = &builtOnce{corpusDir: "testdata/corpus"}
	sensesBuilt  = &builtOnce{corpusDir: "../corpus/testdata/senses"}
	aliasesBuilt = &builtOnce{corpusDir: "testdata/aliases"}
)

// index returns the index, building it on the first call.
func (b *builtOnce) index(tb testing.TB) *search.Index {
	tb.Helper()
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "search-test-"); b.err == nil {
			b.ix, b.err = buildIndex(b.dir, b.corpusDir)
		}
	})
	if b.err != nil {
		tb.Fatal(b.err)
	}
	return b.ix
}

// close closes the index, if built, and removes its folder.
func (b *builtOnce) close() {
	if b.ix != nil {
		b.ix.Close()
	}
	if b.dir != "" {
		os.RemoveAll(b.dir)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, b := range []*builtOnce{curatedBuilt, sensesBuilt, aliasesBuilt} {
		b.close()
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
func testIndex(tb testing.TB) *search.Index { return curatedBuilt.index(tb) }

// indexCorpus indexes c with the real indexer, completions included, into
// a folder of the test's own, and opens it for the test.
func indexCorpus(t *testing.T, c *corpus.Corpus) *search.Index {
	t.Helper()
	dir := t.TempDir()
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: dir, Keep: 1}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.OpenCurrent(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
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
