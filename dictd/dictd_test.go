package dictd

import (
	"compress/gzip"
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
