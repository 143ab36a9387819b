package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

func TestVerifyCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, stderr, code := runCmd(t, dir, "index", "--corpus", testCorpus(t), "--data", data); code != 0 {
		t.Fatalf("index = %d %s", code, stderr)
	}
	gen := filepath.Join(data, "generations", "gen-000001")
	tests := []struct {
		name   string
		args   []string
		damage func()
		code   int
		want   string // in stdout when code is 0, else in stderr
	}{
		{name: "current generation by default", args: []string{"verify", "--data", data}, want: "ok: gen-000001"},
		{name: "a data folder", args: []string{"verify", data}, want: "ok: gen-000001"},
		{name: "a generation folder", args: []string{"verify", gen, "--terms", "100"}, want: "17 sample terms found by search and suggest"},
		{name: "empty folder", args: []string{"verify", dir}, code: 1, want: "neither a generation folder"},
		{name: "missing folder", args: []string{"verify", filepath.Join(dir, "nope")}, code: 1, want: "no such file"},
		{name: "damaged corpus snapshot", args: []string{"verify", gen}, code: 1, want: `generation failed verification: gen-000001: generation damaged: ` + gen + `: corpus.gob has`,
			damage: func() { renameTerm(t, gen, "cache", "zyxwvut") }},
		{name: "damaged corpus snapshot, checksums forged to match", args: []string{"verify", gen}, code: 1, want: `generation failed verification: gen-000001: search "zyxwvut" does not find term cache`,
			damage: func() { reseal(t, gen) }},
		{name: "deleted segment", args: []string{"verify", "--data", data}, code: 1, want: "verify " + gen + ": generation failed verification: gen-000001: generation damaged: " + gen + ": index/store/",
			damage: func() { removeSegments(t, gen) }},
		{name: "deleted segment, checksums forged to match", args: []string{"verify", "--data", data}, code: 1, want: "verify " + gen + ": open generation",
			damage: func() { reseal(t, gen) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.damage != nil {
				tt.damage()
			}
			stdout, stderr, code := runCmd(t, dir, tt.args...)
			out := stdout
			if tt.code != 0 {
				out = stderr
			}
			if code != tt.code || !strings.Contains(out, tt.want) {
				t.Errorf("glossary %s = %d\nstdout: %s\nstderr: %s\nwant exit %d and %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.code, tt.want)
			}
		})
	}
}

