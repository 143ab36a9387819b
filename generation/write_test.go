package generation_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/glossary/glossary/generation"
)

// TestWriteFile: the file gets the new content with mode 0644, or keeps
// its old content when writing fails; no temporary file is left either
// way.
func TestWriteFile(t *testing.T) {
	errWrite := errors.New("disk on fire")
	tests := []struct {
		name    string
		old     string // "" means no file before
		write   func(io.Writer) error
		want    string
		wantErr error
	}{
		{"new file", "", writeString("fresh\n"), "fresh\n", nil},
		{"replaces", "old\n", writeString("new\n"), "new\n", nil},
		{"failed write keeps the old content", "old\n", func(w io.Writer) error {
			io.WriteString(w, "half")
			return errWrite
		}, "old\n", errWrite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.json")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := generation.WriteFile(path, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("WriteFile = %v; want %v", err, tt.wantErr)
			}
			b, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if string(b) != tt.want {
				t.Errorf("content = %q; want %q", b, tt.want)
			}
			if info, err := os.Stat(path); err != nil {
				t.Fatal(err)
			} else if tt.wantErr == nil && info.Mode().Perm() != 0o644 {
				t.Errorf("mode = %v; want -rw-r--r--", info.Mode().Perm())
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries; want only f.json (no temporary file left)", len(entries))
			}
		})
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// TestWriteFileInMissingFolder fails and names the file.
func TestWriteFileInMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "f.json")
	err := generation.WriteFile(path, writeString("x"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("WriteFile(%q) = %v; want an error wrapping os.ErrNotExist", path, err)
	}
}
