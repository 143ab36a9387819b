package corpus_test

import (
	"errors"
	"testing"

	"github.com/glossary/glossary/corpus"
)

// TestEmbeddedCorpusValid keeps the curated corpus loadable: every problem
// validation finds is printed as path:line:col: message.
func TestEmbeddedCorpusValid(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		var errs corpus.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				t.Error(e)
			}
			t.Fatalf("%d problems in the embedded corpus", len(errs))
		}
		t.Fatal(err)
	}
	for _, e := range corpus.Lint(c) {
		t.Error(e)
	}
	if len(c.Terms) == 0 || len(c.Roles) == 0 {
		t.Fatalf("embedded corpus has %d terms and %d roles; want some of each", len(c.Terms), len(c.Roles))
	}
}
