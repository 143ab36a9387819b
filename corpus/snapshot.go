package corpus

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// A snapshot is the serialised form of a loaded corpus, written into each
// index generation so a generation is self-contained: the server answers
// term and role look-ups from the very data its index was built from. It
// is gob, not JSON: decoding 30,000 terms took 0.14 s instead of 0.63 s.
// Since decoding was still the largest part of opening a generation, the
// terms are written in snapshotChunks frames that are decoded on every
// core:
//
//	snapshotMagic
//	frame: uvarint length, gob of snapshotMeta
//	frame: uvarint length, gob of []*Term   (snapshotChunks of them)
//
// A snapshot without the magic is the single gob of snapshot that earlier
// versions wrote, and is still read.
type snapshot struct {
	Categories []Category
	Terms      []*Term
	Roles      []*Role
	Sources    []Attribution
}

type snapshotMeta struct {
	Categories []Category
	Roles      []*Role
	Sources    []Attribution
	Chunks     int
}

const (
	snapshotMagic  = "glossary snapshot 2\n"
	snapshotChunks = 8
)

// WriteSnapshot writes the corpus, derived fields included.
func (c *Corpus) WriteSnapshot(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(snapshotMagic); err != nil {
		return fmt.Errorf("write corpus snapshot: %w", err)
	}
	frame := func(v any) error {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(v); err != nil {
			return fmt.Errorf("encode corpus snapshot: %w", err)
		}
		var n [binary.MaxVarintLen64]byte
		if _, err := bw.Write(n[:binary.PutUvarint(n[:], uint64(buf.Len()))]); err != nil {
			return err
		}
		_, err := bw.Write(buf.Bytes())
		return err
	}
	if err := frame(snapshotMeta{Categories: c.Categories, Roles: c.Roles, Sources: c.Sources, Chunks: snapshotChunks}); err != nil {
		return err
	}
	per := (len(c.Terms) + snapshotChunks - 1) / snapshotChunks
	for i := range snapshotChunks {
		lo, hi := min(i*per, len(c.Terms)), min((i+1)*per, len(c.Terms))
		if err := frame(c.Terms[lo:hi]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadSnapshot reads a corpus written by WriteSnapshot. It trusts the
// data: it was validated before it was written.
func ReadSnapshot(r io.Reader) (*Corpus, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read corpus snapshot: %w", err)
	}
	return DecodeSnapshot(data)
}

// DecodeSnapshot decodes a corpus that WriteSnapshot wrote into data, as
// ReadSnapshot does; the corpus keeps no reference to data. Given a file's
// bytes from os.ReadFile, it spares ReadSnapshot's growing buffer: at
// 30,000 terms (a 16 MB snapshot) io.ReadAll's copies and clearing took
// 40 ms of a 180 ms decode (BenchmarkOpenSteps in package search).
func DecodeSnapshot(data []byte) (*Corpus, error) {
	var (
		s   snapshot
		err error
	)
	rest, framed := bytes.CutPrefix(data, []byte(snapshotMagic))
	if !framed {
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
			return nil, fmt.Errorf("decode corpus snapshot: %w", err)
		}
	} else if s, err = readFrames(rest); err != nil {
		return nil, fmt.Errorf("decode corpus snapshot: %w", err)
	}
	c := &Corpus{Terms: s.Terms, Roles: s.Roles, Categories: s.Categories, Sources: s.Sources,
		terms: make(map[string]*Term, len(s.Terms)), roles: make(map[string]*Role, len(s.Roles)), categories: make(map[string]string, len(s.Categories))}
	for _, t := range s.Terms {
		t.emptyLists()
		c.terms[t.ID] = t
	}
	for _, r := range s.Roles {
		c.roles[r.Slug] = r
	}
	for _, cat := range s.Categories {
		c.categories[cat.Slug] = cat.Label
	}
	return c, nil
}

// readFrames decodes a framed snapshot, its term chunks on every core.
func readFrames(data []byte) (snapshot, error) {
	var frames [][]byte
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return snapshot{}, errors.New("damaged frame")
		}
		frames = append(frames, data[k:k+int(n)])
		data = data[k+int(n):]
	}
	if len(frames) == 0 {
		return snapshot{}, errors.New("no frames")
	}
	var meta snapshotMeta
	if err := gob.NewDecoder(bytes.NewReader(frames[0])).Decode(&meta); err != nil {
		return snapshot{}, err
	}
	if len(frames) != meta.Chunks+1 {
		return snapshot{}, fmt.Errorf("%d term frames; the snapshot says %d", len(frames)-1, meta.Chunks)
	}
	chunks := make([][]*Term, meta.Chunks)
	errs := make([]error, meta.Chunks)
	next := make(chan int, meta.Chunks)
	for i := range meta.Chunks {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), meta.Chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = gob.NewDecoder(bytes.NewReader(frames[i+1])).Decode(&chunks[i])
			}
		}()
	}
	wg.Wait()
	s := snapshot{Categories: meta.Categories, Roles: meta.Roles, Sources: meta.Sources}
	for i, ch := range chunks {
		if errs[i] != nil {
			return snapshot{}, fmt.Errorf("terms %d: %w", i, errs[i])
		}
		s.Terms = append(s.Terms, ch...)
	}
	return s, nil
}

// emptyLists turns missing lists into empty ones, so a term's JSON always
// has [] rather than null for them (gob, and YAML without the field, leave
// them nil).
func (t *Term) emptyLists() {
	for _, l := range []*[]string{&t.Aliases, &t.Forms, &t.Examples, &t.Categories, &t.Collocations, &t.Roles, &t.Mentions} {
		if *l == nil {
			*l = []string{}
		}
	}
	if t.Related == nil {
		t.Related = []Link{}
	}
	for _, m := range t.Meanings {
		for _, l := range []*[]string{&m.Aliases, &m.Examples, &m.Categories, &m.Collocations, &m.Mentions} {
			if *l == nil {
				*l = []string{}
			}
		}
		if m.Related == nil {
			m.Related = []Link{}
		}
	}
}
