package dictd

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// MaxDataBytes bounds a database's data, uncompressed, and MaxIndexBytes
// its index. Debian's FOLDOC, the largest of the three, has 5.3 MiB of
// data and a 304 KiB index; a file over the bound is refused before it is
// read (a .dict by its size, a dictzip .dict.dz by the size its header
// gives), or as soon as the bound is passed (a .dict.dz that is plain
// gzip), so that a small compressed file cannot fill the memory (a gzip
// bomb: 1 GiB of zeros compresses to 1 MB).
const (
	MaxDataBytes  = 64 << 20
	MaxIndexBytes = 16 << 20
)

// dataFile is a database's data, read by offsets: only the articles the
// index points at are read.
type dataFile interface {
	io.ReaderAt
	Size() int64
}

// openData opens base.dict, or else base.dict.dz, for reading by offsets.
// A dictzip file (gzip with dictzip's table of chunks in an extra header
// field, which compress/gzip ignores; Debian's are) is read a chunk at a
// time, as articles need them, and never inflated whole; a .dict.dz that
// is plain gzip has no table and is inflated into memory, at most
// MaxDataBytes of it. close releases the file.
func openData(base string) (data dataFile, close func() error, err error) {
	f, err := os.Open(base + ".dict")
	if err == nil {
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("read dictd data: %w", err)
		}
		if st.Size() > MaxDataBytes {
			f.Close()
			return nil, nil, fmt.Errorf("%s.dict is %d bytes, over the limit of %d MiB for a dictd database's data", base, st.Size(), MaxDataBytes>>20)
		}
		return io.NewSectionReader(f, 0, st.Size()), f.Close, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, nil, fmt.Errorf("read dictd data: %w", err)
	}
	f, err = os.Open(base + ".dict.dz")
	if err != nil {
		return nil, nil, fmt.Errorf("read dictd data: no %s.dict, and %w", base, err)
	}
	data, err = openDictzip(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("decompress %s.dict.dz: %w", base, err)
	}
	return data, f.Close, nil
}

// gzip header flags (RFC 1952).
const (
	gzipFHCRC    = 1 << 1
	gzipFEXTRA   = 1 << 2
	gzipFNAME    = 1 << 3
	gzipFCOMMENT = 1 << 4
)

// openDictzip reads f's gzip header: with dictzip's table it returns a
// reader of chunks, without it the data inflated into memory.
func openDictzip(f *os.File) (dataFile, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() < 18 {
		return nil, errors.New("not a gzip file: too short")
	}
	var trailer [8]byte
	if _, err := f.ReadAt(trailer[:], st.Size()-8); err != nil {
		return nil, err
	}
	isize := int64(binary.LittleEndian.Uint32(trailer[4:]))
	h := &countingReader{r: bufio.NewReader(io.NewSectionReader(f, 0, st.Size()))}
	var head [10]byte
	if _, err := io.ReadFull(h, head[:]); err != nil {
		return nil, err
	}
	if head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
		return nil, errors.New("not a gzip file")
	}
	flags := head[3]
	var ra []byte // dictzip's subfield
	if flags&gzipFEXTRA != 0 {
		var n [2]byte
		if _, err := io.ReadFull(h, n[:]); err != nil {
			return nil, err
		}
		extra := make([]byte, binary.LittleEndian.Uint16(n[:]))
		if _, err := io.ReadFull(h, extra); err != nil {
			return nil, err
		}
		for len(extra) >= 4 {
			size := int(binary.LittleEndian.Uint16(extra[2:4]))
			if size > len(extra)-4 {
				return nil, errors.New("damaged gzip header: an extra subfield is longer than the field")
			}
			if extra[0] == 'R' && extra[1] == 'A' {
				ra = extra[4 : 4+size]
			}
			extra = extra[4+size:]
		}
	}
	for _, flag := range []byte{gzipFNAME, gzipFCOMMENT} {
		if flags&flag != 0 {
			b, err := h.r.ReadBytes(0)
			h.n += int64(len(b))
			if err != nil {
				return nil, err
			}
		}
	}
	if flags&gzipFHCRC != 0 {
		if _, err := h.Discard(2); err != nil {
			return nil, err
		}
	}
	if ra == nil {
		return inflateAll(f, isize)
	}
	return newDictzip(f, ra, h.n, st.Size(), isize)
}

// countingReader counts what was read through it, for the offset of the
// compressed data after the header.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) Discard(n int) (int, error) {
	n, err := c.r.Discard(n)
	c.n += int64(n)
	return n, err
}

