package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"golang.org/x/sync/errgroup"
)

// tmpPrefix starts the name of a build's temporary folder in the data
// folder.
const tmpPrefix = "tmp-"

// batchSize is the number of terms per bleve batch, each of which becomes
// a segment. With a batch per core in flight, 1,000 kept a 30,000-term
// build's peak memory near 300 MB; 5,000 was no faster and peaked at
// 700 MB.
const batchSize = 1000

// indexTerms indexes terms into idx from one goroutine per core. Bleve
// analyses a batch's documents on several goroutines but turns them into a
// segment on the caller's alone, and that was half of a build: batches
// sent at once build their segments in parallel. A 30,000-term build took
// 7–8 s with batches sent one after the other (docs/performance.md). The
// first failure stops the other goroutines.
func indexTerms(ctx context.Context, idx bleve.Index, terms []*corpus.Term, progress io.Writer) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), (len(terms)+batchSize-1)/batchSize))
	per := (len(terms) + workers - 1) / workers
	var (
		mu   sync.Mutex // progress need not be safe for concurrent use
		done int
	)
	indexed := func(n int) {
		mu.Lock()
		defer mu.Unlock()
		done += n
		fmt.Fprintf(progress, "  indexed %d/%d terms\n", done, len(terms))
	}
	g, ctx := errgroup.WithContext(ctx)
	for w := range workers {
		part := terms[min(w*per, len(terms)):min((w+1)*per, len(terms))]
		g.Go(func() error { return indexBatches(ctx, idx, part, indexed) })
	}
	return g.Wait()
}

// indexBatches indexes terms into idx in batches of batchSize, one after
// the other, calling indexed after each; it stops when ctx is done.
func indexBatches(ctx context.Context, idx bleve.Index, terms []*corpus.Term, indexed func(n int)) error {
	for start := 0; start < len(terms); start += batchSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := terms[start:min(start+batchSize, len(terms))]
		b := idx.NewBatch()
		for _, t := range batch {
			if err := b.Index(t.ID, newDocument(t)); err != nil {
				return fmt.Errorf("index term %s: %w", t.ID, err)
			}
		}
		if err := applyBatch(idx, b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		indexed(len(batch))
	}
	return nil
}

// applyBatch applies b to idx, returning a panic inside bleve as an error: on a
// full disk, zapx can panic in the caller's goroutine (a nil map of a
// segment closed after a failed persist; docs/reliability.md).
func applyBatch(idx bleve.Index, b *bleve.Batch) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("bleve panicked: %v", v)
		}
	}()
	return idx.Batch(b)
}

// ErrLocked is returned when another indexer holds the data folder.
var ErrLocked = errors.New("another indexer is running")

// Options configures Build.
type Options struct {
	// DataDir is the data folder; it is created when missing.
	DataDir string
	// Keep is how many generations to keep, the new one included; at least 1.
	Keep int
	// Progress receives human-readable progress lines; nil means quiet.
	Progress io.Writer
	// Artifacts are written into the generation beside the index and the
	// corpus snapshot, in this order (their names must differ); none
	// means none. cmd/glossary passes search.CompletionArtifact.
	Artifacts []generation.Artifact
}

// Summary reports a finished build.
type Summary struct {
	generation.Manifest
	Path     string        // the generation's folder
	Bytes    int64         // size on disk of the generation
	Duration time.Duration // wall time of the whole build
	Pruned   []string      // generations removed
}

// Build indexes c into a new generation of opts.DataDir and makes it the
// current one. It fails at once with ErrLocked if another indexer is
// running. On any error the current generation and the pointer are left as
// they were; the partial build is removed.
//
// A build is refused up front, with ErrNoSpace, when the data folder's
// file system has less free than about three times the last generation's
// size; a disk that fills during the build stops it with the OS error,
// wrapped in ErrNoSpace too.
func Build(ctx context.Context, c *corpus.Corpus, opts Options) (*Summary, error) {
	sum, err := build(ctx, c, opts)
	return sum, noSpace(err, opts.DataDir)
}

