package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIndexFailsFastWhenAnotherRuns holds the data folder's indexer lock as
// a running indexer does: a second "glossary index" must fail at once with
// a message that says why, and leave the current generation alone.
func TestIndexFailsFastWhenAnotherRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, stderr, code := runCmd(t, dir, "index", "--corpus", testCorpus(t), "--data", data); code != 0 {
		t.Fatalf("index = %d %s", code, stderr)
	}
	f, err := os.OpenFile(filepath.Join(data, "index.lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, stderr, code := runCmd(t, dir, "index", "--corpus", testCorpus(t), "--data", data)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("second indexer took %s to give up; want at once", took)
	}
	if want := "glossary: another indexer is running on " + data; code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "wait for it to finish") {
		t.Errorf("second index = %d %q; want exit 1 and %q", code, stderr, want)
	}
	if b, err := os.ReadFile(filepath.Join(data, "CURRENT")); err != nil || string(b) != "gen-000001\n" {
		t.Errorf("CURRENT = %q, %v; want gen-000001", b, err)
	}
}