// inflateAll inflates a plain gzip file, refusing it as soon as it passes
// MaxDataBytes. isize, the trailer's size modulo 2³², is the first guess
// of the buffer's size, so that an honest file is read into one buffer.
func inflateAll(f *os.File, isize int64) (dataFile, error) {
	zr, err := gzip.NewReader(bufio.NewReader(io.NewSectionReader(f, 0, 1<<62)))
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 0, min(max(isize, 512), MaxDataBytes)+1)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(len(buf), MaxDataBytes+1-len(buf)))
		}
		n, err := zr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxDataBytes {
			return nil, fmt.Errorf("it inflates to more than %d MiB, the limit for a dictd database's data", MaxDataBytes>>20)
		}
		if err == io.EOF {
			return bytes.NewReader(buf), nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// dictzip reads a dictzip file by offsets, inflating one chunk at a time:
// dictzip compresses its data in chunks of chunkLen bytes, each starting
// a fresh deflate stream, and lists their compressed sizes in the gzip
// header. The last chunk read is kept, so reading articles in the order
// of their offsets inflates each chunk once.
type dictzip struct {
	f        io.ReaderAt
	chunkLen int64
	starts   []int64 // where each chunk's compressed bytes begin, and the end
	size     int64   // of the data, uncompressed

	fr       io.ReadCloser // reused for each chunk (flate.Resetter)
	cached   int           // the chunk in buf, or -1
	buf      []byte
	inflated int // chunks inflated, for tests
}

// newDictzip reads dictzip's table ra (version, chunk length, chunk
// count, then each chunk's compressed size, 16-bit little-endian
// numbers), the chunks starting at dataStart. The uncompressed size is
// the gzip trailer's, which must fit the table: the chunks but the last
// are full.
func newDictzip(f io.ReaderAt, ra []byte, dataStart, fileSize, isize int64) (*dictzip, error) {
	if len(ra) < 6 {
		return nil, errors.New("damaged dictzip header: its table is too short")
	}
	u16 := func(i int) int64 { return int64(binary.LittleEndian.Uint16(ra[2*i:])) }
	if v := u16(0); v != 1 {
		return nil, fmt.Errorf("dictzip version %d; only version 1 is known", v)
	}
	chunkLen, count := u16(1), u16(2)
	if len(ra) < int(6+2*count) {
		return nil, fmt.Errorf("damaged dictzip header: %d chunks listed in %d bytes", count, len(ra))
	}
	if chunkLen == 0 || count == 0 {
		return nil, errors.New("damaged dictzip header: no chunks")
	}
	if (count-1)*chunkLen >= MaxDataBytes {
		return nil, fmt.Errorf("its header gives %d chunks of %d bytes, more than %d bytes, over the limit of %d MiB for a dictd database's data",
			count, chunkLen, (count-1)*chunkLen, MaxDataBytes>>20)
	}
	if isize <= (count-1)*chunkLen || isize > count*chunkLen {
		return nil, fmt.Errorf("damaged dictzip file: its trailer gives %d bytes, where its header's %d chunks of %d hold %d to %d", isize, count, chunkLen, (count-1)*chunkLen+1, count*chunkLen)
	}
	if isize > MaxDataBytes {
		return nil, fmt.Errorf("it holds %d bytes, over the limit of %d MiB for a dictd database's data", isize, MaxDataBytes>>20)
	}
	z := &dictzip{f: f, chunkLen: chunkLen, size: isize, cached: -1, starts: make([]int64, count+1)}
	z.starts[0] = dataStart
	for i := range count {
		z.starts[i+1] = z.starts[i] + u16(int(3+i))
	}
	if z.starts[count] > fileSize-8 {
		return nil, fmt.Errorf("damaged or cut dictzip file: its chunks end at byte %d, past the file's %d bytes", z.starts[count]+8, fileSize)
	}
	return z, nil
}

// Size is the data's size, uncompressed.
func (z *dictzip) Size() int64 { return z.size }

// ReadAt implements io.ReaderAt over the uncompressed data.
func (z *dictzip) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	n := 0
	for n < len(p) {
		if off >= z.size {
			return n, io.EOF
		}
		i := off / z.chunkLen
		chunk, err := z.chunk(int(i))
		if err != nil {
			return n, err
		}
		c := copy(p[n:], chunk[off-i*z.chunkLen:])
		n += c
		off += int64(c)
	}
	return n, nil
}

// chunk returns chunk i, uncompressed. It never inflates more than the
// chunk's length, whatever its deflate stream holds.
func (z *dictzip) chunk(i int) ([]byte, error) {
	if z.cached == i {
		return z.buf, nil
	}
	n := min(z.chunkLen, z.size-int64(i)*z.chunkLen)
	src := io.NewSectionReader(z.f, z.starts[i], z.starts[i+1]-z.starts[i])
	if z.fr == nil {
		z.fr = flate.NewReader(src)
	} else if err := z.fr.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	z.buf = slices.Grow(z.buf[:0], int(n))[:n]
	z.cached = -1
	if _, err := io.ReadFull(z.fr, z.buf); err != nil {
		return nil, fmt.Errorf("dictzip chunk %d of %d: %w", i+1, len(z.starts)-1, err)
	}
	z.cached = i
	z.inflated++
	return z.buf, nil
}
