package corpus_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/internal/testutil"
)

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
	testutil.Golden(t, "testdata/bad.golden", []byte(got))
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
	testutil.Golden(t, "testdata/positions.golden", []byte(got))
	if strings.Contains(got, "does not exist") {
		t.Errorf("a file that failed to parse is also reported missing:\n%s", got)
	}
}
