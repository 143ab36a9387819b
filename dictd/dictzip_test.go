package dictd

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeDictzip writes a dictzip file as dictzip(1) does: the data in
// chunks of chunkLen bytes, each compressed as a fresh deflate stream
// ending on a byte boundary, their compressed sizes in the gzip header's
// "RA" field, and the gzip trailer. fill writes chunk i's bytes into buf
// (of the chunk's length), so that no test holds its whole data. The
// trailer gives size, unless isize overrides it (to make a file whose
// header and trailer lie).
func writeDictzip(t *testing.T, name string, size, chunkLen int64, fill func(i int, buf []byte), isize ...uint32) {
	t.Helper()
	count := int((size + chunkLen - 1) / chunkLen)
	var chunks bytes.Buffer
	sizes := make([]uint16, count)
	crc := crc32.NewIEEE()
	buf := make([]byte, chunkLen)
	zw, err := flate.NewWriter(nil, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	for i := range count {
		b := buf[:min(chunkLen, size-int64(i)*chunkLen)]
		fill(i, b)
		crc.Write(b)
		before := chunks.Len()
		zw.Reset(&chunks) // a fresh stream
		zw.Write(b)
		if i == count-1 {
			err = zw.Close() // the final block
		} else {
			err = zw.Flush() // an empty stored block: the next chunk starts on a byte
		}
		if err != nil {
			t.Fatal(err)
		}
		if n := chunks.Len() - before; n > 0xffff {
			t.Fatalf("chunk %d compresses to %d bytes", i, n)
		} else {
			sizes[i] = uint16(n)
		}
	}
	le := binary.LittleEndian
	ra := le.AppendUint16(nil, 1)
	ra = le.AppendUint16(ra, uint16(chunkLen))
	ra = le.AppendUint16(ra, uint16(count))
	for _, s := range sizes {
		ra = le.AppendUint16(ra, s)
	}
	extra := append([]byte{'R', 'A'}, le.AppendUint16(nil, uint16(len(ra)))...)
	extra = append(extra, ra...)
	var out bytes.Buffer
	out.Write([]byte{0x1f, 0x8b, 8, gzipFEXTRA | gzipFNAME, 0, 0, 0, 0, 2, 3})
	out.Write(le.AppendUint16(nil, uint16(len(extra))))
	out.Write(extra)
	out.WriteString("test.dict\x00")
	out.Write(chunks.Bytes())
	out.Write(le.AppendUint32(nil, crc.Sum32()))
	trailer := uint32(size)
	if len(isize) > 0 {
		trailer = isize[0]
	}
	out.Write(le.AppendUint32(nil, trailer))
	if err := os.WriteFile(name, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gunzip reads a whole gzip file, the plain way.
func gunzip(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDictzipRandomAccess reads Debian's three dictzip files by offsets:
// any range reads as the whole file inflated at once has it, and reading
// a database inflates each chunk at most once.
func TestDictzipRandomAccess(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"foldoc", "jargon", "vera"} {
		t.Run(name, func(t *testing.T) {
			base := "/usr/share/dictd/" + name
			if _, err := os.Stat(base + ".index"); err != nil {
				t.Fatalf("Debian's dict-%s is not installed (apt-get install dict-%s; .ci/test does): %v", name, name, err)
			}
			whole := gunzip(t, base+".dict.dz")
			data, closeData, err := openData(base)
			if err != nil {
				t.Fatal(err)
			}
			defer closeData()
			z, ok := data.(*dictzip)
			if !ok {
				t.Fatalf("%s.dict.dz read as %T; want its dictzip chunks", base, data)
			}
			if z.Size() != int64(len(whole)) {
				t.Fatalf("Size() = %d; want %d", z.Size(), len(whole))
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 200 {
				off := r.Int64N(int64(len(whole)))
				n := min(r.Int64N(3*z.chunkLen), int64(len(whole))-off)
				got := make([]byte, n)
				if k, err := z.ReadAt(got, off); k != len(got) {
					t.Fatalf("ReadAt(%d bytes at %d) = %d, %v", n, off, k, err)
				}
				if !bytes.Equal(got, whole[off:off+n]) {
					t.Fatalf("ReadAt(%d bytes at %d) differs from the data", n, off)
				}
			}
			z.cached, z.inflated = -1, 0
			index, err := os.ReadFile(base + ".index")
			if err != nil {
				t.Fatal(err)
			}
			got, err := parse(index, z)
			if err != nil {
				t.Fatal(err)
			}
			if chunks := len(z.starts) - 1; z.inflated > chunks {
				t.Errorf("reading the database inflated %d chunks; it has %d", z.inflated, chunks)
			}
			want, err := Parse(index, whole)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got, cmp.AllowUnexported(Database{})); d != "" {
				t.Errorf("read by chunks (-inflated whole +by chunks):\n%s", d)
			}
		})
	}
}

// TestBombs opens databases whose data inflates far beyond the limit, or
// whose dictzip header lies: each is refused with a clear error, or read
// within the chunk its header gives, and the memory the attempt takes
// (every allocation, runtime.MemStats.TotalAlloc) stays bounded.
func TestBombs(t *testing.T) {
	const bomb = 256 << 20 // bytes of zeros
	zeros := func(int, []byte) {}
	tests := []struct {
		name     string
		make     func(t *testing.T, base string)
		want     string // in the error; "" for none
		maxAlloc uint64
	}{
		{"dictzip of 256 MiB of zeros", func(t *testing.T, base string) {
			writeDictzip(t, base+".dict.dz", bomb, 58315, zeros)
		}, "over the limit of 64 MiB", 1 << 20},
		{"dictzip whose trailer disagrees with its header", func(t *testing.T, base string) {
			writeDictzip(t, base+".dict.dz", 1<<20, 58315, zeros, 200<<20)
		}, "its trailer gives 209715200 bytes, where its header's 18 chunks of 58315 hold", 1 << 20},
		{"plain gzip of 256 MiB of zeros", func(t *testing.T, base string) {
			f, err := os.Create(base + ".dict.dz")
			if err != nil {
				t.Fatal(err)
			}
			zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
			block := make([]byte, 1<<20)
			for range bomb >> 20 {
				zw.Write(block)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}, "inflates to more than 64 MiB", MaxDataBytes + 16<<20},
		{"dictzip chunk holding more than its header says", func(t *testing.T, base string) {
			// One chunk of 1,000 bytes, says the header; its deflate
			// stream holds 256 MiB.
			var chunk bytes.Buffer
			zw, _ := flate.NewWriter(&chunk, flate.BestCompression)
			block := make([]byte, 1<<20)
			for range bomb >> 20 {
				zw.Write(block)
			}
			zw.Close()
			le := binary.LittleEndian
			var out bytes.Buffer
			out.Write([]byte{0x1f, 0x8b, 8, gzipFEXTRA, 0, 0, 0, 0, 2, 3})
			out.Write(le.AppendUint16(nil, 12))
			out.Write([]byte{'R', 'A', 8, 0})
			out.Write(le.AppendUint16(nil, 1))
			out.Write(le.AppendUint16(nil, 1000))
			out.Write(le.AppendUint16(nil, 1))
			out.Write(le.AppendUint16(nil, uint16(min(chunk.Len(), 0xffff))))
			out.Write(chunk.Bytes()[:min(chunk.Len(), 0xffff)])
			out.Write(le.AppendUint32(nil, 0))
			out.Write(le.AppendUint32(nil, 1000))
			if err := os.WriteFile(base+".dict.dz", out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "", 1 << 20},
		{"1 GiB .dict", func(t *testing.T, base string) {
			f, err := os.Create(base + ".dict")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(1 << 30); err != nil { // sparse: no disk used
				t.Fatal(err)
			}
		}, "over the limit of 64 MiB", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := filepath.Join(t.TempDir(), "bomb")
			// One article of 1,000 bytes ("Po") at the start.
			if err := os.WriteFile(base+".index", []byte("zeros\tA\tPo\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			tt.make(t, base)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			db, err := Open(base)
			runtime.ReadMemStats(&after)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Open = %v; want the one article", err)
			case tt.want == "" && (len(db.Entries) != 1 || len(db.Entries[0].Body) != 1000):
				t.Fatalf("entries = %d; want one article of 1,000 bytes", len(db.Entries))
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Open = %v; want an error saying %q", err, tt.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > tt.maxAlloc {
				t.Errorf("Open allocated %d MiB; want at most %d MiB", alloc>>20, tt.maxAlloc>>20)
			}
			t.Logf("Open: %v; allocated %d KiB", err, (after.TotalAlloc-before.TotalAlloc)>>10)
		})
	}
}

// TestDictzipSmallChunks reads a database written by writeDictzip with
// chunks far smaller than its articles, so that most articles span
// several chunks: it reads as the same database uncompressed.
func TestDictzipSmallChunks(t *testing.T) {
	t.Parallel()
	arts := []testArticle{
		{[]string{"00-database-short"}, "00-database-short\n     Chunked Dictionary\n"},
		{[]string{"thunk"}, "thunk\n\n   <programming> A delayed computation, " + strings.Repeat("evaluated later; ", 20) + "\n\n"},
		{[]string{"naïve", "naive"}, "naïve\n\n   Written with a diaeresis: ï spans a chunk boundary somewhere.\n\n"},
	}
	base := writeDB(t, arts, false)
	want, err := Open(base)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(base + ".dict")
	if err != nil {
		t.Fatal(err)
	}
	for _, chunkLen := range []int64{1, 7, 64, int64(len(data))} {
		writeDictzip(t, base+".dict.dz", int64(len(data)), chunkLen, func(i int, buf []byte) {
			copy(buf, data[int64(i)*chunkLen:])
		})
		if err := os.Rename(base+".dict", base+".dict.orig"); err != nil {
			t.Fatal(err)
		}
		got, err := Open(base)
		if err != nil {
			t.Fatalf("chunks of %d: %v", chunkLen, err)
		}
		if d := cmp.Diff(want, got, cmp.AllowUnexported(Database{})); d != "" {
			t.Errorf("chunks of %d (-uncompressed +dictzip):\n%s", chunkLen, d)
		}
		if err := os.Rename(base+".dict.orig", base+".dict"); err != nil {
			t.Fatal(err)
		}
	}
}
