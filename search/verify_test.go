package search_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	if err := search.Verify(context.Background(), ix, 1000); err != nil {
		t.Errorf("Verify(every term) = %v; want nil", err)
	}
}

// TestOpenVerifiedRejectsDamage damages a generation in the ways a disk or
// an operator can, and checks that each is refused with an error: no panic,
// and no index left open.
func TestOpenVerifiedRejectsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, gen string)
	}{
		{"segment deleted", func(t *testing.T, gen string) { mustRemove(t, segment(t, gen)) }},
		{"segment truncated", func(t *testing.T, gen string) { mustTruncate(t, segment(t, gen), 0) }},
		{"segment cut in half", func(t *testing.T, gen string) { mustTruncate(t, segment(t, gen), size(t, segment(t, gen))/2) }},
		{"segment bytes flipped", func(t *testing.T, gen string) {
			path := segment(t, gen)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := 100; i < len(b)-100; i += 7 {
				b[i] ^= 0x55
			}
			mustWrite(t, path, b)
		}},
		{"bolt root truncated", func(t *testing.T, gen string) {
			mustTruncate(t, filepath.Join(gen, "index", "store", "root.bolt"), 100)
		}},
		{"manifest missing", func(t *testing.T, gen string) { mustRemove(t, filepath.Join(gen, "manifest.json")) }},
		{"manifest count wrong", func(t *testing.T, gen string) {
			path := filepath.Join(gen, "manifest.json")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			mustWrite(t, path, []byte(strings.Replace(string(b), `"doc_count": 17`, `"doc_count": 18`, 1)))
		}},
		{"corpus renamed a term the index lacks", func(t *testing.T, gen string) {
			path := filepath.Join(gen, "corpus.gob")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "backpressure") {
				t.Fatalf("corpus.gob has no backpressure term: %.200q", b)
			}
			// Same length, so the snapshot still decodes; everywhere, so
			// the corpus itself stays consistent and only the index
			// disagrees with it.
			mustWrite(t, path, []byte(strings.ReplaceAll(string(b), "backpressure", "zyxwvutsrqpo")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			built, err := buildIndex(data, "testdata/corpus")
			if err != nil {
				t.Fatal(err)
			}
			built.Close() // only the files matter here
			name, err := search.CurrentGeneration(data)
			if err != nil {
				t.Fatal(err)
			}
			gen := generation.Dir(data, name)
			tt.damage(t, gen)
			before := search.OpenIndexes()
			ix, err := search.OpenVerified(context.Background(), gen, search.DefaultVerifyTerms)
			if err == nil {
				ix.Close()
				t.Fatalf("OpenVerified(%s) = nil error; want the damage reported", tt.name)
			}
			t.Logf("%s: %v", tt.name, err)
			if after := search.OpenIndexes(); after != before {
				t.Errorf("OpenIndexes = %d after a failed open; want %d", after, before)
			}
		})
	}
}

func TestOpenIndexesCountsCloses(t *testing.T) {
	data := t.TempDir()
	before := search.OpenIndexes()
	ix, err := buildIndex(data, "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	if got := search.OpenIndexes(); got != before+1 {
		t.Errorf("OpenIndexes after open = %d; want %d", got, before+1)
	}
	ix.Close()
	ix.Close() // a second Close is harmless and not counted
	if got := search.OpenIndexes(); got != before {
		t.Errorf("OpenIndexes after Close = %d; want %d", got, before)
	}
}

func TestVerifyAfterClose(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	ix, err := buildIndex(data, "testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := search.Verify(context.Background(), ix, 3); !errors.Is(err, search.ErrVerify) {
		t.Errorf("Verify on a closed index = %v; want ErrVerify", err)
	}
}

func segment(t *testing.T, gen string) string {
	t.Helper()
	zaps, err := filepath.Glob(filepath.Join(gen, "index", "store", "*.zap"))
	if err != nil || len(zaps) != 1 {
		t.Fatalf("segments of %s = %v, %v; want one", gen, zaps, err)
	}
	return zaps[0]
}

func size(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func mustTruncate(t *testing.T, path string, n int64) {
	t.Helper()
	if err := os.Truncate(path, n); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOpenChecksDocumentCount: a generation whose manifest, corpus and
// index disagree on the number of terms does not open (the one place that
// checks it; Verify relies on it).
func TestOpenChecksDocumentCount(t *testing.T) {
	gen := filepath.Join(t.TempDir(), "gen-000001")
	copyGeneration(t, sharedGeneration(t), gen)
	path := filepath.Join(gen, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(string(b), `"doc_count": 17`, `"doc_count": 18`, 1)
	if wrong == string(b) {
		t.Fatalf("%s records no doc_count 17: %.300s", path, b)
	}
	mustWrite(t, path, []byte(wrong))
	before := search.OpenIndexes()
	ix, err := search.Open(gen)
	if err == nil {
		ix.Close()
		t.Fatal("Open of a generation whose manifest counts 18 documents for 17 succeeded")
	}
	if want := "index has 17 documents, manifest says 18 and corpus has 17 terms"; !strings.Contains(err.Error(), want) {
		t.Errorf("Open = %v; want an error saying %q", err, want)
	}
	if after := search.OpenIndexes(); after != before {
		t.Errorf("OpenIndexes = %d after a failed open; want %d", after, before)
	}
}
