package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// metricValue returns the value of a counter or gauge without labels.
func metricValue(t *testing.T, base, name string) int {
	t.Helper()
	_, body := httpGet(t, base+"/metrics")
	m := regexp.MustCompile(`(?m)^` + name + ` (\d+)$`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("/metrics has no %s", name)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// setPointer replaces CURRENT with content atomically, as an operator's
// editor or script might.
func setPointer(t *testing.T, data, content string) {
	t.Helper()
	tmp := filepath.Join(data, "pointer.tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(data, "CURRENT")); err != nil {
		t.Fatal(err)
	}
}

// TestServeRefusesCopiedGeneration: a folder copied with its manifest
// (cp -a gen-000001 gen-000005) and made current is refused once, logged
// and counted, never swapped in (clients would see generations go
// backwards, and the server reopened it on every tick), and a real new
// generation is switched to afterwards.
func TestServeRefusesCopiedGeneration(t *testing.T) {
	t.Parallel()
	srv, _, data := serveWatching(t)

	copied := generation.Dir(data, "gen-000005")
	copyDir(t, generation.Dir(data, "gen-000001"), copied)
	if err := indexer.SetCurrent(data, "gen-000005"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the copied generation to be refused", func() bool {
		return strings.Contains(srv.stderr.String(), "generation=gen-000005")
	})
	line := logLine(srv.stderr.String(), "generation=gen-000005")
	if !strings.Contains(line, `names generation \"gen-000001\", not the folder it is in`) {
		t.Errorf("log line %q; want the manifest named as another generation's", line)
	}
	if resp, _ := httpGet(t, srv.base+"/api/v1/search?q=cache"); resp.Header.Get("X-Glossary-Generation") != "gen-000001" {
		t.Errorf("served from %q; want gen-000001", resp.Header.Get("X-Glossary-Generation"))
	}

	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 10})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the switch to "+sum.Generation, func() bool {
		return readyGeneration(t, srv.base) == sum.Generation
	})
	if got := metricValue(t, srv.base, "glossary_reindex_failures_total"); got != 1 {
		t.Errorf("glossary_reindex_failures_total = %d; want 1 (the copy refused once, not on every tick)", got)
	}
	if got := metricValue(t, srv.base, "glossary_reindex_swaps_total"); got != 1 {
		t.Errorf("glossary_reindex_swaps_total = %d; want 1 (only to %s)", got, sum.Generation)
	}
}

// TestServeLogsInvalidPointer makes CURRENT invalid in every way issue 19
// found: the server keeps serving, logs each fault once at error level,
// counts it in glossary_reindex_failures_total, and never writes what
// CURRENT holds raw (a terminal escape stays quoted).
func TestServeLogsInvalidPointer(t *testing.T) {
	t.Parallel()
	srv, _, data := serveWatching(t)
	pointer := filepath.Join(data, "CURRENT")

	faults := []struct {
		name string
		set  func()
		log  string
	}{
		{"garbage with a terminal escape", func() { setPointer(t, data, "\x1b[31mred\x07\n") }, `\"\\x1b[31mred\\a\"`},
		{"empty", func() { setPointer(t, data, "") }, `names no valid generation: \"\"`},
		{"a relative path", func() { setPointer(t, data, "../x\n") }, `\"../x\"`},
		{"an absolute path", func() { setPointer(t, data, "/etc\n") }, `\"/etc\"`},
		{"a generation that does not exist", func() { setPointer(t, data, "gen-000042\n") }, "generation=gen-000042"},
		{"CURRENT deleted", func() {
			if err := os.Remove(pointer); err != nil {
				t.Fatal(err)
			}
		}, "no index generation"},
		{"CURRENT a directory", func() {
			if err := os.Mkdir(pointer, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "is a directory"},
	}
	for i, f := range faults {
		f.set()
		waitFor(t, 10*time.Second, "the failure to be counted for "+f.name, func() bool {
			return metricValue(t, srv.base, "glossary_reindex_failures_total") >= i+1
		})
		logs := srv.stderr.String()
		if line := logLine(logs, f.log); !strings.Contains(line, "level=ERROR") || !strings.Contains(line, "still serving the current one") {
			t.Errorf("%s: no error logged with %q; logs:\n%s", f.name, f.log, logs)
		}
		if resp, _ := httpGet(t, srv.base+"/api/v1/search?q=cache"); resp.StatusCode != 200 || resp.Header.Get("X-Glossary-Generation") != "gen-000001" {
			t.Errorf("%s: search answered %d from %q; want 200 from gen-000001", f.name, resp.StatusCode, resp.Header.Get("X-Glossary-Generation"))
		}
	}
	if got := metricValue(t, srv.base, "glossary_reindex_failures_total"); got != len(faults) {
		t.Errorf("glossary_reindex_failures_total = %d; want %d, one per fault", got, len(faults))
	}
	if strings.Contains(srv.stderr.String(), "\x1b") {
		t.Errorf("stderr holds a raw escape character:\n%q", srv.stderr.String())
	}
}

// TestServeQuotesInvalidPointerAtStart: a garbage CURRENT stops serve at
// start with the content quoted, never echoed raw to the terminal.
func TestServeQuotesInvalidPointerAtStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, stderr, code := runCmd(t, dir, "index", "--corpus", testCorpus(t), "--data", data); code != 0 {
		t.Fatalf("index = %d %s", code, stderr)
	}
	setPointer(t, data, "\x1b[2J\x1b[31mgen-1\n")
	_, stderr, code := runCmd(t, dir, "serve", "--corpus", testCorpus(t), "--data", data, "--listen", "127.0.0.1:0")
	if code == 0 || !strings.Contains(stderr, `"\x1b[2J\x1b[31mgen-1"`) || strings.Contains(stderr, "\x1b") {
		t.Errorf("serve with a garbage CURRENT = %d\nstderr: %q\nwant a failure quoting it, with no raw escape", code, stderr)
	}
}
