package generation

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// WriteFile writes the file at path atomically and durably: write fills a
// temporary file beside it (named "." + the file's name + digits), which
// is synced, made mode 0644, renamed over path, and then the folder is
// synced, so that after a crash path holds the old content or the new,
// never part of it, and the new name survives. On an error the temporary
// file is removed and path is left as it was.
func WriteFile(path string, write func(io.Writer) error) error {
	// The temporary file is made in path's folder (renameio would
	// otherwise probe os.TempDir for each file): the rename stays within
	// one file system, and a crash leaves it where its owner cleans up.
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithStaticPermissions(0o644))
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Cleanup()
	if err := write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("replace %s: %w", path, err)
	}
	return SyncDir(filepath.Dir(path))
}

// SyncDir flushes the entries of folder dir to disk: a file renamed or
// created in it survives a crash only once its folder is synced.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