// TestServeRefusesBadGeneration points CURRENT at damaged generations: the
// server keeps answering from the generation it has, logs and counts the
// failure, and switches as soon as a good generation is made current. That
// a repaired one is retried on SIGHUP, and only then, is
// TestServeRetriesOnSIGHUP's (with a process of its own to signal), and
// search's TestWatcherRetriesAFailedGenerationWhenAsked and
// TestFollowRetriesOnlyOnHup's (without waiting for ticks that must not
// switch). Not parallel: the open-indexes gauge it checks counts the
// whole process's indexes.
func TestServeRefusesBadGeneration(t *testing.T) {
	srv, dir, data := serveWatching(t)

	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}
	spare := filepath.Join(dir, "spare")
	sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: spare})
	if err != nil {
		t.Fatal(err)
	}
	damages := []struct {
		name   string
		damage func(gen string)
		log    string
	}{
		{"segment bytes flipped", flipSegmentBytes(t), "zap footer CRC32 is"},
		{"segment bytes flipped, checksums forged (bleve panics opening it)", func(gen string) {
			flipSegmentBytes(t)(gen)
			reseal(t, gen)
			fixZapCRC(t, gen)
		}, "panic"},
		{"completion index cut short", func(gen string) {
			path := filepath.Join(gen, "completions.gob")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}, "completions.gob has"},
		{"segment deleted", func(gen string) { removeSegments(t, gen) }, "is missing"},
		{"segment deleted, checksums forged", func(gen string) { removeSegments(t, gen); reseal(t, gen) }, "open generation"},
		{"term missing from the index", func(gen string) {
			renameTerm(t, gen, "cache", "zyxwvut")
		}, "corpus.gob has"},
		{"term missing from the index, checksums forged", func(gen string) {
			renameTerm(t, gen, "cache", "zyxwvut")
			reseal(t, gen)
		}, `does not find term cache`},
	}
	for i, d := range damages {
		name := fmt.Sprintf("gen-%06d", i+2)
		gen := generation.Dir(data, name)
		copyDir(t, sum.Path, gen)
		replaceInFile(t, filepath.Join(gen, "manifest.json"), sum.Generation, name)
		d.damage(gen)
		if err := indexer.SetCurrent(data, name); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 10*time.Second, "the failure to be logged for "+name, func() bool {
			return strings.Contains(srv.stderr.String(), `generation=`+name)
		})
		line := logLine(srv.stderr.String(), `generation=`+name)
		if !strings.Contains(line, "new generation not switched to") || !strings.Contains(line, d.log) {
			t.Errorf("%s: log line %q lacks the failure (%q)", d.name, line, d.log)
		}
		resp, body := httpGet(t, srv.base+"/api/v1/search?q=cache")
		if resp.StatusCode != 200 || resp.Header.Get("X-Glossary-Generation") != "gen-000001" {
			t.Errorf("%s: search answered %d from %q: %s; want 200 from gen-000001", d.name, resp.StatusCode, resp.Header.Get("X-Glossary-Generation"), body)
		}
	}
	// A good generation is switched to at once.
	next := fmt.Sprintf("gen-%06d", len(damages)+2)
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 10}); err != nil {
		t.Fatal(err)
	}
	// The watcher counts a switch just after making it, so the metrics
	// are waited for too, not read as soon as answers come from it.
	var metrics string
	waitFor(t, 10*time.Second, "the switch to "+next+", counted", func() bool {
		resp, _ := httpGet(t, srv.base+"/api/v1/suggest?q=ca")
		_, metrics = httpGet(t, srv.base+"/metrics")
		return resp.Header.Get("X-Glossary-Generation") == next && strings.Contains(metrics, fmt.Sprintf("glossary_generation %d\n", len(damages)+2))
	})
	for _, want := range []string{
		fmt.Sprintf("glossary_reindex_failures_total %d", len(damages)),
		"glossary_reindex_swaps_total 1",
		fmt.Sprintf("glossary_generation %d", len(damages)+2),
		"glossary_generation_documents 17",
		"glossary_open_indexes 1",
	} {
		if !strings.Contains(metrics, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if code := srv.stop(t); code != 0 {
		t.Errorf("serve exited %d; stderr:\n%s", code, srv.stderr.String())
	}
}

func flipSegmentBytes(t *testing.T) func(gen string) {
	return func(gen string) {
		for _, path := range segments(t, gen) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := 100; i < len(b)-100; i += 7 {
				b[i] ^= 0x55
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func removeSegments(t *testing.T, gen string) {
	t.Helper()
	for _, path := range segments(t, gen) {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
}

func segments(t *testing.T, gen string) []string {
	t.Helper()
	zaps, err := filepath.Glob(filepath.Join(gen, "index", "store", "*.zap"))
	if err != nil || len(zaps) == 0 {
		t.Fatalf("segments of %s: %v %v", gen, zaps, err)
	}
	return zaps
}

func replaceInFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameTerm changes the display text of term id in a generation's corpus
// snapshot, so the index no longer finds it under its name.
func renameTerm(t *testing.T, gen, id, text string) {
	t.Helper()
	path := filepath.Join(gen, "corpus.gob")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpus.ReadSnapshot(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c.Term(id).Term = text
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := c.WriteSnapshot(out); err != nil {
		t.Fatal(err)
	}
}

// logLine returns the first line of logs containing s.
func logLine(logs, s string) string {
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

// TestServeStartsNotFromDamagedGeneration: a current generation that does
// not open stops serve at start with the damaged file named and what to
// do about it.
func TestServeStartsNotFromDamagedGeneration(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, stderr, code := runCmd(t, dir, "index", "--corpus", testCorpus(t), "--data", data); code != 0 {
		t.Fatalf("index = %d %s", code, stderr)
	}
	path := filepath.Join(data, "generations", "gen-000001", "completions.gob")
	if err := os.WriteFile(path, []byte("not a completion index"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCmd(t, dir, "serve", "--corpus", testCorpus(t), "--data", data, "--listen", "127.0.0.1:0")
	if code == 0 || !strings.Contains(stderr, "completions.gob") || !strings.Contains(stderr, "build a new generation with glossary index") {
		t.Errorf("serve on a damaged generation = %d\nstderr: %s\nwant a failure naming completions.gob and glossary index", code, stderr)
	}
}

// reseal rewrites the checksums in a generation's manifest to match its
// files as they are now, as a forger (or a bug that damaged a file before
// sealing) would: what the checksums cannot catch, Open and Verify must.
func reseal(t *testing.T, gen string) {
	t.Helper()
	path := filepath.Join(gen, "manifest.json")
	var m map[string]any
	if err := json.Unmarshal([]byte(readString(t, path)), &m); err != nil {
		t.Fatal(err)
	}
	var files []generation.FileSum
	err := filepath.WalkDir(gen, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(gen, p)
		if rel == "manifest.json" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files = append(files, generation.FileSum{Path: filepath.ToSlash(rel), Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m["files"] = files
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, b)
}

// fixZapCRC rewrites the footer CRC32 of a generation's segments to match
// their content, then reseals the manifest.
func fixZapCRC(t *testing.T, gen string) {
	t.Helper()
	for _, path := range segments(t, gen) {
		b := []byte(readString(t, path))
		binary.BigEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
		writeFile(t, path, b)
	}
	reseal(t, gen)
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// writeFile replaces path, whose generation may be sealed read-only.
func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.Chmod(path, 0o644); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedGenerationNeverServed flips 64 bytes at several positions of
// a copied generation's segment and of its other files (issue 19: in five
// of six positions verify said ok and the server switched, then panicked
// on queries). glossary verify must fail on each, and a server pointed at
// it keeps serving the generation it has.
func TestDamagedGenerationNeverServed(t *testing.T) {
	t.Parallel()
	srv, dir, data := serveWatching(t)
	first := generation.Dir(data, "gen-000001")

	zap := func(gen string) string { return segments(t, gen)[0] }
	file := func(rel string) func(string) string {
		return func(gen string) string { return filepath.Join(gen, filepath.FromSlash(rel)) }
	}
	flips := []struct {
		name string
		path func(gen string) string
		pos  func(size int) int
	}{
		{"segment start", zap, func(int) int { return 0 }},
		{"segment byte 4096", zap, func(n int) int { return min(4096, n/3) }},
		{"segment middle", zap, func(n int) int { return n / 2 }},
		{"segment three quarters", zap, func(n int) int { return n * 3 / 4 }},
		{"segment footer", zap, func(n int) int { return n - 64 }},
		{"segment CRC", zap, func(n int) int { return n - 4 }},
		{"corpus snapshot", file("corpus.gob"), func(n int) int { return n / 2 }},
		{"completion index", file("completions.gob"), func(n int) int { return n - 64 }},
		{"bolt root", file("index/store/root.bolt"), func(n int) int { return n / 2 }},
		{"index meta", file("index/index_meta.json"), func(int) int { return 0 }},
	}
	for i, f := range flips {
		name := fmt.Sprintf("gen-%06d", i+2)
		gen := generation.Dir(data, name)
		copyDir(t, first, gen)
		replaceInFile(t, filepath.Join(gen, "manifest.json"), "gen-000001", name)
		path := f.path(gen)
		b := []byte(readString(t, path))
		for j := f.pos(len(b)); j < min(len(b), f.pos(len(b))+64); j++ {
			b[j] ^= 0xff
		}
		writeFile(t, path, b)

		if stdout, stderr, code := runCmd(t, dir, "verify", gen); code != 1 || !strings.Contains(stderr, "generation damaged") {
			t.Errorf("%s: glossary verify = %d\nstdout: %s\nstderr: %s\nwant exit 1, generation damaged", f.name, code, stdout, stderr)
		}
		if err := indexer.SetCurrent(data, name); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 10*time.Second, "the failure to be logged for "+name, func() bool {
			return strings.Contains(srv.stderr.String(), `generation=`+name)
		})
		if line := logLine(srv.stderr.String(), `generation=`+name); !strings.Contains(line, "generation damaged") {
			t.Errorf("%s: log line %q; want generation damaged", f.name, line)
		}
		for _, q := range []string{"cache", "idempotent", "deploy"} {
			resp, body := httpGet(t, srv.base+"/api/v1/search?q="+q)
			if resp.StatusCode != 200 || resp.Header.Get("X-Glossary-Generation") != "gen-000001" {
				t.Errorf("%s: search %s answered %d from %q: %s; want 200 from gen-000001", f.name, q, resp.StatusCode, resp.Header.Get("X-Glossary-Generation"), body)
			}
		}
	}
}

// TestOpenIndexChecksGenerations checks that what the language server and
// the CLI open (openIndex) is checked as the server checks it: a segment
// whose bytes were flipped is refused, naming its checksum.
func TestOpenIndexChecksGenerations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.DataDir = filepath.Join(dir, "data")
	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: cfg.DataDir})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := openIndex(context.Background(), cfg, io.Discard, io.Discard)
	if err != nil {
		t.Fatalf("openIndex on a sound generation: %v", err)
	}
	ix.Close()
	flipSegmentBytes(t)(sum.Path)
	if ix, err := openIndex(context.Background(), cfg, io.Discard, io.Discard); err == nil {
		ix.Close()
		t.Fatal("openIndex opened a generation whose segment bytes were flipped")
	} else if !strings.Contains(err.Error(), "CRC32") && !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("openIndex error %q names no checksum", err)
	}
}