func build(ctx context.Context, c *corpus.Corpus, opts Options) (*Summary, error) {
	start := time.Now()
	if opts.Keep < 1 {
		opts.Keep = 1
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	gensDir := filepath.Join(opts.DataDir, generation.GenerationsDir)
	if err := os.MkdirAll(gensDir, 0o755); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	unlock, err := lock(opts.DataDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := removeLeftovers(opts.DataDir); err != nil {
		return nil, err
	}
	if err := checkSpace(opts.DataDir, gensDir, len(c.Terms)); err != nil {
		return nil, err
	}

	name, err := nextGeneration(gensDir)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(opts.DataDir, tmpPrefix+name+"-")
	if err != nil {
		return nil, fmt.Errorf("create build folder: %w", err)
	}
	sealed := false
	defer func() {
		if !sealed {
			os.RemoveAll(tmp)
		}
	}()

	fmt.Fprintf(progress, "building %s: %d terms, %d roles\n", name, len(c.Terms), len(c.Roles))
	// The corpus snapshot and the artifacts are written beside the index:
	// they need only the corpus, and the index's final merge and copy
	// leave a core idle. The first failure of either stops the other.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := generation.WriteFile(filepath.Join(tmp, generation.CorpusFile), c.WriteSnapshot); err != nil {
			return err
		}
		return writeArtifacts(tmp, c, opts.Artifacts)
	})
	var count uint64
	g.Go(func() (err error) {
		count, err = writeIndex(gctx, filepath.Join(tmp, generation.IndexDir), filepath.Join(tmp, buildDir), c, progress)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sums, err := generation.Checksums(tmp)
	if err != nil {
		return nil, fmt.Errorf("checksum generation %s: %w", name, err)
	}
	m := generation.Manifest{Generation: name, Created: time.Now().UTC(), Terms: len(c.Terms), Roles: len(c.Roles), DocCount: count, Files: sums}
	if err := generation.WriteFile(filepath.Join(tmp, generation.ManifestFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	final := filepath.Join(gensDir, name)
	if err := os.Rename(tmp, final); err != nil {
		return nil, fmt.Errorf("seal generation %s: %w", name, err)
	}
	sealed = true
	if err := generation.SyncDir(gensDir); err != nil {
		return nil, err
	}
	// Read-only once renamed: a folder that is read-only cannot be moved
	// to another parent by its (non-root) owner.
	if err := sealReadOnly(final); err != nil {
		return nil, err
	}
	if err := SetCurrent(opts.DataDir, name); err != nil {
		return nil, err
	}
	pruned, err := prune(gensDir, name, opts.Keep)
	if err != nil {
		return nil, err
	}
	size, err := dirSize(final)
	if err != nil {
		return nil, err
	}
	return &Summary{Manifest: m, Path: final, Bytes: size, Duration: time.Since(start), Pruned: pruned}, nil
}

// buildDir is where a generation's index is built, in its temporary
// folder, before its merged snapshot is copied to IndexDir.
const buildDir = "build"

// writeIndex builds the bleve index in work, merges it to one segment and
// copies that snapshot to dir. Scorch deletes the segment files a merge
// made obsolete in the background, and older snapshots kept for rollback
// still name them, so closing the built index left them behind in about
// one build in three (41.7 instead of 26.5 MB with the imported
// glossaries); bleve's CopyTo writes the current snapshot's segment only.
func writeIndex(ctx context.Context, dir, work string, c *corpus.Corpus, progress io.Writer) (uint64, error) {
	m, err := generation.Mapping()
	if err != nil {
		return 0, err
	}
	// Scorch's merger and persister run in the background and, on an
	// error (a full disk), report it to a callback and retry at once,
	// forever: ForceMerge then never returns. The first such error stops
	// the build: the index is closed, which ends ForceMerge and the
	// retries, and the error is returned.
	asyncErr, unwatch := watchAsyncErrors(work)
	defer unwatch()
	idx, err := bleve.NewUsing(work, m, scorch.Name, scorch.Name, map[string]any{"asyncErrorCallbackName": asyncErrorCallback})
	if err != nil {
		return 0, fmt.Errorf("create index: %w", err)
	}
	type result struct {
		count uint64
		err   error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var merging atomic.Bool
	// A goroutine of its own, not an errgroup: after a background error
	// the build must be able to return while fillIndex is still stuck
	// inside scorch (see below), and errgroup's Wait would wait for it.
	done := make(chan result, 1)
	go func() {
		count, err := fillIndex(ctx, idx, dir, c, progress, &merging)
		done <- result{count, err}
	}()
	var r result
	select {
	case r = <-done:
	case err := <-asyncErr:
		// Stop sending batches, and let those in flight return (the
		// persister fails them) before closing: a batch that reads a
		// segment being closed panics in zapx. ForceMerge, though,
		// returns only once the index is closed.
		cancel()
		if !merging.Load() {
			select {
			case <-done:
			case <-time.After(batchStopGrace):
				// A batch whose snapshot the persister keeps retrying
				// never returns; closing fails it (applyBatch turns a
				// panic into an error).
			}
		}
		idx.Close()
		select {
		case <-done:
		case <-time.After(asyncStopGrace):
			// A call stuck inside scorch is left behind rather than
			// hang the build.
		}
		return 0, fmt.Errorf("build stopped: bleve failed in the background: %w", err)
	}
	if r.err != nil {
		idx.Close()
		select {
		case err := <-asyncErr: // the cause, when a background failure made a batch fail
			return 0, fmt.Errorf("%w (bleve in the background: %w)", r.err, err)
		default:
		}
		return 0, r.err
	}
	if err := idx.Close(); err != nil {
		return 0, fmt.Errorf("close index: %w", err)
	}
	if err := os.RemoveAll(work); err != nil {
		return 0, fmt.Errorf("remove build folder: %w", err)
	}
	return r.count, nil
}

// batchStopGrace is how long a build stopped by a background error waits
// for its batches in flight before closing the index; asyncStopGrace how
// long it then waits for them to return.
const (
	batchStopGrace = 2 * time.Second
	asyncStopGrace = 2 * time.Second
)

// fillIndex indexes c into idx, merges it to one segment and copies that
// snapshot to dir.
func fillIndex(ctx context.Context, idx bleve.Index, dir string, c *corpus.Corpus, progress io.Writer, merging *atomic.Bool) (uint64, error) {
	if err := indexTerms(ctx, idx, c.Terms, progress); err != nil {
		return 0, err
	}
	adv, err := idx.Advanced()
	if err != nil {
		return 0, fmt.Errorf("merge: %w", err)
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		merging.Store(true)
		if err := s.ForceMerge(ctx, nil); err != nil {
			return 0, fmt.Errorf("merge to one segment: %w", err)
		}
	}
	count, err := idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	cp, ok := idx.(bleve.IndexCopyable)
	if !ok {
		return 0, fmt.Errorf("copy merged index: %T cannot be copied", idx)
	}
	if err := cp.CopyTo(bleve.FileSystemDirectory(dir)); err != nil {
		return 0, fmt.Errorf("copy merged index: %w", err)
	}
	return count, nil
}

// lock takes the data folder's indexer lock without waiting.
func lock(dataDir string) (func(), error) {
	path := filepath.Join(dataDir, generation.LockFile)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w on %s (it holds %s); wait for it to finish", ErrLocked, dataDir, path)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

// removeLeftovers deletes build folders a crashed indexer left behind. It
// runs under the lock, so no build is using them.
func removeLeftovers(dataDir string) error {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return fmt.Errorf("read data folder: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tmpPrefix) || strings.HasPrefix(e.Name(), "."+generation.PointerFile) {
			if err := os.RemoveAll(filepath.Join(dataDir, e.Name())); err != nil {
				return fmt.Errorf("remove leftover %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// generations lists sealed generation names, oldest first.
func generations(gensDir string) ([]string, error) {
	entries, err := os.ReadDir(gensDir)
	if err != nil {
		return nil, fmt.Errorf("read generations: %w", err)
	}
	var names []string
	for _, e := range entries {
		if _, ok := genNumber(e.Name()); ok && e.IsDir() {
			names = append(names, e.Name())
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		na, _ := genNumber(a)
		nb, _ := genNumber(b)
		return na - nb
	})
	return names, nil
}

// genNumber returns the number of a generation the indexer made: numbers
// start at 1.
func genNumber(name string) (int, bool) {
	n, ok := generation.Number(name)
	return n, ok && n > 0
}

// nextGeneration names the generation after the newest one, so names sort
// and never go backwards.
func nextGeneration(gensDir string) (string, error) {
	names, err := generations(gensDir)
	if err != nil {
		return "", err
	}
	next := 1
	if len(names) > 0 {
		n, _ := genNumber(names[len(names)-1])
		next = n + 1
	}
	return generation.Name(next), nil
}

// prune removes all but the newest keep generations, never current.
// Readers that still hold a removed generation keep working: its files stay
// mapped until they close it.
func prune(gensDir, current string, keep int) ([]string, error) {
	names, err := generations(gensDir)
	if err != nil {
		return nil, err
	}
	var pruned []string
	for i, name := range names {
		if len(names)-i <= keep || name == current {
			continue
		}
		if err := removeSealed(filepath.Join(gensDir, name)); err != nil {
			return pruned, fmt.Errorf("prune generation %s: %w", name, err)
		}
		pruned = append(pruned, name)
	}
	return pruned, nil
}

// SetCurrent points the data folder at generation name, atomically and
// durably (generation.WriteFile): a reader sees the old name or the new
// one, never a partial file.
func SetCurrent(dataDir, name string) error {
	if err := generation.WriteFile(filepath.Join(dataDir, generation.PointerFile), func(w io.Writer) error {
		_, err := io.WriteString(w, name+"\n")
		return err
	}); err != nil {
		return fmt.Errorf("switch %s to %s: %w", generation.PointerFile, name, err)
	}
	return nil
}

func dirSize(dir string) (int64, error) {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measure %s: %w", dir, err)
	}
	return size, nil
}
