package dictd

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"
)

// Database is a dictd database read into memory: its metadata and its
// entries in the order of the index.
type Database struct {
	// Info holds the metadata entries ("00-database-short", "-url",
	// "-info"), by the name after the prefix: "short", "url", "info".
	Info map[string]string
	// Entries are the database's articles. Index lines pointing to the
	// same article are one entry with several keys.
	Entries []Article
	// Problems are index lines that could not be read, with why.
	Problems []Problem

	// What Incomplete judges by.
	cut      bool   // the index's last line has no newline
	lines    int    // index lines with three columns
	outside  int    // of them, those pointing past the end of the data
	covered  uint64 // bytes of the data that some index line points at
	dataSize uint64
}

// MinCoverage is the share of a database's data that its index must point
// at, and MaxOutside the share of its index lines that may point past the
// end of the data, for Incomplete to take the database as whole. dictfmt
// writes the data as the articles one after another and an index line for
// each, so Debian's FOLDOC, Jargon File and V.E.R.A. indexes point at 100 %
// of their data and never past it; an index cut at half points at about
// half of it, a data file cut at half leaves about half the lines pointing
// past its end.
const (
	MinCoverage = 0.90
	MaxOutside  = 0.10
)

// Incomplete tells whether the database looks truncated, and why: an
// index whose last line is cut (dictfmt ends every line with a newline),
// an index that points at less than MinCoverage of the data (the index
// was cut at a line's end), or more than MaxOutside of the index lines
// pointing past the end of the data (the data was cut). It returns nil
// for a database that looks whole.
func (db *Database) Incomplete() error {
	var errs []error
	if db.cut {
		errs = append(errs, errors.New("the index's last line is cut (the file does not end with a newline): the .index file looks truncated"))
	}
	if db.dataSize > 0 && float64(db.covered) < MinCoverage*float64(db.dataSize) {
		errs = append(errs, fmt.Errorf("the index points at %.0f %% of the data's %d bytes, where a whole index points at all of them: the .index file looks truncated",
			100*float64(db.covered)/float64(db.dataSize), db.dataSize))
	}
	if db.lines > 0 && float64(db.outside) > MaxOutside*float64(db.lines) {
		errs = append(errs, fmt.Errorf("%d of %d index lines point past the end of the data (%d bytes): the data file looks truncated", db.outside, db.lines, db.dataSize))
	}
	return errors.Join(errs...)
}

// Article is one article of a dictd database.
type Article struct {
	Keys []string // the index headwords that point to it, in index order
	Body string   // its text, starting with the headword line
}

// Problem is an index line or article that was skipped, with the reason.
type Problem struct {
	Headword string `json:"headword"`
	Reason   string `json:"reason"`
}

// maxArticle bounds the size of one article: the longest FOLDOC entry is
// under 40 KB, so anything larger is a damaged index.
const maxArticle = 1 << 20

// Open reads the dictd database at base: base.index, and base.dict or
// base.dict.dz. base may also name the .index file itself.
func Open(base string) (*Database, error) {
	base = strings.TrimSuffix(base, ".index")
	index, err := os.ReadFile(base + ".index")
	if err != nil {
		return nil, fmt.Errorf("read dictd index: %w", err)
	}
	data, err := readDict(base)
	if err != nil {
		return nil, err
	}
	return Parse(index, data)
}

// readDict reads base.dict, or else decompresses base.dict.dz: dictzip
// files are gzip files with a random-access table in an extra header
// field, which compress/gzip ignores.
func readDict(base string) ([]byte, error) {
	data, err := os.ReadFile(base + ".dict")
	if err == nil {
		return data, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read dictd data: %w", err)
	}
	f, err := os.Open(base + ".dict.dz")
	if err != nil {
		return nil, fmt.Errorf("read dictd data: no %s.dict, and %w", base, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("decompress %s.dict.dz: %w", base, err)
	}
	data, err = io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("decompress %s.dict.dz: %w", base, err)
	}
	return data, nil
}

// Parse reads a database from the contents of its index and data files.
// A malformed index line, a last line cut short (no newline at the end)
// or an article outside the data is recorded in Problems and skipped; only
// an index with no readable line is an error. Whether what was read looks
// truncated is for Incomplete to say.
func Parse(index, data []byte) (*Database, error) {
	db := &Database{Info: map[string]string{}}
	at := map[span]int{} // article -> position in Entries
	lines := bytes.Split(index, []byte("\n"))
	if last := len(lines) - 1; len(lines[last]) > 0 {
		// No newline at the end: the last line was cut, and a cut line
		// may still read as numbers, shorter than they were.
		head, _, _ := strings.Cut(string(lines[last]), "\t")
		db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d is cut: the index does not end with a newline", last+1)})
		db.cut = true
		lines = lines[:last]
	}
	db.dataSize = uint64(len(data))
	var spans []span // of the lines that point into the data
	read := 0
	for i, line := range lines {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			continue
		}
		cols := strings.Split(string(line), "\t")
		head := cols[0]
		if len(cols) >= 3 {
			db.lines++
		}
		if len(cols) < 3 {
			db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d has %d tab-separated columns; want 3", i+1, len(cols))})
			continue
		}
		off, err1 := decodeNumber(cols[1])
		n, err2 := decodeNumber(cols[2])
		if err := errors.Join(err1, err2); err != nil {
			db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d: %v", i+1, err)})
			continue
		}
		if n <= maxArticle && (off > uint64(len(data)) || n > uint64(len(data))-off) {
			db.outside++
		}
		if n > maxArticle || off > uint64(len(data)) || n > uint64(len(data))-off {
			db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d points outside the data (offset %d, length %d, data %d bytes)", i+1, off, n, len(data))})
			continue
		}
		read++
		spans = append(spans, span{off, n})
		body := data[off : off+n]
		if name, ok := metaName(head); ok {
			db.Info[name] = strings.TrimSpace(string(body))
			continue
		}
		if !utf8.Valid(body) {
			db.Problems = append(db.Problems, Problem{head, "article is not valid UTF-8"})
			continue
		}
		s := span{off, n}
		if j, ok := at[s]; ok {
			db.Entries[j].Keys = append(db.Entries[j].Keys, head)
			continue
		}
		at[s] = len(db.Entries)
		db.Entries = append(db.Entries, Article{Keys: []string{head}, Body: string(body)})
	}
	if read == 0 {
		return nil, fmt.Errorf("dictd index has no readable line (%d problems)", len(db.Problems))
	}
	db.covered = coverage(spans)
	return db, nil
}

// coverage is how many bytes the union of spans covers.
func coverage(spans []span) uint64 {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.off, b.off) })
	var covered, end uint64
	for _, s := range spans {
		end = max(end, s.off)
		if e := s.off + s.n; e > end {
			covered += e - end
			end = e
		}
	}
	return covered
}

// span is an article's place in the data.
type span struct{ off, n uint64 }

// metaName recognises dictd's metadata headwords: "00-database-short", or
// "00databaseshort" as older dictfmt versions wrote them.
func metaName(head string) (string, bool) {
	for _, p := range []string{"00-database-", "00database"} {
		if rest, ok := strings.CutPrefix(head, p); ok {
			return rest, true
		}
	}
	return "", false
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// decodeNumber reads a dictd index number: base 64, most significant digit
// first, with the digits of base64 encoding.
func decodeNumber(s string) (uint64, error) {
	if s == "" || len(s) > 10 {
		return 0, fmt.Errorf("bad number %q", s)
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(b64, s[i])
		if d < 0 {
			return 0, fmt.Errorf("bad number %q", s)
		}
		n = n<<6 | uint64(d)
	}
	return n, nil
}
