package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// watchEvents records what a search.Watcher tells it, in order.
type watchEvents struct {
	mu  sync.Mutex
	got []string
}

func (e *watchEvents) Swapped(m search.Manifest) { e.add("swapped " + m.Generation) }
func (e *watchEvents) Failed()                   { e.add("failed") }

func (e *watchEvents) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, s)
}

func (e *watchEvents) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.got...)
}

// TestFollowRetriesOnlyOnHup drives follow, the loop of watch, through its
// channels: a tick checks, a hup retries. What each step did is known
// without waiting: follow handles one message at a time, so once it has
// taken the tick sent after them, the steps before have finished.
func TestFollowRetriesOnlyOnHup(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	c, err := corpus.Load(os.DirFS(testCorpus(t)), "corpus")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.OpenVerified(context.Background(), sum.Path, search.DefaultVerifyTerms)
	if err != nil {
		t.Fatal(err)
	}
	live := search.NewLive(ix)
	defer live.Close()
	events := &watchEvents{}
	w := &search.Watcher{Dir: data, Live: live, VerifyTerms: search.DefaultVerifyTerms, Events: events}

	// drive runs follow over the steps ("tick" or "hup"), then stops it.
	drive := func(steps ...string) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		tick, hup := make(chan time.Time), make(chan os.Signal)
		done := make(chan struct{})
		go func() { defer close(done); follow(ctx, w, tick, hup) }()
		for _, s := range append(steps, "tick") { // the last tick: the steps are done once it is taken
			if s == "hup" {
				hup <- syscall.SIGHUP
			} else {
				tick <- time.Time{}
			}
		}
		cancel()
		<-done
	}
	wantEvents := func(step string, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, events.list()); diff != "" {
			t.Errorf("after %s: events (-want +got):\n%s", step, diff)
		}
	}

	next := generation.Dir(data, "gen-000002")
	copyDir(t, sum.Path, next)
	replaceInFile(t, filepath.Join(next, "manifest.json"), sum.Generation, "gen-000002")
	removeSegments(t, next)
	if err := indexer.SetCurrent(data, "gen-000002"); err != nil {
		t.Fatal(err)
	}
	drive("tick", "tick")
	wantEvents("ticks over a damaged generation", "failed")

	if err := os.RemoveAll(next); err != nil {
		t.Fatal(err)
	}
	copyDir(t, sum.Path, next)
	replaceInFile(t, filepath.Join(next, "manifest.json"), sum.Generation, "gen-000002")
	drive("tick", "tick", "tick")
	wantEvents("ticks over the repaired generation", "failed")
	if got := live.Current().Generation; got != sum.Generation {
		t.Errorf("ticks switched to %s; want %s still served (a failed generation is retried on hup only)", got, sum.Generation)
	}

	drive("hup")
	wantEvents("hup", "failed", "swapped gen-000002")
	if got := live.Current().Generation; got != "gen-000002" {
		t.Errorf("after hup serving %s; want gen-000002", got)
	}
}

// TestServeRetriesOnSIGHUP runs the real binary, makes a damaged
// generation current, repairs it once its failure is logged, and sends
// SIGHUP: the server retries it and switches, and /metrics counts one
// failure and one switch. The binary is a process of its own, so that the
// signal reaches no other test's server. (That the repaired generation is
// not taken without SIGHUP is TestFollowRetriesOnlyOnHup's.)
func TestServeRetriesOnSIGHUP(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfg := writeConfig(t, dir, "watch_interval: 10ms")
	p, base := startServeProcess(t, dir, "--config", cfg, "--data", data, "--corpus", testCorpus(t))

	first := generation.Dir(data, "gen-000001")
	next := generation.Dir(data, "gen-000002")
	copyDir(t, first, next)
	replaceInFile(t, filepath.Join(next, "manifest.json"), "gen-000001", "gen-000002")
	removeSegments(t, next)
	if err := indexer.SetCurrent(data, "gen-000002"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the failure to be logged", func() bool {
		return strings.Contains(p.stderr.String(), "generation=gen-000002")
	})

	if err := os.RemoveAll(next); err != nil {
		t.Fatal(err)
	}
	copyDir(t, first, next)
	replaceInFile(t, filepath.Join(next, "manifest.json"), "gen-000001", "gen-000002")
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the switch to gen-000002 on SIGHUP", func() bool {
		return readyGeneration(t, base) == "gen-000002"
	})
	if got := metricValue(t, base, "glossary_reindex_failures_total"); got != 1 {
		t.Errorf("glossary_reindex_failures_total = %d; want 1", got)
	}
	if got := metricValue(t, base, "glossary_reindex_swaps_total"); got != 1 {
		t.Errorf("glossary_reindex_swaps_total = %d; want 1", got)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t, 30*time.Second); code != 0 {
		t.Errorf("serve exited %d after SIGTERM; want 0\nstderr: %s", code, p.stderr.String())
	}
}
