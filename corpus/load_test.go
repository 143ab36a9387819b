package corpus_test

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with the golden file at path, which -update
// rewrites; what names the output in the failure.
func checkGolden(t *testing.T, path, what, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// TestLoadReportsEveryProblem pins the full list of problems in a corpus
// with one of each kind, as path:line:col: message.
func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := corpus.Load(os.DirFS("testdata/bad"), "testdata/bad")
	var errs corpus.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load(testdata/bad) error = %v; want corpus.Errors", err)
	}
	got := errs.Error() + "\n"
	checkGolden(t, "testdata/bad.golden", "Load(testdata/bad) problems", got)
}

func TestLoadDerivesRolesCategoriesAndMentions(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"categories.yaml": {Data: []byte("architecture: Architecture\ndatabase: Database\n")},
		"terms/message-queue.yaml": {Data: []byte(`term: message queue
part_of_speech: noun
level: B2
definition: A service that holds messages until consumers take them.
examples: [The message queue grew., Drain the message queue first.]
categories: [architecture]
`)},
		"terms/backpressure.yaml": {Data: []byte(`term: backpressure
part_of_speech: noun
level: C1
definition: Slowing producers when a message queue fills up.
examples: [Apply backpressure., Backpressure saved us.]
categories: [architecture]
`)},
		"roles/dev.yaml": {Data: []byte(`name: Dev
summary: Builds services.
topics: [queues]
spotlight: [backpressure]
categories:
  - category: database
    terms: [message-queue]
scenarios: [Explaining a queue]
`)},
	}
	c, err := corpus.Load(fsys, "mem")
	if err != nil {
		t.Fatal(err)
	}
	mq := c.Term("message-queue")
	if diff := cmp.Diff([]string{"dev"}, mq.Roles); diff != "" {
		t.Errorf("message-queue roles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"architecture", "database"}, mq.Categories); diff != "" {
		t.Errorf("message-queue categories (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"message-queue"}, c.Term("backpressure").Mentions); diff != "" {
		t.Errorf("backpressure mentions (-want +got):\n%s", diff)
	}
	var b strings.Builder
	if err := c.WriteSnapshot(&b); err != nil {
		t.Fatal(err)
	}
	back, err := corpus.ReadSnapshot(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Term("backpressure") == nil || back.Role("dev") == nil || back.CategoryLabel("database") != "Database" {
		t.Error("ReadSnapshot(WriteSnapshot(c)) lost terms, roles or category labels")
	}
}

// TestLoadPositions pins where problems that stop a file from parsing
// are reported: a NUL, invalid UTF-8 or a control character at its own
// line and column, not at 1:1; a second YAML document at its ---; and a
// file that does not parse (terms/database.yaml, linked from several
// terms and a role) reported once, without follow-on "does not exist"
// errors about a file that exists.
func TestLoadPositions(t *testing.T) {
	t.Parallel()
	_, err := corpus.Load(os.DirFS("testdata/positions"), "testdata/positions")
	var errs corpus.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load(testdata/positions) error = %v; want corpus.Errors", err)
	}
	got := errs.Error() + "\n"
	checkGolden(t, "testdata/positions.golden", "Load(testdata/positions) problems", got)
	if strings.Contains(got, "does not exist") {
		t.Errorf("a file that failed to parse is also reported missing:\n%s", got)
	}
}
