package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
)

// nameAnalyzer returns the index mapping's name analyzer, the one
// plainWords stands in for.
func nameAnalyzer(tb testing.TB) analysis.Analyzer {
	tb.Helper()
	m, err := generation.Mapping()
	if err != nil {
		tb.Fatal(err)
	}
	a := m.AnalyzerNamed(analyzerName)
	if a == nil {
		tb.Fatalf("mapping has no analyzer %s", analyzerName)
	}
	return a
}

func analysed(a analysis.Analyzer, text string) []string {
	out := []string{}
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// checkPlainWords fails when plainWords takes text and splits it otherwise
// than the analyzer.
func checkPlainWords(t *testing.T, a analysis.Analyzer, text string) bool {
	t.Helper()
	got, ok := plainWords(text)
	if !ok {
		return false
	}
	if want := analysed(a, text); !slices.Equal(append([]string{}, got...), want) {
		t.Fatalf("plainWords(%q) = %q; the name analyzer says %q", text, got, want)
	}
	return true
}

// TestPlainWordsMatchAnalyzer compares plainWords with the analyzer on
// every name, alias and form of the curated and a synthetic corpus, and on
// random text over the characters it accepts.
func TestPlainWordsMatchAnalyzer(t *testing.T) {
	t.Parallel()
	a := nameAnalyzer(t)
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	taken, names := 0, 0
	for _, term := range corpus.Synthetic(c, 5000).Terms {
		for _, n := range slices.Concat([]string{term.Term}, term.Aliases, term.Forms) {
			names++
			if checkPlainWords(t, a, n) {
				taken++
			}
		}
	}
	// Most names take the quick way; the rest ("C++", "node.js",
	// "O(n)") are analysed.
	if taken < names*3/4 || taken == names {
		t.Errorf("plainWords took %d of %d names; want most, not all", taken, names)
	}
	for _, text := range []string{"", " ", "-", "a", "IPv6", "3d", "x-ray", "Pub-Sub  queue", "2FA", "1 2 3", "a--b", "-a-", "ABC123def"} {
		if !checkPlainWords(t, a, text) {
			t.Errorf("plainWords refused %q", text)
		}
	}
	for _, text := range []string{"C++", "node.js", "don't", "snake_case", "a\tb", "café", "O(n)", "3.14", "a/b"} {
		if _, ok := plainWords(text); ok {
			t.Errorf("plainWords took %q, which it must leave to the analyzer", text)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZ09 -bY"
	for range 20000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		checkPlainWords(t, a, string(b))
	}
}

// FuzzPlainWords checks plainWords against the analyzer on any text it
// accepts.
func FuzzPlainWords(f *testing.F) {
	for _, s := range []string{"circuit breaker", "IPv6-ready", "x--Y 9", "C++", "naïve"} {
		f.Add(s)
	}
	a := nameAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkPlainWords(t, a, text)
	})
}
