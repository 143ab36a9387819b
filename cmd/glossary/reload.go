package main

import (
	"context"
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
// A generation is switched to only once it opens and passes search.Verify;
// one that fails is logged, counted and skipped (until the pointer changes
// again or SIGHUP asks to retry), and the current one keeps serving.
type watcher struct {
	dataDir     string
	live        *search.Live
	log         *slog.Logger
	interval    time.Duration
	verifyTerms int
	events      reloadEvents

	failed string // the generation that failed last, not retried on ticks
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
	name, err := search.CurrentGeneration(w.dataDir)
	if err != nil || name == w.live.Current().Generation || (name == w.failed && !retry) {
		return
	}
	start := time.Now()
	ix, err := search.OpenVerified(ctx, search.GenerationDir(w.dataDir, name), w.verifyTerms)
	if err != nil {
		if ctx.Err() != nil {
			return // shutting down, not a bad generation
		}
		w.failed = name
		w.events.Failed()
		w.log.Error("new generation not switched to; still serving the current one",
			slog.String("generation", name), slog.String("current", w.live.Current().Generation), slog.Any("error", err))
		return
	}
	w.failed = ""
	old := w.live.Swap(ix)
	m := ix.Manifest()
	w.events.Swapped(m)
	w.log.Info("switched generation", slog.String("from", old.Generation), slog.String("to", name),
		slog.Int("terms", m.Terms), slog.Duration("open_and_verify", time.Since(start)))
	releaseMemory()
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
