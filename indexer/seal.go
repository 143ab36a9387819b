package indexer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// sealReadOnly makes the files (0444) and folders (0555) of a sealed
// generation read-only, so that an operator's truncate or editor fails
// rather than changing a segment a server has memory-mapped (which would
// kill it with SIGBUS). Root ignores the modes; it is a guard against
// mistakes, not a lock.
func sealReadOnly(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Chmod(p, 0o444)
	})
	// Folders last, deepest first: a read-only folder's entries cannot
	// be changed by its owner.
	for _, d := range slices.Backward(dirs) {
		if err == nil {
			err = os.Chmod(d, 0o555)
		}
	}
	if err != nil {
		return fmt.Errorf("make %s read-only: %w", dir, err)
	}
	return nil
}

// removeSealed removes a sealed generation, whose folders are read-only.
func removeSealed(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chmod(p, 0o755)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.RemoveAll(dir)
}
