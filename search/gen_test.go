package search_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/dictd"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// Benchmarks run at three scales: the curated corpus embedded in the
// binary; a deterministic generated corpus of about 30,000 entries built
// from its vocabulary (same seed, same corpus, on every machine); and
// "dictd", the curated corpus merged with FOLDOC, the Jargon File and
// V.E.R.A. as Debian's dict-foldoc, dict-jargon and dict-vera install them
// (about 20,000 terms after merging; .ci/test installs the packages, and
// the benchmarks fail without them).
//
// BENCH_SCALES replaces the three with a comma-separated list, where a
// generated corpus of any size is named by its count of thousands
// ("200k"); scripts/scale.sh uses it to see how costs grow with size.
const largeSize = 30000

var (
	scaleOnce sync.Map // name -> *scaleIndex
)

type scaleIndex struct {
	once   sync.Once
	ix     *search.Index
	corpus *corpus.Corpus
	dir    string
	err    error
}

// curatedCorpus loads the embedded corpus.
func curatedCorpus() (*corpus.Corpus, error) {
	return corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
}

// generatedCorpus returns the curated corpus grown to n entries.
func generatedCorpus(n int) (*corpus.Corpus, error) {
	base, err := curatedCorpus()
	if err != nil {
		return nil, err
	}
	return corpus.Synthetic(base, n), nil
}

// importedCorpus returns the curated corpus merged with the three dictd
// glossaries.
func importedCorpus() (*corpus.Corpus, error) {
	base, err := curatedCorpus()
	if err != nil {
		return nil, err
	}
	var sources []*corpus.Source
	for _, name := range dictd.SourceNames() {
		db, err := dictd.Open("/usr/share/dictd/" + name)
		if err != nil {
			return nil, fmt.Errorf("%w (apt-get install dict-%s; .ci/test does)", err, name)
		}
		src, _, err := dictd.Convert(db, name)
		if err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	c, _ := corpus.Merge(base, sources)
	return c, nil
}

// scale returns an index of the named scale ("curated" or "30k"), built
// once per test binary with the real indexer.
func scale(tb testing.TB, name string) (*search.Index, *corpus.Corpus) {
	tb.Helper()
	v, _ := scaleOnce.LoadOrStore(name, &scaleIndex{})
	s := v.(*scaleIndex)
	s.once.Do(func() {
		switch name {
		case "curated":
			s.corpus, s.err = curatedCorpus()
		case "dictd":
			s.corpus, s.err = importedCorpus()
		default:
			var n int
			if n, s.err = generatedSize(name); s.err == nil {
				s.corpus, s.err = generatedCorpus(n)
			}
		}
		if s.err != nil {
			return
		}
		if s.dir, s.err = os.MkdirTemp("", "bench-"+name+"-"); s.err != nil {
			return
		}
		if _, s.err = indexer.Build(context.Background(), s.corpus, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: s.dir, Keep: 1}); s.err != nil {
			return
		}
		s.ix, s.err = search.OpenCurrent(s.dir)
	})
	if s.err != nil {
		tb.Fatal(s.err)
	}
	return s.ix, s.corpus
}

// scaleData returns the data folder of the named scale's index (see
// scale), and the folder of its current generation.
func scaleData(tb testing.TB, name string) (data, gen string) {
	tb.Helper()
	scale(tb, name)
	v, _ := scaleOnce.Load(name)
	data = v.(*scaleIndex).dir
	current, err := search.CurrentGeneration(data)
	if err != nil {
		tb.Fatal(err)
	}
	return data, generation.Dir(data, current)
}

// generatedSize reads a generated scale's name: "30k" is 30,000 terms.
func generatedSize(name string) (int, error) {
	var k int
	if _, err := fmt.Sscanf(name, "%dk", &k); err != nil || k <= 0 || fmt.Sprintf("%dk", k) != name {
		return 0, fmt.Errorf("scale %q: want curated, dictd or a count of thousands such as 30k", name)
	}
	return k * 1000, nil
}

// benchScales lists the scales benchmarks run at: BENCH_SCALES or the
// default three.
func benchScales() []string {
	if v := os.Getenv("BENCH_SCALES"); v != "" {
		return strings.Split(v, ",")
	}
	return []string{"curated", fmt.Sprintf("%dk", largeSize/1000), "dictd"}
}

func TestGeneratedCorpusIsDeterministic(t *testing.T) {
	t.Parallel()
	// Larger than the curated corpus, which the generated one grows.
	const n = 6000
	a, err := generatedCorpus(n)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generatedCorpus(n)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Terms) != n || a.Terms[n-1].Term != b.Terms[n-1].Term || a.Terms[n-1].Definition != b.Terms[n-1].Definition {
		t.Errorf("generated corpora differ or have the wrong size (%d terms)", len(a.Terms))
	}
}

func TestGeneratedSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		want int // 0: an error
	}{
		{"30k", 30000}, {"200k", 200000}, {"1k", 1000},
		{"0k", 0}, {"30", 0}, {"k", 0}, {"030k", 0}, {"30kk", 0}, {"-5k", 0}, {"curated", 0},
	} {
		got, err := generatedSize(tc.name)
		if tc.want == 0 {
			if err == nil {
				t.Errorf("generatedSize(%q) = %d, want an error", tc.name, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("generatedSize(%q) = %d, %v; want %d", tc.name, got, err, tc.want)
		}
	}
}
