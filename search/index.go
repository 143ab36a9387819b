package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"golang.org/x/sync/errgroup"
)

// ErrNotFound is returned when a term or role id does not exist.
var ErrNotFound = errors.New("not found")

// ErrNoGeneration is returned by OpenCurrent when the data folder has no
// current generation yet.
var ErrNoGeneration = errors.New("no index generation")

// Manifest describes the generation an Index serves.
type Manifest = generation.Manifest

// Index is one opened, read-only index generation. Its methods are safe for
// concurrent use.
type Index struct {
	bleve    bleve.Index
	corpus   *corpus.Corpus
	manifest Manifest
	nameA    analysis.Analyzer
	textA    analysis.Analyzer
	// dfs caches the document frequencies of query words (coverage.go);
	// dfCount counts what was stored.
	dfs      sync.Map
	dfCount  atomic.Int64
	related  *relatedGraph
	complete *completions
	facets   *facetIndex
	// catalog is made on first use (Catalog).
	catalogOnce sync.Once
	catalog     *Catalog
	closed      atomic.Bool
}

// CurrentGeneration reads the name of the current generation of dataDir.
func CurrentGeneration(dataDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, generation.PointerFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%w in %s", ErrNoGeneration, dataDir)
	}
	if err != nil {
		return "", fmt.Errorf("read current generation: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if _, ok := generation.Number(name); !ok {
		return "", fmt.Errorf("%w: %s in %s names no valid generation: %q (want a name such as gen-000001)", ErrBadPointer, generation.PointerFile, dataDir, name)
	}
	return name, nil
}

// OpenCurrent opens the generation the data folder's pointer names.
func OpenCurrent(dataDir string) (*Index, error) {
	name, err := CurrentGeneration(dataDir)
	if err != nil {
		return nil, err
	}
	return Open(generation.Dir(dataDir, name))
}

// Open opens the generation in dir read-only and checks it against its
// manifest.
func Open(dir string) (*Index, error) {
	var m Manifest
	if err := readJSON(filepath.Join(dir, generation.ManifestFile), &m); err != nil {
		return nil, fmt.Errorf("open generation %s: %w", dir, err)
	}
	// The completion index is read while the corpus is decoded.
	var (
		g  errgroup.Group
		c  *corpus.Corpus
		cd *generation.Completions
	)
	g.Go(func() (err error) {
		cd, err = generation.ReadCompletions(dir)
		return err
	})
	g.Go(func() (err error) {
		c, err = readCorpus(dir)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("open generation %s: %w", dir, err)
	}
	idx, err := openBleve(dir)
	if err != nil {
		return nil, fmt.Errorf("open generation %s: %w", dir, err)
	}
	ix, err := newIndex(idx, c, m, cd)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open generation %s: %w", dir, err)
	}
	openIndexes.Add(1)
	return ix, nil
}

// readCorpus decodes the corpus snapshot of the generation in dir. The
// file is read in one allocation, sized from the file: io.ReadAll's
// growing buffer cost 100 ms of a 30k server's start (docs/performance.md).
func readCorpus(dir string) (*corpus.Corpus, error) {
	data, err := os.ReadFile(filepath.Join(dir, generation.CorpusFile))
	if err != nil {
		return nil, err
	}
	return corpus.DecodeSnapshot(data)
}

// openBleve opens the bleve index of the generation in dir, read-only.
func openBleve(dir string) (bleve.Index, error) {
	return bleve.OpenUsing(filepath.Join(dir, generation.IndexDir), map[string]any{"read_only": true, "bolt_timeout": "2s"})
}

// newIndex makes the Index of a generation; cd is its completion index as
// read from the generation, or nil to build it.
func newIndex(idx bleve.Index, c *corpus.Corpus, m Manifest, cd *generation.Completions) (*Index, error) {
	count, err := idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	if count != m.DocCount || int(count) != len(c.Terms) {
		return nil, fmt.Errorf("index has %d documents, manifest says %d and corpus has %d terms", count, m.DocCount, len(c.Terms))
	}
	a := idx.Mapping().AnalyzerNamed(analyzerName)
	if a == nil {
		return nil, fmt.Errorf("index mapping has no analyzer %s", analyzerName)
	}
	ta := idx.Mapping().AnalyzerNamed(analyzerText)
	if ta == nil {
		return nil, fmt.Errorf("index mapping has no analyzer %s", analyzerText)
	}
	ix := &Index{bleve: idx, corpus: c, manifest: m, nameA: a, textA: ta}
	// The completion index is read (or, for a generation built without
	// it, built) beside the rest: opening a generation is the server's
	// start and every reindex.
	var g errgroup.Group
	g.Go(func() (err error) {
		if cd == nil {
			ix.complete = newCompletions(c.Terms, ix.words)
			return nil
		}
		if ix.complete, err = completionsFrom(cd, c.Terms); err != nil {
			return fmt.Errorf("read completion index: %w", err)
		}
		return nil
	})
	g.Go(func() (err error) {
		ix.related = newRelatedGraph(c)
		if ix.facets, err = newFacetIndex(idx, c); err != nil {
			return fmt.Errorf("map documents to terms: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	ix.facets.breakTies(ix.complete.place)
	return ix, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", filepath.Base(path), err)
	}
	return nil
}

// Close closes the bleve index. Calls after the first do nothing.
func (ix *Index) Close() error {
	if ix.closed.Swap(true) {
		return nil
	}
	openIndexes.Add(-1)
	return ix.bleve.Close()
}

// Manifest describes the generation.
func (ix *Index) Manifest() Manifest { return ix.manifest }

// Corpus returns the corpus the generation was built from. It must not be
// modified.
func (ix *Index) Corpus() *corpus.Corpus { return ix.corpus }

// Term returns the entry with the given id, or ErrNotFound.
func (ix *Index) Term(id string) (*corpus.Term, error) { return termOf(ix.corpus, id) }

// Role returns the role with the given slug, or ErrNotFound.
func (ix *Index) Role(slug string) (*corpus.Role, error) { return roleOf(ix.corpus, slug) }

// Roles returns every role, sorted by slug.
func (ix *Index) Roles() []*corpus.Role { return ix.corpus.Roles }

// words analyses text into the lower-case words the name fields hold.
func (ix *Index) words(text string) []string { return analyseWords(ix.nameA, text) }

// analyseWords analyses text with a, the name analyzer.
func analyseWords(a analysis.Analyzer, text string) []string {
	if ws, ok := plainWords(text); ok {
		return ws
	}
	tokens := a.Analyze([]byte(text))
	out := make([]string, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, string(t.Term))
	}
	return out
}

// plainWords splits text made only of ASCII letters, digits, spaces and
// hyphens into its runs of letters and digits, lower-cased, and reports
// whether text was such. For that text it is exactly what the name
// analyzer makes of it (Unicode word boundaries keep letters and digits
// together and break at spaces and hyphens; TestPlainWordsMatchAnalyzer
// and FuzzPlainWords check it), in a quarter of the time, and the words
// share the text's memory when it is lower case already. Analysing names
// was a third of the time a generation took to open.
func plainWords(text string) ([]string, bool) {
	n := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == ' ' || c == '-':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			if i == 0 || text[i-1] == ' ' || text[i-1] == '-' {
				n++
			}
		default:
			return nil, false
		}
	}
	out := make([]string, 0, n)
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return r == ' ' || r == '-' }) {
		out = append(out, strings.ToLower(w))
	}
	return out, true
}
