package generation

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/glossary/glossary/corpus"
)

func tokens(words []string) analysis.TokenStream {
	out := make(analysis.TokenStream, len(words))
	for i, w := range words {
		out[i] = &analysis.Token{Term: []byte(w)}
	}
	return out
}

// TestStemFilterMatchesBleve stems every word of the embedded corpus with
// the remembering filter, twice (the second time from memory), and with
// bleve's own Snowball filter: each stem must be the same.
func TestStemFilterMatchesBleve(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var words []string
	for _, term := range c.Terms {
		for _, w := range strings.Fields(strings.ToLower(term.Definition + " " + strings.Join(term.Examples, " "))) {
			if w = strings.Trim(w, ".,;:()\"'!?"); w != "" && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	if len(words) < 3000 {
		t.Fatalf("only %d distinct words in the corpus", len(words))
	}
	want := en.NewEnglishStemmerFilter().Filter(tokens(words))
	f := &stemFilter{stems: map[string]string{}}
	for pass := range 2 {
		got := f.Filter(tokens(words))
		for i := range words {
			if string(got[i].Term) != string(want[i].Term) {
				t.Fatalf("pass %d: %q stems to %q; bleve's filter says %q", pass, words[i], got[i].Term, want[i].Term)
			}
		}
	}
	if len(f.stems) != len(words) {
		t.Errorf("filter remembers %d words; want %d", len(f.stems), len(words))
	}
}

// TestStemFilterKeepsInputAndBound checks that stemming leaves the text
// the tokens were cut from alone, and that the memory stops growing at its
// bound while words are still stemmed, from several goroutines at once.
func TestStemFilterKeepsInputAndBound(t *testing.T) {
	t.Parallel()
	text := []byte("running servers")
	ts := analysis.TokenStream{{Term: text[:7]}, {Term: text[8:]}}
	f := &stemFilter{stems: map[string]string{}}
	f.Filter(ts)
	if string(text) != "running servers" || string(ts[0].Term) != "run" || string(ts[1].Term) != "server" {
		t.Fatalf("text %q, stems %q %q; want the text unchanged and run, server", text, ts[0].Term, ts[1].Term)
	}

	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range stemCacheSize / 2 {
				ts := f.Filter(tokens([]string{fmt.Sprintf("walking%dg%d", i, g)}))
				if got := string(ts[0].Term); got != fmt.Sprintf("walking%dg%d", i, g) {
					t.Errorf("stem of walking%dg%d = %q", i, g, got)
					return
				}
			}
		})
	}
	wg.Wait()
	if len(f.stems) != stemCacheSize {
		t.Errorf("filter remembers %d words; want its bound %d", len(f.stems), stemCacheSize)
	}
	if got := string(f.Filter(tokens([]string{"connections"}))[0].Term); got != "connect" {
		t.Errorf("past the bound, connections stems to %q; want connect", got)
	}
}
