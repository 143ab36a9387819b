package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/glossary/glossary/search"
)

// reloadEvents is told the outcome of each attempt to switch generations
// (the metrics count them).
type reloadEvents interface {
	Swapped(m search.Manifest)
	Failed()
}

// watcher switches a Live holder to the data folder's current generation
// when the CURRENT pointer changes. It checks every interval and on SIGHUP.
// A generation is switched to only once it passes search.OpenVerified
// (checksums, open, sample terms) and is not the one already served; one
// that fails is logged, counted and skipped (until the pointer changes
// again or SIGHUP asks to retry), and the current one keeps serving. A
// CURRENT that names no generation (garbage, a path, a folder, a deleted
// file) is logged and counted the same way, once per distinct fault.
type watcher struct {
	dataDir     string
	live        *search.Live
	log         *slog.Logger
	interval    time.Duration
	verifyTerms int
	events      reloadEvents

	failed string // the fault reported last, not reported again on ticks
}

// run checks for a new generation until ctx is done.
func (w *watcher) run(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	tick := time.NewTicker(w.interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			w.check(ctx, false)
		case <-hup:
			w.check(ctx, true) // an operator asked: try again even a generation that failed
		}
	}
}

// check switches to the current generation if it is new. retry tries a
// generation that failed before again.
func (w *watcher) check(ctx context.Context, retry bool) {
	current := w.live.Current().Generation
	name, err := search.CurrentGeneration(w.dataDir)
	if err != nil {
		// The error quotes what CURRENT holds (%q): never raw.
		w.fail("pointer: "+err.Error(), retry, "CURRENT names no generation; still serving the current one",
			slog.String("current", current), slog.Any("error", err))
		return
	}
	if name == current {
		w.failed = ""
		return
	}
	if name == w.failed && !retry {
		return
	}
	start := time.Now()
	ix, err := search.OpenVerified(ctx, search.GenerationDir(w.dataDir, name), w.verifyTerms)
	if err == nil && ix.Manifest().Generation == current {
		// OpenVerified refuses a manifest naming another folder, so this
		// is a second guard: swapping in what is served would make the
		// watcher reopen it on every tick.
		ix.Close()
		err = fmt.Errorf("generation %s is the one already served", current)
	}
	if err != nil {
		if ctx.Err() != nil {
			return // shutting down, not a bad generation
		}
		w.fail(name, true, "new generation not switched to; still serving the current one",
			slog.String("generation", name), slog.String("current", current), slog.Any("error", err))
		return
	}
	w.failed = ""
	// Counted before the switch, so that whoever sees the new generation
	// answer (a test, a monitor reading /readyz then /metrics) also sees
	// the switch counted; Swap cannot fail.
	m := ix.Manifest()
	w.events.Swapped(m)
	old := w.live.Swap(ix)
	w.log.Info("switched generation", slog.String("from", old.Generation), slog.String("to", name),
		slog.Int("terms", m.Terms), slog.Duration("open_and_verify", time.Since(start)))
	releaseMemory()
}

// fail logs and counts a fault identified by key, unless it is the fault
// reported last and report is false.
func (w *watcher) fail(key string, report bool, msg string, attrs ...any) {
	if key == w.failed && !report {
		return
	}
	w.failed = key
	w.events.Failed()
	w.log.Error(msg, attrs...)
}

// releaseMemory returns to the operating system, in the background, the
// memory that opening a generation used and no longer needs: about half of
// what the process held right after opening 30,000 terms, which Go's own
// scavenger gives back only gradually (docs/performance.md). A generation
// just replaced is released as its last request ends, so its memory may
// go at the next release.
func releaseMemory() { go debug.FreeOSMemory() }

// watch starts a watcher of cfg's data folder for live and returns the
// function that stops it and waits until it has (call it before closing
// live, so that nothing is swapped in after).
func watch(ctx context.Context, cfg Config, live *search.Live, log *slog.Logger, events reloadEvents) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	w := &watcher{dataDir: cfg.DataDir, live: live, log: log, interval: cfg.WatchInterval, verifyTerms: cfg.VerifyTerms, events: events}
	go func() { defer close(done); w.run(ctx) }()
	return func() { cancel(); <-done }
}
