package search_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// The Watcher is tested by calling Check itself, over real generations on
// disk: what a Check did is known when it returns, so that something did
// not happen (no second swap, no second count, no retry without asking)
// is asserted after a given number of Checks, never after a wait.

// events is a search.WatchEvents that records what it is told, in order.
type events struct {
	mu  sync.Mutex
	got []string
}

func (e *events) Swapped(m search.Manifest) { e.add("swapped " + m.Generation) }
func (e *events) Failed()                   { e.add("failed") }

func (e *events) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.got = append(e.got, s)
}

func (e *events) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.got...)
}

// watched is a data folder serving gen-000001, a copy of testIndex's
// generation, with a Watcher over it.
type watched struct {
	t      *testing.T
	data   string
	live   *search.Live
	events *events
	logs   *bytes.Buffer
	w      *search.Watcher
}

func newWatched(t *testing.T) *watched {
	t.Helper()
	f := &watched{t: t, data: t.TempDir(), events: &events{}, logs: &bytes.Buffer{}}
	f.add("gen-000001", nil)
	ix, err := search.OpenVerified(context.Background(), generation.Dir(f.data, "gen-000001"), search.DefaultVerifyTerms)
	if err != nil {
		t.Fatal(err)
	}
	f.live = search.NewLive(ix)
	t.Cleanup(f.live.Close)
	f.w = &search.Watcher{Dir: f.data, Live: f.live, VerifyTerms: search.DefaultVerifyTerms,
		Log: slog.New(slog.NewTextHandler(f.logs, nil)), Events: f.events}
	return f
}

// add copies testIndex's generation into the data folder as generation
// name, its manifest renamed to match, applies damage (if not nil) and
// makes it current.
func (f *watched) add(name string, damage func(gen string)) {
	f.t.Helper()
	gen := generation.Dir(f.data, name)
	copyGeneration(f.t, sharedGeneration(f.t), gen)
	renameManifest(f.t, gen, name)
	if damage != nil {
		damage(gen)
	}
	f.point(name)
}

// point makes generation name current.
func (f *watched) point(name string) {
	f.t.Helper()
	if err := indexer.SetCurrent(f.data, name); err != nil {
		f.t.Fatal(err)
	}
}

// check calls Check n times and returns how many of them swapped.
func (f *watched) check(n int, retry bool) int {
	f.t.Helper()
	swaps := 0
	for range n {
		if f.w.Check(context.Background(), retry) {
			swaps++
		}
	}
	return swaps
}

// serving fails the test unless generation name is the one served.
func (f *watched) serving(name string) {
	f.t.Helper()
	if got := f.live.Current().Generation; got != name {
		f.t.Errorf("serving %s; want %s", got, name)
	}
}

// wantEvents fails the test unless the events so far are want.
func (f *watched) wantEvents(want ...string) {
	f.t.Helper()
	if diff := cmp.Diff(want, f.events.list()); diff != "" {
		f.t.Errorf("events (-want +got):\n%s", diff)
	}
}

// errorLines returns the error-level lines logged so far.
func (f *watched) errorLines() []string {
	var out []string
	for _, line := range strings.Split(f.logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			out = append(out, line)
		}
	}
	return out
}

func TestWatcherSwitchesToANewGenerationOnce(t *testing.T) {
	f := newWatched(t)
	open := search.OpenIndexes()
	if n := f.check(3, false) + f.check(1, true); n != 0 {
		t.Errorf("%d swaps with CURRENT naming the generation served; want 0", n)
	}
	f.wantEvents()

	f.add("gen-000002", nil)
	if n := f.check(1, false); n != 1 {
		t.Fatalf("Check after a new generation swapped %d times; want 1", n)
	}
	f.serving("gen-000002")
	f.wantEvents("swapped gen-000002")
	if !strings.Contains(f.logs.String(), "msg=\"switched generation\" from=gen-000001 to=gen-000002 terms=17") {
		t.Errorf("logs lack the switch:\n%s", f.logs)
	}
	// The same generation is not swapped in again, by a tick or a retry.
	if n := f.check(5, false) + f.check(2, true); n != 0 {
		t.Errorf("%d more swaps of the generation already served; want 0", n)
	}
	f.wantEvents("swapped gen-000002")
	if got := search.OpenIndexes(); got != open {
		t.Errorf("OpenIndexes = %d after the swap; want %d (the replaced one closed)", got, open)
	}
	if lines := f.errorLines(); len(lines) != 0 {
		t.Errorf("errors logged: %q", lines)
	}
}

