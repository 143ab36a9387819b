package indexer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A full disk used to hang or kill a build: scorch retries a failed merge
// at once and forever, and a retry after a failed persist can panic in
// zapx (docs/reliability.md says why). Build therefore refuses to start
// without room for it, and stops at the first error scorch reports from
// its background merger or persister.

// ErrNoSpace is returned (wrapped) when the data folder's file system has
// too little free space for a build, before it starts or during it.
var ErrNoSpace = errors.New("not enough free space")

// spaceFactor is how many times the size of the last generation a build
// needs free: the unmerged segments, the merged one and its copy into the
// generation exist at once, beside the corpus snapshot and the artifacts.
const spaceFactor = 3

// bytesPerTerm estimates a generation's size when there is none yet: the
// dictd generation holds 1.6 kB per term (33.7 MB for 21,388 terms).
const bytesPerTerm = 2 << 10

// freeBytes returns the space available to this user on dir's file system.
func freeBytes(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// checkSpace refuses a build of terms terms into dataDir when its file
// system has less than spaceFactor times the newest generation's size
// free (or, with no generation yet, an estimate from the number of terms).
func checkSpace(dataDir, gensDir string, terms int) error {
	need, basis := int64(terms)*bytesPerTerm, fmt.Sprintf("%d terms at about %d kB each", terms, bytesPerTerm>>10)
	names, err := generations(gensDir)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		last := names[len(names)-1]
		size, err := dirSize(filepath.Join(gensDir, last))
		if err != nil {
			return err
		}
		need, basis = size, "the size of "+last
	}
	need *= spaceFactor
	free, err := freeBytes(dataDir)
	if err != nil {
		return err
	}
	if free < need {
		return fmt.Errorf("%w in %s to build a generation: %s free, about %s needed (%d × %s); free some space (or lower keep_generations) and run glossary index again; the served generation is untouched",
			ErrNoSpace, dataDir, mb(free), mb(need), spaceFactor, basis)
	}
	return nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// noSpace adds the free space and what to do to an error caused by a full
// disk (ENOSPC), wrapping ErrNoSpace; other errors are returned as they are.
func noSpace(err error, dataDir string) error {
	if err == nil || errors.Is(err, ErrNoSpace) {
		return err
	}
	if !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), syscall.ENOSPC.Error()) {
		return err
	}
	free := "unknown"
	if n, ferr := freeBytes(dataDir); ferr == nil {
		free = mb(n)
	}
	return fmt.Errorf("%w in %s: the disk filled up during the build (%s free once its folder was removed); the build was stopped, the served generation is untouched; free some space and run glossary index again: %w",
		ErrNoSpace, dataDir, free, err)
}

// asyncErrors routes the errors scorch reports from its background
// goroutines to the build whose index they concern: index folder -> chan
// error (buffered, the first error kept).
var asyncErrors sync.Map

// asyncErrorCallback names our callback in scorch's registry.
const asyncErrorCallback = "glossary-indexer"

func init() {
	// bleve reads its registry without a lock, so it must be filled
	// before any index is opened: hence init, the one place that is
	// sure to be before.
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		watched := false
		asyncErrors.Range(func(k, v any) bool {
			dir := k.(string)
			if path == dir || strings.HasPrefix(path, dir+string(os.PathSeparator)) {
				watched = true
				select {
				case v.(chan error) <- err:
				default: // the first one is kept
				}
				return false
			}
			return true
		})
		// A failed persist or merge is retried at once by the goroutine
		// that reports it, and the retry reuses segments the failure
		// closed: zapx then panics (a nil map) in a goroutine of its
		// own, where nothing can recover it, and takes the process down.
		// So for a build that is watching, that goroutine ends here: the
		// build stops on the error anyway. Both reporters (scorch's
		// persisterLoop and mergerLoop) hold no lock at that point, and
		// their deferred clean-up (asyncTasks.Done) runs on Goexit, so
		// closing the index still completes. Panics that scorch recovered
		// are reported from inside a deferred function, where Goexit
		// would skip that clean-up: those are only passed on.
		var se *scorch.ScorchError
		if watched && errors.As(err, &se) && se.ErrType == scorch.ErrPersist {
			runtime.Goexit()
		}
	}
}

// watchAsyncErrors returns the channel that receives the first error
// scorch reports for the index in dir, and the function that stops
// watching.
func watchAsyncErrors(dir string) (<-chan error, func()) {
	ch := make(chan error, 1)
	asyncErrors.Store(dir, ch)
	return ch, func() { asyncErrors.Delete(dir) }
}
