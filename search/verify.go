package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
)

// DefaultVerifyTerms is how many terms Verify checks unless told otherwise.
const DefaultVerifyTerms = 20

// ErrVerify wraps every failure found by Verify.
var ErrVerify = errors.New("generation failed verification")

// Verify checks that an opened generation answers: each of n sample terms,
// spread evenly over the corpus from the first, is found by an exact search
// of its display term and by autocomplete of its first letters. (That its
// document count matches its manifest and corpus, Open has checked: an
// Index that disagrees is never made.) A generation whose files
// are damaged fails here rather than in front of a user.
//
// A panic inside the index (a damaged segment can cause one) is returned as
// an error, as is a memory fault in a memory-mapped file.
func Verify(ctx context.Context, ix *Index, n int) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %s: panic: %v", ErrVerify, ix.manifest.Generation, v)
		}
	}()
	for _, t := range sample(ix.corpus.Terms, n) {
		if err := ix.verifyTerm(ctx, t); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrVerify, ix.manifest.Generation, err)
		}
	}
	return nil
}

// sample returns n terms spread evenly over terms, starting with the first.
func sample(terms []*corpus.Term, n int) []*corpus.Term {
	if n <= 0 || len(terms) == 0 {
		return nil
	}
	if n >= len(terms) {
		return terms
	}
	out := make([]*corpus.Term, 0, n)
	for i := range n {
		out = append(out, terms[i*len(terms)/n])
	}
	return out
}

// verifyTerm checks that t is found by a search of its display term and by
// autocomplete of a prefix of it: the shortest of 2, 4, 8... characters
// (then the whole term) that lists it, since suggest lists at most
// MaxSuggest names, shortest first.
func (ix *Index) verifyTerm(ctx context.Context, t *corpus.Term) error {
	res, err := ix.Search(ctx, Request{Query: clip(t.Term, MaxQueryLength), Size: MaxSize})
	if err != nil {
		return fmt.Errorf("search %q: %w", t.Term, err)
	}
	if !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == t.ID }) {
		return fmt.Errorf("search %q does not find term %s (%d hits)", t.Term, t.ID, res.Total)
	}
	runes := utf8.RuneCountInString(t.Term)
	for k := 2; ; k *= 2 {
		prefix := clip(t.Term, min(k, runes, MaxQueryLength))
		sug, err := ix.Suggest(ctx, SuggestRequest{Query: prefix, Size: MaxSuggest})
		if err != nil {
			return fmt.Errorf("suggest %q: %w", prefix, err)
		}
		if slices.ContainsFunc(sug.Suggestions, func(s Suggestion) bool { return s.ID == t.ID }) {
			return nil
		}
		if k >= runes || k >= MaxQueryLength {
			return fmt.Errorf("suggest does not complete %q to term %s", t.Term, t.ID)
		}
	}
}

// clip returns the first n characters of s.
func clip(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// OpenVerified checks the generation in dir against the checksums its
// manifest records (generation.CheckGeneration: every file's SHA-256 and each
// zap segment's footer CRC32, and that the manifest names its own folder),
// then opens it read-only, as Open does, and checks it with Verify on n
// terms. A generation that fails is closed again. The checksums come first
// because a damaged segment may open and even answer the sample terms, and
// then fail (or panic) on the queries of users; they read every file once,
// which at the dictd scale costs tens of milliseconds (docs/performance.md). Damaged files can make bleve panic while opening; that is returned
// as an error too, so a bad generation never takes the caller down.
func OpenVerified(ctx context.Context, dir string, n int) (ix *Index, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			ix, err = nil, fmt.Errorf("open generation %s: panic: %v", dir, v)
		}
	}()
	if _, err := generation.CheckGeneration(dir); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrVerify, filepath.Base(dir), err)
	}
	ix, err = Open(dir)
	if err != nil {
		return nil, err
	}
	if err := Verify(ctx, ix, n); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}