func TestWatcherConcurrentChecksSwapOnce(t *testing.T) {
	t.Parallel()
	f := newWatched(t)
	f.w.Log = nil // not logged: the buffer is not safe for concurrent writes
	f.add("gen-000002", nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	swaps := 0
	for range 4 {
		wg.Go(func() {
			if f.w.Check(context.Background(), false) {
				mu.Lock()
				swaps++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if swaps != 1 {
		t.Errorf("4 concurrent Checks swapped %d times; want 1", swaps)
	}
	f.serving("gen-000002")
	f.wantEvents("swapped gen-000002")
}

// TestWatcherRetriesAFailedGenerationWhenAsked: a generation that fails is
// logged and counted once, however often Check runs, and tried again only
// by a retry or when CURRENT names it anew. (This is the check that
// cmd/glossary's TestServeRefusesBadGeneration made by waiting ten watch
// intervals.)
func TestWatcherRetriesAFailedGenerationWhenAsked(t *testing.T) {
	t.Parallel()
	f := newWatched(t)
	f.add("gen-000002", func(gen string) { mustRemove(t, segment(t, gen)) })
	if n := f.check(5, false); n != 0 {
		t.Fatalf("a damaged generation was swapped in %d times", n)
	}
	f.serving("gen-000001")
	f.wantEvents("failed")
	lines := f.errorLines()
	if len(lines) != 1 || !strings.Contains(lines[0], `msg="new generation not switched to; still serving the current one" generation=gen-000002 current=gen-000001`) || !strings.Contains(lines[0], "is missing") {
		t.Errorf("error lines %q; want one naming gen-000002 and the missing segment", lines)
	}

	// A retry reports the fault again while it lasts.
	f.check(1, true)
	f.wantEvents("failed", "failed")

	// Repaired, it is not retried on its own...
	if err := os.RemoveAll(generation.Dir(f.data, "gen-000002")); err != nil {
		t.Fatal(err)
	}
	f.add("gen-000002", nil)
	if n := f.check(5, false); n != 0 {
		t.Errorf("a generation that failed was swapped in %d times without a retry; want 0", n)
	}
	f.serving("gen-000001")
	f.wantEvents("failed", "failed")
	// ...but a retry takes it.
	if n := f.check(1, true); n != 1 {
		t.Fatalf("retry swapped %d times; want 1", n)
	}
	f.serving("gen-000002")
	f.wantEvents("failed", "failed", "swapped gen-000002")
}

func TestWatcherTriesAFailedGenerationNamedAnew(t *testing.T) {
	t.Parallel()
	f := newWatched(t)
	f.add("gen-000002", func(gen string) { mustRemove(t, segment(t, gen)) })
	f.check(2, false)
	// CURRENT back at the generation served: the fault is over.
	f.point("gen-000001")
	f.check(2, false)
	// Named again, the damaged one is tried (and reported) again.
	f.point("gen-000002")
	f.check(2, false)
	// Another damaged generation is another fault.
	f.add("gen-000003", func(gen string) { mustRemove(t, filepath.Join(gen, "manifest.json")) })
	f.check(2, false)
	f.wantEvents("failed", "failed", "failed")
	f.serving("gen-000001")
	if lines := f.errorLines(); len(lines) != 3 || !strings.Contains(lines[2], "generation=gen-000003") {
		t.Errorf("error lines %q; want three, the last for gen-000003", lines)
	}
}

// TestWatcherReportsInvalidPointers makes CURRENT invalid in every way
// issue 19 found: each fault is logged at error level and counted once,
// however often Check runs, and again when retried; what CURRENT holds is
// quoted, never logged raw.
func TestWatcherReportsInvalidPointers(t *testing.T) {
	t.Parallel()
	f := newWatched(t)
	pointer := filepath.Join(f.data, "CURRENT")
	faults := []struct {
		name string
		set  func()
		log  string
	}{
		{"garbage with a terminal escape", func() { writePointer(t, f.data, "\x1b[31mred\x07\n") }, `\"\\x1b[31mred\\a\"`},
		{"empty", func() { writePointer(t, f.data, "") }, `names no valid generation: \"\"`},
		{"a relative path", func() { writePointer(t, f.data, "../x\n") }, `\"../x\"`},
		{"an absolute path", func() { writePointer(t, f.data, "/etc\n") }, `\"/etc\"`},
		{"a generation that does not exist", func() { writePointer(t, f.data, "gen-000042\n") }, "generation=gen-000042"},
		{"deleted", func() { mustRemove(t, pointer) }, "no index generation"},
		{"a directory", func() {
			if err := os.Mkdir(pointer, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "is a directory"},
	}
	var want []string
	for _, tt := range faults {
		tt.set()
		before := len(f.errorLines())
		if n := f.check(4, false); n != 0 {
			t.Fatalf("%s: swapped %d times", tt.name, n)
		}
		want = append(want, "failed")
		f.wantEvents(want...)
		lines := f.errorLines()[before:]
		if len(lines) != 1 || !strings.Contains(lines[0], tt.log) || !strings.Contains(lines[0], "still serving the current one") {
			t.Errorf("%s: error lines %q; want one with %q", tt.name, lines, tt.log)
		}
		f.check(1, true)
		want = append(want, "failed")
		f.wantEvents(want...)
		f.serving("gen-000001")
	}
	if strings.Contains(f.logs.String(), "\x1b") {
		t.Errorf("logs hold a raw escape character:\n%q", f.logs)
	}

	// Pointed at the generation served again, nothing more is reported.
	if err := os.Remove(pointer); err != nil {
		t.Fatal(err)
	}
	f.point("gen-000001")
	f.check(3, false)
	f.wantEvents(want...)
}

// TestWatcherRefusesACopiedGeneration: a folder copied with its manifest
// (cp -a gen-000001 gen-000005) and made current is refused once, never
// swapped in (clients would see generations go backwards, and it would be
// reopened on every Check); a real new generation is taken afterwards.
func TestWatcherRefusesACopiedGeneration(t *testing.T) {
	t.Parallel()
	f := newWatched(t)
	copyGeneration(t, generation.Dir(f.data, "gen-000001"), generation.Dir(f.data, "gen-000005"))
	f.point("gen-000005")
	if n := f.check(5, false); n != 0 {
		t.Fatalf("the copy was swapped in %d times", n)
	}
	f.serving("gen-000001")
	lines := f.errorLines()
	if len(lines) != 1 || !strings.Contains(lines[0], "generation=gen-000005") || !strings.Contains(lines[0], `names generation \"gen-000001\", not the folder it is in`) {
		t.Errorf("error lines %q; want one naming the manifest as another generation's", lines)
	}
	f.add("gen-000006", nil)
	if n := f.check(3, false); n != 1 {
		t.Errorf("%d swaps to a new generation after the copy; want 1", n)
	}
	f.wantEvents("failed", "swapped gen-000006")
}

// cancelledOnUse is a context that is cancelled the first time it is
// asked whether it is: as if its owner stopped while a Check was opening a
// generation, wherever the open first looks.
type cancelledOnUse struct {
	context.Context
	cancel context.CancelFunc
	once   sync.Once
}

func newCancelledOnUse() *cancelledOnUse {
	ctx, cancel := context.WithCancel(context.Background())
	return &cancelledOnUse{Context: ctx, cancel: cancel}
}

func (c *cancelledOnUse) Done() <-chan struct{} { c.once.Do(c.cancel); return c.Context.Done() }
func (c *cancelledOnUse) Err() error            { c.once.Do(c.cancel); return c.Context.Err() }

// TestWatcherCancelledOpenIsNoFailure: a Check stopped while it opens a
// generation swaps nothing and reports nothing, closes what it opened, and
// leaves the generation to the next Check.
func TestWatcherCancelledOpenIsNoFailure(t *testing.T) {
	f := newWatched(t)
	open := search.OpenIndexes()
	f.add("gen-000002", nil)
	if f.w.Check(newCancelledOnUse(), false) {
		t.Fatal("a cancelled Check swapped")
	}
	f.serving("gen-000001")
	f.wantEvents()
	if lines := f.errorLines(); len(lines) != 0 {
		t.Errorf("a cancelled Check logged errors: %q", lines)
	}
	if got := search.OpenIndexes(); got != open {
		t.Errorf("OpenIndexes = %d after a cancelled Check; want %d", got, open)
	}
	if n := f.check(1, false); n != 1 {
		t.Errorf("the next Check swapped %d times; want 1 (not remembered as failed)", n)
	}
	f.wantEvents("swapped gen-000002")
}

// sharedGeneration returns the folder of testIndex's generation.
func sharedGeneration(t *testing.T) string {
	t.Helper()
	return generation.Dir(curatedBuilt.dir, testIndex(t).Manifest().Generation)
}

// copyGeneration copies the generation folder src to dst, writable.
func copyGeneration(t *testing.T, src, dst string) {
	t.Helper()
	// os.CopyFS makes the copies writable (0666 less the umask) from
	// sealed, read-only originals.
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// renameManifest makes the manifest of the generation in gen name it.
func renameManifest(t *testing.T, gen, name string) {
	t.Helper()
	path := filepath.Join(gen, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := filepath.Base(sharedGeneration(t))
	s := strings.Replace(string(b), `"generation": "`+old+`"`, `"generation": "`+name+`"`, 1)
	if s == string(b) && name != old {
		t.Fatalf("%s names no generation %s", path, old)
	}
	mustWrite(t, path, []byte(s))
}

// writePointer replaces CURRENT with content atomically, as an operator's
// editor or script might.
func writePointer(t *testing.T, data, content string) {
	t.Helper()
	tmp := filepath.Join(data, "pointer.tmp")
	mustWrite(t, tmp, []byte(content))
	if err := os.Rename(tmp, filepath.Join(data, "CURRENT")); err != nil {
		t.Fatal(err)
	}
}
