package corpus_test

import (
	"os"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/internal/testutil"
)

// TestLintReportsEveryRule pins the content-rule violations of a corpus
// that breaks each rule once; testdata/lint.golden lists them.
func TestLintReportsEveryRule(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(os.DirFS("testdata/lint"), "testdata/lint")
	if err != nil {
		t.Fatalf("testdata/lint must load (only content rules fail): %v", err)
	}
	got := corpus.Lint(c).Error() + "\n"
	testutil.Golden(t, "testdata/lint.golden", []byte(got))
}
