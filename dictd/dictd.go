package dictd

import (
	"bytes"
	"cmp"
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
// base.dict.dz. base may also name the .index file itself. Only the
// articles the index points at are read, a dictzip file's chunks as they
// are needed (see openData); an index over MaxIndexBytes or data over
// MaxDataBytes is refused.
func Open(base string) (*Database, error) {
	base = strings.TrimSuffix(base, ".index")
	index, err := readIndex(base + ".index")
	if err != nil {
		return nil, err
	}
	data, closeData, err := openData(base)
	if err != nil {
		return nil, err
	}
	defer closeData()
	return parse(index, data)
}

// readIndex reads an index file of at most MaxIndexBytes.
func readIndex(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read dictd index: %w", err)
	}
	defer f.Close()
	index, err := io.ReadAll(io.LimitReader(f, MaxIndexBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read dictd index: %w", err)
	}
	if len(index) > MaxIndexBytes {
		return nil, fmt.Errorf("read dictd index: %s is over the limit of %d MiB", name, MaxIndexBytes>>20)
	}
	return index, nil
}

// Parse reads a database from the contents of its index and data files.
// A malformed index line, a last line cut short (no newline at the end)
// or an article outside the data is recorded in Problems and skipped; only
// an index with no readable line is an error. Whether what was read looks
// truncated is for Incomplete to say.
func Parse(index, data []byte) (*Database, error) {
	return parse(index, bytes.NewReader(data))
}

// indexLine is an index line read: the article it points at, or why it
// cannot be read.
type indexLine struct {
	head    string
	at      span
	problem string
}

func parse(index []byte, data dataFile) (*Database, error) {
	db := &Database{Info: map[string]string{}}
	lines := bytes.Split(index, []byte("\n"))
	if last := len(lines) - 1; len(lines[last]) > 0 {
		// No newline at the end: the last line was cut, and a cut line
		// may still read as numbers, shorter than they were.
		head, _, _ := strings.Cut(string(lines[last]), "\t")
		db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d is cut: the index does not end with a newline", last+1)})
		db.cut = true
		lines = lines[:last]
	}
	size := uint64(data.Size())
	db.dataSize = size
	var items []indexLine // in index order
	var spans []span      // of the lines that point into the data
	for i, line := range lines {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			continue
		}
		cols := strings.Split(string(line), "\t")
		head := cols[0]
		if len(cols) < 3 {
			items = append(items, indexLine{head: head, problem: fmt.Sprintf("index line %d has %d tab-separated columns; want 3", i+1, len(cols))})
			continue
		}
		db.lines++
		off, err1 := decodeNumber(cols[1])
		n, err2 := decodeNumber(cols[2])
		if err := errors.Join(err1, err2); err != nil {
			items = append(items, indexLine{head: head, problem: fmt.Sprintf("index line %d: %v", i+1, err)})
			continue
		}
		outside := off > size || n > size-off
		if n <= maxArticle && outside {
			db.outside++
		}
		if n > maxArticle || outside {
			items = append(items, indexLine{head: head, problem: fmt.Sprintf("index line %d points outside the data (offset %d, length %d, data %d bytes)", i+1, off, n, size)})
			continue
		}
		items = append(items, indexLine{head: head, at: span{off, n}})
		spans = append(spans, span{off, n})
	}
	if len(spans) == 0 {
		for _, it := range items {
			db.Problems = append(db.Problems, Problem{it.head, it.problem})
		}
		return nil, fmt.Errorf("dictd index has no readable line (%d problems)", len(db.Problems))
	}
	bodies, err := readArticles(data, spans)
	if err != nil {
		return nil, err
	}
	db.covered = coverage(spans)
	at := map[span]int{} // article -> position in Entries
	for _, it := range items {
		if it.problem != "" {
			db.Problems = append(db.Problems, Problem{it.head, it.problem})
			continue
		}
		body := bodies[it.at]
		if name, ok := metaName(it.head); ok {
			db.Info[name] = strings.TrimSpace(body)
			continue
		}
		if !utf8.ValidString(body) {
			db.Problems = append(db.Problems, Problem{it.head, "article is not valid UTF-8"})
			continue
		}
		if j, ok := at[it.at]; ok {
			db.Entries[j].Keys = append(db.Entries[j].Keys, it.head)
			continue
		}
		at[it.at] = len(db.Entries)
		db.Entries = append(db.Entries, Article{Keys: []string{it.head}, Body: body})
	}
	return db, nil
}

// readArticles reads the articles at spans, in the order of their
// offsets, so that a dictzip file's chunks are each inflated once (the
// index is in headword order, the articles in the data are not). What
// they add up to is bounded by MaxDataBytes, as the data is: overlapping
// articles cannot multiply it.
func readArticles(data dataFile, spans []span) (map[span]string, error) {
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b span) int { return cmp.Or(cmp.Compare(a.off, b.off), cmp.Compare(a.n, b.n)) })
	sorted = slices.Compact(sorted)
	bodies := make(map[span]string, len(sorted))
	var total uint64
	var buf []byte
	for _, s := range sorted {
		if total += s.n; total > MaxDataBytes {
			return nil, fmt.Errorf("the index's articles add up to more than %d MiB, the limit for a dictd database's data", MaxDataBytes>>20)
		}
		buf = slices.Grow(buf[:0], int(s.n))[:s.n]
		if n, err := data.ReadAt(buf, int64(s.off)); n < len(buf) {
			return nil, fmt.Errorf("read the article at byte %d of the data: %w", s.off, err)
		}
		bodies[s] = string(buf)
	}
	return bodies, nil
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
