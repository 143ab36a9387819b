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

// watch starts following cfg's data folder for live: a search.Watcher
// checks for a new generation every watch_interval, and on SIGHUP retries
// even one that failed. It returns the function that stops it and waits
// until it has (call it before closing live, so that nothing is swapped in
// after). events, if not nil, is told of every switch and fault.
func watch(ctx context.Context, cfg Config, live *search.Live, log *slog.Logger, events search.WatchEvents) (stop func()) {
	w := &search.Watcher{Dir: cfg.DataDir, Live: live, VerifyTerms: cfg.VerifyTerms, Log: log, Events: events}
	ctx, cancel := context.WithCancel(ctx)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	tick := time.NewTicker(cfg.WatchInterval)
	done := make(chan struct{})
	go func() {
		defer close(done)
		follow(ctx, w, tick.C, hup)
	}()
	return func() {
		cancel()
		<-done
		tick.Stop()
		signal.Stop(hup)
	}
}

// follow runs w's checks until ctx is done: a check on every tick, and a
// retry on every hup (an operator asked: try again even a generation that
// failed). After a switch, it releases the memory the open used.
func follow(ctx context.Context, w *search.Watcher, tick <-chan time.Time, hup <-chan os.Signal) {
	for {
		var retry bool
		select {
		case <-ctx.Done():
			return
		case <-tick:
		case <-hup:
			retry = true
		}
		if w.Check(ctx, retry) {
			releaseMemory()
		}
	}
}

// releaseMemory returns to the operating system, in the background, the
// memory that opening a generation used and no longer needs: about half of
// what the process held right after opening 30,000 terms, which Go's own
// scavenger gives back only gradually (docs/performance.md). A generation
// just replaced is released as its last request ends, so its memory may
// go at the next release. It stays in main: it acts on the whole process,
// which a library does not decide for its caller.
func releaseMemory() { go debug.FreeOSMemory() }
