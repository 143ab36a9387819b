package search

import (
	"iter"
	"math/bits"
	"unicode/utf8"
)

// better returns whichever of keys a and b ranks first.
func (c *completions) better(a, b int32) int32 {
	if c.keys[b].rank < c.keys[a].rank {
		return b
	}
	return a
}

// bestIn returns the index of the best-ranked key in keys[lo:hi], or -1
// when the span is empty: a bottom-up walk of the segment tree.
func (c *completions) bestIn(lo, hi int) int32 {
	best := int32(-1)
	pick := func(i int32) {
		if best < 0 {
			best = i
		} else {
			best = c.better(best, i)
		}
	}
	n := len(c.keys)
	for l, r := lo+n, hi+n; l < r; l, r = l>>1, r>>1 {
		if l&1 == 1 {
			pick(c.tree[l])
			l++
		}
		if r&1 == 1 {
			r--
			pick(c.tree[r])
		}
	}
	return best
}

// inRankOrder yields the keys of keys[lo:hi] best-ranked first. Each key
// costs two look-ups in the segment tree and a heap operation, so taking
// the best ten of 20,000 keys costs what ten keys cost.
func (c *completions) inRankOrder(lo, hi int) iter.Seq[completionKey] {
	type span struct{ lo, hi, best int32 }
	return func(yield func(completionKey) bool) {
		h := newMinHeap(func(a, b span) bool { return c.keys[a.best].rank < c.keys[b.best].rank })
		push := func(lo, hi int32) {
			if lo < hi {
				h.push(span{lo, hi, c.bestIn(int(lo), int(hi))})
			}
		}
		push(int32(lo), int32(hi))
		for h.len() > 0 {
			s := h.pop()
			if !yield(c.keys[s.best]) {
				return
			}
			push(s.lo, s.best)
			push(s.best+1, s.hi)
		}
	}
}

// byPlace yields the terms of lists, each sorted by place, best-placed
// first: a merge, so taking the first few of long lists costs little. A
// term in several lists comes once per list.
func (c *completions) byPlace(lists [][]int32) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		h := newMinHeap(func(a, b []int32) bool { return c.place[a[0]] < c.place[b[0]] })
		for _, l := range lists {
			if len(l) > 0 {
				h.push(l)
			}
		}
		for h.len() > 0 {
			l := h.pop()
			if !yield(l[0]) {
				return
			}
			if len(l) > 1 {
				h.push(l[1:])
			}
		}
	}
}

// letterMask has a bit for each rune of w, by its value modulo 64 (each
// lower-case letter a bit of its own; digits share bits with letters). A typed word with more than
// maxEdits bits that a name word's mask lacks has that many runes the word
// does not have, each of which needs an edit: the word is not within
// maxEdits of it, nor any of its prefixes. Comparing masks rules out most
// words before computing a distance.
func letterMask(w []rune) uint64 {
	var m uint64
	for _, r := range w {
		m |= 1 << (uint32(r) % 64)
	}
	return m
}

// tooFar reports whether typed (whose letterMask is typedMask) has more
// than maxEdits runes that w lacks.
func tooFar(typedMask uint64, w nameWord, maxEdits int) bool {
	return bits.OnesCount64(typedMask&^w.mask) > maxEdits
}

// minHeap is a binary heap ordered by less. container/heap's interface
// takes and returns items as any, an allocation for each span pushed;
// autocomplete pushes a few dozen per request.
type minHeap[T any] struct {
	items []T
	less  func(a, b T) bool
}

func newMinHeap[T any](less func(a, b T) bool) *minHeap[T] {
	return &minHeap[T]{less: less}
}

func (h *minHeap[T]) len() int { return len(h.items) }

func (h *minHeap[T]) push(x T) {
	h.items = append(h.items, x)
	for i := len(h.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(h.items[i], h.items[p]) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *minHeap[T]) pop() T {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < last && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}

// prefixBits has a bit for the first rune of words and one for their
// first two runes (by value modulo 64): a term whose bits lack a query
// word's has no word starting with it.
type prefixBits [2]uint64

// add sets the bits of w.
func (b *prefixBits) add(w string) {
	r1, n := utf8.DecodeRuneInString(w)
	if n == 0 {
		return
	}
	b[0] |= 1 << (uint32(r1) % 64)
	if r2, m := utf8.DecodeRuneInString(w[n:]); m > 0 {
		b[1] |= 1 << ((uint32(r1)*31 + uint32(r2)) % 64)
	}
}

// has reports whether b has every bit of need.
func (b prefixBits) has(need prefixBits) bool {
	return b[0]&need[0] == need[0] && b[1]&need[1] == need[1]
}
