package search

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/glossary/glossary/generation"
)

// WatchEvents is told the outcome of each attempt of a Watcher to switch
// generations (the server's metrics count them).
type WatchEvents interface {
	// Swapped is called with the new generation's manifest just before it
	// is swapped in, so that whoever sees it answer also sees it counted.
	Swapped(m Manifest)
	// Failed is called once per fault reported: a generation that did not
	// open or verify, or a CURRENT that names no generation.
	Failed()
}

// Watcher switches a Live holder to its data folder's current generation
// when the CURRENT pointer changes; Check looks once, and the caller
// decides when (serve checks on a ticker and on SIGHUP).
//
// A generation is switched to only once it passes OpenVerified (checksums,
// open, sample terms) and is not the one already served; one that fails is
// logged, counted and skipped until the pointer changes again or a Check
// asks to retry, and the current one keeps serving. A CURRENT that names
// no generation (garbage, a path, a folder, a deleted file) is logged and
// counted the same way, once per distinct fault.
//
// The fields are set before the first Check and not changed after.
type Watcher struct {
	Dir         string       // the data folder, holding CURRENT and the generations
	Live        *Live        // the holder switched
	VerifyTerms int          // sample terms OpenVerified checks
	Log         *slog.Logger // switches and faults; nil: not logged
	Events      WatchEvents  // nil: not told

	mu     sync.Mutex // one Check at a time
	failed string     // the fault reported last, not reported again unless retried
}

// Check switches to the current generation if it is new and reports
// whether it did. retry tries again a generation, or a fault of CURRENT,
// that was reported before (an operator asked). A Check whose ctx ends
// while it opens a generation switches to nothing and reports no fault: the
// caller is stopping, and the generation is tried again at the next Check.
// Check may be called from several goroutines; the calls run one at a time.
func (w *Watcher) Check(ctx context.Context, retry bool) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	current := w.Live.Current().Generation
	name, err := CurrentGeneration(w.Dir)
	if err != nil {
		// The error quotes what CURRENT holds (%q): never raw.
		w.fail("pointer: "+err.Error(), retry, "CURRENT names no generation; still serving the current one",
			slog.String("current", current), slog.Any("error", err))
		return false
	}
	if name == current {
		w.failed = ""
		return false
	}
	if name == w.failed && !retry {
		return false
	}
	start := time.Now()
	ix, err := OpenVerified(ctx, generation.Dir(w.Dir, name), w.VerifyTerms)
	if err == nil && ix.Manifest().Generation == current {
		// OpenVerified refuses a manifest naming another folder, so this
		// is a second guard: swapping in what is served would make the
		// watcher reopen it on every Check.
		ix.Close()
		err = fmt.Errorf("generation %s is the one already served", current)
	}
	if err != nil {
		if ctx.Err() != nil {
			return false // stopping, not a bad generation
		}
		w.fail(name, true, "new generation not switched to; still serving the current one",
			slog.String("generation", name), slog.String("current", current), slog.Any("error", err))
		return false
	}
	w.failed = ""
	// Counted before the switch, so that whoever sees the new generation
	// answer (a test, a monitor reading /readyz then /metrics) also sees
	// the switch counted; Swap cannot fail.
	m := ix.Manifest()
	if w.Events != nil {
		w.Events.Swapped(m)
	}
	old := w.Live.Swap(ix)
	w.logger().Info("switched generation", slog.String("from", old.Generation), slog.String("to", name),
		slog.Int("terms", m.Terms), slog.Duration("open_and_verify", time.Since(start)))
	return true
}

// fail logs and counts a fault identified by key, unless it is the fault
// reported last and report is false.
func (w *Watcher) fail(key string, report bool, msg string, attrs ...any) {
	if key == w.failed && !report {
		return
	}
	w.failed = key
	if w.Events != nil {
		w.Events.Failed()
	}
	w.logger().Error(msg, attrs...)
}

func (w *Watcher) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}
