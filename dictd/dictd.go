package dictd

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
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
// A malformed index line or an article outside the data is recorded in
// Problems and skipped; only an index with no readable line is an error.
func Parse(index, data []byte) (*Database, error) {
	db := &Database{Info: map[string]string{}}
	type span struct{ off, n uint64 }
	at := map[span]int{} // article -> position in Entries
	lines := bytes.Split(index, []byte("\n"))
	read := 0
	for i, line := range lines {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			continue
		}
		cols := strings.Split(string(line), "\t")
		head := cols[0]
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
		if n > maxArticle || off > uint64(len(data)) || n > uint64(len(data))-off {
			db.Problems = append(db.Problems, Problem{head, fmt.Sprintf("index line %d points outside the data (offset %d, length %d, data %d bytes)", i+1, off, n, len(data))})
			continue
		}
		read++
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
	return db, nil
}

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
