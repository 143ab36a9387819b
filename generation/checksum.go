package generation

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Checksums guard a sealed generation against damage on disk: the indexer
// records the SHA-256 of every file in the manifest (Checksums), and
// CheckGeneration recomputes them (and the CRC32 footer of each zap
// segment) before a generation is served.

// FileSum records one file of a generation as it was sealed.
type FileSum struct {
	// Path is slash-separated and relative to the generation's folder.
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // lower-case hex
}

// ErrDamaged wraps every failure of CheckGeneration: a file that differs
// from what was sealed, a missing or extra file, a zap segment whose
// footer checksum fails, or a manifest that does not describe its folder.
var ErrDamaged = errors.New("generation damaged")

// zapFooterCRC is the size of the CRC32 that ends a zap segment. zapx
// (v15 and v16 alike, see their write.go persistFooter) ends a segment
// with a footer whose last field is the big-endian IEEE CRC32 of every
// byte of the file before it; zapx stores it on open (Segment.CRC) but
// never checks it, so we do.
const zapFooterCRC = 4

// zapSuffix names the segment files of a scorch index.
const zapSuffix = ".zap"

// CheckGeneration checks the sealed generation in dir against its
// manifest and returns the manifest: the manifest names the folder it is
// in (a copied folder is refused), it records checksums, every file it
// records is there with that size and SHA-256, no other file is, and every
// zap segment's footer CRC32 holds. Files are read once each, several at a
// time. Errors wrap ErrDamaged and name the file.
//
// A manifest without checksums (sealed before they were recorded) is
// refused too: nothing would show that its files are whole.
func CheckGeneration(dir string) (Manifest, error) {
	var m Manifest
	if _, err := os.Stat(dir); err != nil {
		return m, fmt.Errorf("generation folder: %w", err) // missing, not damaged
	}
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%w: %s: decode %s: %w", ErrDamaged, dir, ManifestFile, err)
	}
	if base := filepath.Base(dir); m.Generation != base {
		return m, fmt.Errorf("%w: %s: its %s names generation %q, not the folder it is in (a copied folder? build a new generation with glossary index)",
			ErrDamaged, dir, ManifestFile, m.Generation)
	}
	if len(m.Files) == 0 {
		return m, fmt.Errorf("%w: %s: its %s records no checksums (sealed by an older glossary); build a new generation with glossary index",
			ErrDamaged, dir, ManifestFile)
	}
	found, err := listFiles(dir)
	if err != nil {
		return m, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	want := make(map[string]FileSum, len(m.Files))
	for _, f := range m.Files {
		want[f.Path] = f
	}
	for _, p := range found {
		if _, ok := want[p]; !ok {
			return m, fmt.Errorf("%w: %s: %s was not sealed with the generation", ErrDamaged, dir, p)
		}
	}
	for _, f := range m.Files {
		if !slices.Contains(found, f.Path) {
			return m, fmt.Errorf("%w: %s: %s is missing", ErrDamaged, dir, f.Path)
		}
	}
	sums, err := sumFiles(dir, m.Files)
	if err != nil {
		return m, fmt.Errorf("%w: %s: %w", ErrDamaged, dir, err)
	}
	for i, got := range sums {
		if f := m.Files[i]; got != f {
			if got.Size != f.Size {
				return m, fmt.Errorf("%w: %s: %s has %d bytes, sealed with %d", ErrDamaged, dir, f.Path, got.Size, f.Size)
			}
			return m, fmt.Errorf("%w: %s: %s has SHA-256 %s, sealed with %s", ErrDamaged, dir, f.Path, got.SHA256, f.SHA256)
		}
	}
	return m, nil
}

// listFiles returns the slash-separated paths of the files under dir,
// manifest.json excepted, sorted. Anything but a regular file or a folder
// (a symbolic link, say) is an error: a sealed generation holds none.
func listFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: %s is not a regular file", dir, rel)
		}
		if rel != ManifestFile {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	slices.Sort(out)
	return out, nil
}

// Checksums returns the checksums of every file under dir (which must not
// hold a manifest yet), after checking each zap segment's footer: a
// segment damaged while it was built is not sealed.
func Checksums(dir string) ([]FileSum, error) {
	paths, err := listFiles(dir)
	if err != nil {
		return nil, err
	}
	files := make([]FileSum, len(paths))
	for i, p := range paths {
		files[i].Path = p
		if info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			files[i].Size = info.Size() // for the order of reading only
		}
	}
	return sumFiles(dir, files)
}

// sumFiles computes the size and SHA-256 of each of files (by Path) in
// dir, and checks the footer CRC32 of zap segments, reading the biggest
// files first on one goroutine per core.
func sumFiles(dir string, files []FileSum) ([]FileSum, error) {
	out := make([]FileSum, len(files))
	errs := make([]error, len(files))
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(files[b].Size, files[a].Size) })
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for _, i := range order {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = sumFile(dir, files[i].Path)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// sumFile reads the file rel of dir once, computing its SHA-256 and, for a
// zap segment, checking its footer CRC32.
func sumFile(dir, rel string) (FileSum, error) {
	sum := FileSum{Path: rel}
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return sum, err
	}
	defer f.Close()
	sha := sha256.New()
	var w io.Writer = sha
	var crc *holdBack
	if strings.HasSuffix(path.Base(rel), zapSuffix) {
		crc = &holdBack{h: crc32.NewIEEE()}
		w = io.MultiWriter(sha, crc)
	}
	n, err := io.CopyBuffer(w, f, make([]byte, 1<<20))
	if err != nil {
		return sum, fmt.Errorf("read %s: %w", rel, err)
	}
	sum.Size, sum.SHA256 = n, hex.EncodeToString(sha.Sum(nil))
	if crc != nil {
		if err := crc.check(); err != nil {
			return sum, fmt.Errorf("%s: %w", rel, err)
		}
	}
	return sum, nil
}

// holdBack feeds a hash every byte written to it except the last
// zapFooterCRC, which it keeps: the CRC32 a zap segment ends with covers
// everything before it.
type holdBack struct {
	h    hash.Hash32
	tail []byte
	n    int64
}

func (b *holdBack) Write(p []byte) (int, error) {
	b.n += int64(len(p))
	if len(b.tail)+len(p) <= zapFooterCRC {
		b.tail = append(b.tail, p...)
		return len(p), nil
	}
	// Flush what of the kept tail is no longer among the last bytes.
	if keep := max(0, zapFooterCRC-len(p)); len(b.tail) > keep {
		b.h.Write(b.tail[:len(b.tail)-keep])
		b.tail = append(b.tail[:0], b.tail[len(b.tail)-keep:]...)
	}
	cut := max(0, len(p)-zapFooterCRC)
	b.h.Write(p[:cut])
	b.tail = append(b.tail, p[cut:]...)
	return len(p), nil
}

// check compares the stored CRC32 with the computed one.
func (b *holdBack) check() error {
	if len(b.tail) < zapFooterCRC {
		return fmt.Errorf("zap segment of %d bytes is shorter than its footer", b.n)
	}
	stored := binary.BigEndian.Uint32(b.tail)
	if got := b.h.Sum32(); got != stored {
		return fmt.Errorf("zap footer CRC32 is %#08x but the segment's content gives %#08x", stored, got)
	}
	return nil
}
