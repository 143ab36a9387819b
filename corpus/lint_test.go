package corpus_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

// TestLintReportsEveryRule pins the content-rule violations of a corpus
// that breaks each rule once; testdata/lint.golden lists them.
func TestLintReportsEveryRule(t *testing.T) {
	c, err := corpus.Load(os.DirFS("testdata/lint"), "testdata/lint")
	if err != nil {
		t.Fatalf("testdata/lint must load (only content rules fail): %v", err)
	}
	got := corpus.Lint(c).Error() + "\n"
	const golden = "testdata/lint.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("Lint(testdata/lint) (-want +got):\n%s", diff)
	}
}
