package search

import (
	"errors"
	"sync/atomic"
)

// ErrClosed is returned by Acquire once the Live holder has been closed.
var ErrClosed = errors.New("index closed")

// Live holds the generation being served. Requests Acquire it and release
// it when done; Swap installs a new generation without waiting for them.
// The old generation is closed when its last request releases it, so a
// slow query never blocks a swap and a swap never breaks a running query.
type Live struct {
	cur atomic.Pointer[ref]
}

type ref struct {
	ix *Index
	n  atomic.Int64 // requests holding ix, plus one while it is current
}

// NewLive returns a holder serving ix.
func NewLive(ix *Index) *Live {
	l := &Live{}
	l.cur.Store(newRef(ix))
	return l
}

func newRef(ix *Index) *ref {
	r := &ref{ix: ix}
	r.n.Store(1)
	return r
}

// Acquire returns the current generation and a function that must be
// called once the caller is done with it.
func (l *Live) Acquire() (*Index, func(), error) {
	for {
		r := l.cur.Load()
		if r == nil {
			return nil, nil, ErrClosed
		}
		n := r.n.Load()
		if n == 0 {
			continue // being retired: load the new current one
		}
		if r.n.CompareAndSwap(n, n+1) {
			var once atomic.Bool
			return r.ix, func() {
				if once.CompareAndSwap(false, true) {
					r.release()
				}
			}, nil
		}
	}
}

func (r *ref) release() {
	if r.n.Add(-1) == 0 {
		r.ix.Close()
	}
}

// Swap makes ix the current generation and returns the manifest of the
// one it replaced. The replaced one closes once no request holds it.
func (l *Live) Swap(ix *Index) Manifest {
	old := l.cur.Swap(newRef(ix))
	if old == nil {
		return Manifest{}
	}
	m := old.ix.manifest
	old.release()
	return m
}

// Current returns the manifest of the generation being served.
func (l *Live) Current() Manifest {
	if r := l.cur.Load(); r != nil {
		return r.ix.manifest
	}
	return Manifest{}
}

// Close stops serving: new Acquire calls fail and the current generation
// closes once its last request releases it.
func (l *Live) Close() {
	if old := l.cur.Swap(nil); old != nil {
		old.release()
	}
}
