package dictd

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// encodeNumber writes n as a dictd index number.
func encodeNumber(n uint64) string {
	if n == 0 {
		return "A"
	}
	var buf [11]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = b64[n&63]
		n >>= 6
	}
	return string(buf[i:])
}

// article is one article of a test database and the index keys that
// point to it.
type testArticle struct {
	keys []string
	body string
}

// writeDB writes a dictd database the way dictfmt does: the articles one
// after another in the data file, and an index line per key. With dz the
// data is gzip-compressed into base.dict.dz. Extra index lines are
// appended as they are.
func writeDB(t *testing.T, arts []testArticle, dz bool, extra ...string) string {
	t.Helper()
	base := filepath.Join(t.TempDir(), "test")
	var data strings.Builder
	var index []string
	for _, a := range arts {
		off := data.Len()
		data.WriteString(a.body)
		for _, k := range a.keys {
			index = append(index, k+"\t"+encodeNumber(uint64(off))+"\t"+encodeNumber(uint64(len(a.body))))
		}
	}
	index = append(index, extra...)
	if err := os.WriteFile(base+".index", []byte(strings.Join(index, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !dz {
		if err := os.WriteFile(base+".dict", []byte(data.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return base
	}
	f, err := os.Create(base + ".dict.dz")
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write([]byte(data.String())); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return base
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	for _, n := range []uint64{0, 1, 63, 64, 4095, 1 << 30, 5578809} {
		got, err := decodeNumber(encodeNumber(n))
		if err != nil || got != n {
			t.Errorf("decodeNumber(encodeNumber(%d)) = %d, %v", n, got, err)
		}
	}
	// Values read off Debian's foldoc.index.
	for s, want := range map[string]uint64{"B": 1, "BA": 64, "K5": 697, "S7k9": 4962621} {
		if got, err := decodeNumber(s); err != nil || got != want {
			t.Errorf("decodeNumber(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "a b", "é", "AAAAAAAAAAA"} {
		if _, err := decodeNumber(bad); err == nil {
			t.Errorf("decodeNumber(%q) succeeded; want an error", bad)
		}
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	arts := []testArticle{
		{[]string{"00-database-short"}, "00-database-short\n     Test Dictionary (1 May 2024)\n"},
		{[]string{"thunk"}, "thunk\n\n   <programming> A delayed computation.\n\n"},
		{[]string{"dollar", "$", "&#36;"}, "dollar\n$\n\n   <character> The \"$\" sign.\n\n"},
	}
	for _, dz := range []bool{false, true} {
		base := writeDB(t, arts, dz,
			"broken line",
			"far\tZZZZ\tB",
			"huge\tA\t////",
		)
		db, err := Open(base + ".index")
		if err != nil {
			t.Fatalf("Open(dz=%v): %v", dz, err)
		}
		if got := db.Info["short"]; !strings.Contains(got, "Test Dictionary") {
			t.Errorf("Info[short] = %q", got)
		}
		want := []Article{
			{Keys: []string{"thunk"}, Body: arts[1].body},
			{Keys: []string{"dollar", "$", "&#36;"}, Body: arts[2].body},
		}
		if d := cmp.Diff(want, db.Entries); d != "" {
			t.Errorf("entries (-want +got):\n%s", d)
		}
		var heads []string
		for _, p := range db.Problems {
			heads = append(heads, p.Headword)
		}
		if d := cmp.Diff([]string{"broken line", "far", "huge"}, heads); d != "" {
			t.Errorf("problems (-want +got):\n%s\n%v", d, db.Problems)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "read dictd index") {
		t.Errorf("Open(missing) = %v; want a read error", err)
	}
	base := filepath.Join(dir, "nodata")
	if err := os.WriteFile(base+".index", []byte("a\tA\tB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(base); err == nil || !strings.Contains(err.Error(), "no "+base+".dict") {
		t.Errorf("Open(no data) = %v; want it to name the missing data file", err)
	}
	if err := os.WriteFile(base+".dict.dz", []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(base); err == nil || !strings.Contains(err.Error(), "decompress") {
		t.Errorf("Open(bad dz) = %v; want a decompression error", err)
	}
	if _, err := Parse([]byte("only junk\n"), nil); err == nil {
		t.Error("Parse of an index without a readable line succeeded")
	}
	db, err := Parse([]byte("bad\tA\tC\nok\tA\tB\n"), []byte{'x', 0xff})
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Problems) != 1 || db.Problems[0].Reason != "article is not valid UTF-8" {
		t.Errorf("problems = %v; want the invalid UTF-8 article", db.Problems)
	}
}

// copyReal copies Debian's database name (dict-foldoc, dict-jargon or
// dict-vera; the test fails without it) into a temporary folder, its data
// decompressed into name.dict, and returns the copy's base path and the
// contents of its index and data.
func copyReal(t *testing.T, name string) (base string, index, data []byte) {
	t.Helper()
	index, err := os.ReadFile("/usr/share/dictd/" + name + ".index")
	if err != nil {
		t.Fatalf("Debian's dict-%s is not installed (apt-get install dict-%s; .ci/test does): %v", name, name, err)
	}
	f, err := os.Open("/usr/share/dictd/" + name + ".dict.dz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if data, err = io.ReadAll(zr); err != nil {
		t.Fatal(err)
	}
	base = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(base+".index", index, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".dict", data, 0o644); err != nil {
		t.Fatal(err)
	}
	return base, index, data
}

// TestIncomplete reads Debian's three databases whole, then cut: their
// index at half (in a line, and at a line's end) and their data at half.
// Whole ones look whole; every cut one looks truncated, and says which
// file.
func TestIncomplete(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"foldoc", "jargon", "vera"} {
		t.Run(name, func(t *testing.T) {
			base, index, data := copyReal(t, name)
			whole, err := Open(base)
			if err != nil {
				t.Fatal(err)
			}
			if err := whole.Incomplete(); err != nil {
				t.Fatalf("whole %s: Incomplete() = %v; want nil", name, err)
			}
			half := len(index) / 2
			if index[half-1] == '\n' {
				half++ // in a line, not at its end
			}
			lineEnd := bytes.LastIndexByte(index[:len(index)/2], '\n') + 1
			tests := []struct {
				name        string
				index, data []byte
				want        []string
			}{
				{"index cut in a line", index[:half], data, []string{"last line is cut", ".index file looks truncated"}},
				{"index cut at a line end", index[:lineEnd], data, []string{"the index points at", "% of the data's", ".index file looks truncated"}},
				{"data cut", index, data[:len(data)/2], []string{"index lines point past the end of the data", "data file looks truncated"}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if err := os.WriteFile(base+".index", tt.index, 0o644); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(base+".dict", tt.data, 0o644); err != nil {
						t.Fatal(err)
					}
					db, err := Open(base)
					if err != nil {
						t.Fatal(err)
					}
					err = db.Incomplete()
					for _, w := range tt.want {
						if err == nil || !strings.Contains(err.Error(), w) {
							t.Errorf("Incomplete() = %v; want it to say %q", err, w)
						}
					}
					if len(db.Entries) >= len(whole.Entries)*3/4 {
						t.Errorf("%d entries of %d whole: the cut should have lost about half", len(db.Entries), len(whole.Entries))
					}
				})
			}
		})
	}
}

// TestCutLastLine checks that a last line without its newline is never
// read as an article, even when what is left of it still parses.
func TestCutLastLine(t *testing.T) {
	t.Parallel()
	alpha := "alpha\n\n   First.\n\n"
	beta := "beta\n\n   Second, " + strings.Repeat("longer ", 10) + "\n\n"
	whole := "beta\t" + encodeNumber(uint64(len(alpha))) + "\t" + encodeNumber(uint64(len(beta)))
	// Cut by one byte, beta's two-digit length still reads, as one digit.
	index := "alpha\tA\t" + encodeNumber(uint64(len(alpha))) + "\n" + whole[:len(whole)-1]
	db, err := Parse([]byte(index), []byte(alpha+beta))
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Entries) != 1 || db.Entries[0].Keys[0] != "alpha" {
		t.Errorf("entries = %v; want alpha only", db.Entries)
	}
	if len(db.Problems) != 1 || !strings.Contains(db.Problems[0].Reason, "index line 2 is cut") {
		t.Errorf("problems = %v; want line 2 cut", db.Problems)
	}
	if err := db.Incomplete(); err == nil || !strings.Contains(err.Error(), "last line is cut") {
		t.Errorf("Incomplete() = %v; want the cut line", err)
	}
}
