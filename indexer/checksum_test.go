package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// damage describes one change to a copy of a sealed generation.
type damage struct {
	name   string
	change func(t *testing.T, gen string)
	want   string // in the error
}

// flipAt returns a damage that inverts 64 bytes of the file rel at pos
// (negative: from the end), as the adversarial run of issue 19 did.
func flipAt(rel string, pos int) func(t *testing.T, gen string) {
	return func(t *testing.T, gen string) {
		t.Helper()
		path := filepath.Join(gen, rel)
		if strings.Contains(rel, "*") {
			m, err := filepath.Glob(path)
			if err != nil || len(m) == 0 {
				t.Fatalf("no file %s: %v", rel, err)
			}
			path = m[0]
		}
		b := readFile(t, path)
		start := pos
		if pos < 0 {
			start = len(b) + pos
		}
		if pos == middle {
			start = len(b) / 2
		}
		for i := start; i < min(start+64, len(b)); i++ {
			b[i] ^= 0xff
		}
		writeFile(t, path, b)
	}
}

// middle as a position of flipAt means the middle of the file.
const middle = 1 << 30

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeFile replaces a file of a sealed (read-only) generation, as an
// operator with write access would.
func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.Chmod(path, 0o644); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckGenerationFindsDamage damages a copy of a sealed generation in
// one place at a time: a segment at its start, middle, footer and CRC,
// every other file, a file added or removed, a manifest naming another
// folder or recording no checksums. CheckGeneration refuses each, naming
// the file; the pristine generation passes.
func TestCheckGenerationFindsDamage(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	sum, err := indexer.Build(context.Background(), testCorpus(t), indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := generation.CheckGeneration(sum.Path); err != nil {
		t.Fatalf("CheckGeneration(pristine) = %v; want nil", err)
	}
	if len(sum.Files) < 5 {
		t.Fatalf("manifest records %d files (%+v); want index, corpus, completions and more", len(sum.Files), sum.Files)
	}
	const zap = "index/store/*.zap"
	damages := []damage{
		{"segment start", flipAt(zap, 0), ".zap"},
		{"segment at byte 100", flipAt(zap, 100), ".zap"},
		{"segment middle", flipAt(zap, middle), ".zap"},
		{"segment footer offsets", flipAt(zap, -40), ".zap"},
		{"segment CRC", flipAt(zap, -4), "zap footer CRC32"},
		{"segment last byte", flipAt(zap, -1), "zap footer CRC32"},
		{"segment cut short", func(t *testing.T, gen string) {
			m, _ := filepath.Glob(filepath.Join(gen, zap))
			b := readFile(t, m[0])
			writeFile(t, m[0], b[:len(b)/2])
		}, ".zap"},
		{"bolt root", flipAt("index/store/root.bolt", middle), "root.bolt has SHA-256"},
		{"index meta", flipAt("index/index_meta.json", 0), "index_meta.json"},
		{"corpus snapshot", flipAt(generation.CorpusFile, middle), "corpus.gob has SHA-256"},
		{"completion index", flipAt("completions.gob", -64), "completions.gob has SHA-256"},
		{"file added", func(t *testing.T, gen string) {
			writeFile(t, filepath.Join(gen, "index", "store", "extra.zap"), []byte("x"))
		}, "extra.zap was not sealed"},
		{"file removed", func(t *testing.T, gen string) {
			if err := os.Remove(filepath.Join(gen, generation.CorpusFile)); err != nil {
				t.Fatal(err)
			}
		}, "corpus.gob is missing"},
		{"manifest of another folder", func(t *testing.T, gen string) {
			path := filepath.Join(gen, generation.ManifestFile)
			writeFile(t, path, []byte(strings.Replace(string(readFile(t, path)), filepath.Base(gen), sum.Generation, 1)))
		}, `names generation "gen-000001", not the folder`},
		{"manifest without checksums", func(t *testing.T, gen string) {
			path := filepath.Join(gen, generation.ManifestFile)
			b := string(readFile(t, path))
			writeFile(t, path, []byte(b[:strings.Index(b, `,
  "files"`)]+"\n}\n"))
		}, "records no checksums"},
		{"manifest garbage", func(t *testing.T, gen string) {
			writeFile(t, filepath.Join(gen, generation.ManifestFile), []byte("{"))
		}, "decode manifest.json"},
	}
	for i, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			gen := copyGeneration(t, sum.Path, i+2)
			if _, err := generation.CheckGeneration(gen); err != nil {
				t.Fatalf("CheckGeneration(copy) = %v; want nil before the damage", err)
			}
			d.change(t, gen)
			_, err := generation.CheckGeneration(gen)
			if !errors.Is(err, generation.ErrDamaged) || !strings.Contains(err.Error(), d.want) {
				t.Errorf("CheckGeneration after %s = %v; want ErrDamaged naming %q", d.name, err, d.want)
			}
		})
	}
}

// copyGeneration copies the generation src to a generation numbered n
// beside it, its manifest naming the new folder, and returns its path.
func copyGeneration(t *testing.T, src string, n int) string {
	t.Helper()
	name := fmt.Sprintf("gen-%06d", n)
	dst := filepath.Join(filepath.Dir(src), name)
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == generation.ManifestFile {
			b = []byte(strings.Replace(string(b), filepath.Base(src), name, 1))
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestSealedGenerationIsReadOnly: a sealed generation's files and folders
// have no write permission, so that a truncate by mistake fails (for
// anyone but root) instead of killing a server that maps the segment.
func TestSealedGenerationIsReadOnly(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	sum, err := indexer.Build(context.Background(), testCorpus(t), indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(sum.Path, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o222 != 0 {
			t.Errorf("%s has mode %v; want no write permission", path, info.Mode())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Pruning removes a read-only generation all the same.
	for range 2 {
		if _, err := indexer.Build(context.Background(), testCorpus(t), indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(sum.Path); !os.IsNotExist(err) {
		t.Errorf("pruned generation %s: Stat = %v; want it removed", sum.Path, err)
	}
}
