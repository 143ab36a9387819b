package generation

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// StemmerName is the token filter that stems English words as bleve's
// stemmer_en_snowball does, remembering each word's stem. A corpus repeats
// a few thousand words hundreds of thousands of times, and the Snowball
// stemmer was an eighth of a 30,000-term build's CPU time (see
// docs/performance.md).
const StemmerName = "glossary_stem_en"

// stemCacheSize bounds the words remembered by one filter. The filter of a
// serving index also stems every query, so what users type must not grow
// it without end; past the bound, words are stemmed without being kept.
const stemCacheSize = 1 << 17

type stemFilter struct {
	mu    sync.RWMutex
	stems map[string]string
}

func (f *stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		f.mu.RLock()
		stem, ok := f.stems[string(token.Term)]
		f.mu.RUnlock()
		if !ok {
			env := snowballstem.NewEnv(string(token.Term))
			english.Stem(env)
			stem = env.Current()
			f.mu.Lock()
			if len(f.stems) < stemCacheSize {
				f.stems[string(token.Term)] = stem
			}
			f.mu.Unlock()
		}
		// A new slice: the token's bytes may be the field's own text.
		token.Term = []byte(stem)
	}
	return input
}

func init() {
	err := registry.RegisterTokenFilter(StemmerName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return &stemFilter{stems: map[string]string{}}, nil
	})
	if err != nil {
		panic(err)
	}
}
