package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

func TestVerifyCommand(t *testing.T) {
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
		{name: "damaged corpus snapshot", args: []string{"verify", gen}, code: 1, want: `generation failed verification: gen-000001: search "zyxwvut" does not find term cache`,
			damage: func() { renameTerm(t, gen, "cache", "zyxwvut") }},
		{name: "deleted segment", args: []string{"verify", "--data", data}, code: 1, want: "verify " + gen + ": open generation",
			damage: func() { removeSegments(t, gen) }},
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
// failure, retries a repaired one on SIGHUP, and switches as soon as a good
// generation is made current.
func TestServeRefusesBadGeneration(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfg := writeConfig(t, dir, "watch_interval: 10ms")
	srv := startServe(t, dir, "--config", cfg, "--data", data, "--corpus", testCorpus(t))

	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}
	spare := filepath.Join(dir, "spare")
	sum, err := indexer.Build(context.Background(), c, indexer.Options{DataDir: spare})
	if err != nil {
		t.Fatal(err)
	}
	damages := []struct {
		name   string
		damage func(gen string)
		log    string
	}{
		{"segment bytes flipped (bleve panics opening it)", flipSegmentBytes(t), "panic"},
		{"completion index cut short", func(gen string) {
			path := filepath.Join(gen, "completions.gob")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}, "completions.gob"},
		{"segment deleted", func(gen string) { removeSegments(t, gen) }, "open generation"},
		{"term missing from the index", func(gen string) {
			renameTerm(t, gen, "cache", "zyxwvut")
		}, "failed verification"},
	}
	for i, d := range damages {
		name := fmt.Sprintf("gen-%06d", i+2)
		gen := search.GenerationDir(data, name)
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
	// Repaired, the last one is not retried on its own, but SIGHUP asks for
	// it.
	repaired := search.GenerationDir(data, "gen-000005")
	copyDir(t, sum.Path, repaired)
	replaceInFile(t, filepath.Join(repaired, "manifest.json"), sum.Generation, "gen-000005")
	time.Sleep(100 * time.Millisecond) // ten watch intervals
	if resp, _ := httpGet(t, srv.base+"/readyz"); resp.StatusCode != 200 || readyGeneration(t, srv.base) != "gen-000001" {
		t.Fatalf("server switched to a generation that failed before without being asked")
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the switch to gen-000005 on SIGHUP", func() bool {
		return readyGeneration(t, srv.base) == "gen-000005"
	})

	// A good generation is switched to at once.
	if _, err := indexer.Build(context.Background(), c, indexer.Options{DataDir: data, Keep: 10}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the switch to gen-000006", func() bool {
		resp, _ := httpGet(t, srv.base+"/api/v1/suggest?q=ca")
		return resp.Header.Get("X-Glossary-Generation") == "gen-000006"
	})
	_, metrics := httpGet(t, srv.base+"/metrics")
	for _, want := range []string{
		"glossary_reindex_failures_total 4",
		"glossary_reindex_swaps_total 2",
		"glossary_generation 6",
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
