package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPrefixDistance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typed, word string
		max, want   int
	}{
		{"backpresu", "backpressure", 2, 1},
		{"backpress", "backpressure", 2, 0},
		{"bakcpress", "backpressure", 2, 1}, // a swap of neighbours is one typo
		{"circiut", "circuit", 1, 1},
		{"bakcperss", "backpressure", 1, 2},
		{"idempotnt", "idempotent", 2, 1},
		{"cache", "cash", 1, 2}, // over the budget: max+1
		{"kubernets", "kubernetes", 2, 1},
		{"zzzzz", "apple", 1, 2},
	}
	for _, tt := range tests {
		if got := prefixDistance([]rune(tt.typed), tt.word, tt.max); got != tt.want {
			t.Errorf("prefixDistance(%q, %q, %d) = %d; want %d", tt.typed, tt.word, tt.max, got, tt.want)
		}
	}
}

// naiveDistance is the textbook optimal string alignment distance
// (Levenshtein with swaps of neighbours) between a and b, or between a
// and the closest prefix of b, from the full matrix.
func naiveDistance(a []rune, b []rune, prefix bool) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	if prefix {
		return slices.Min(d[len(a)])
	}
	return d[len(a)][len(b)]
}

// TestBoundedDistance checks the banded, bounded distance against the
// textbook one on random words over a small alphabet (so that near
// misses are common), for both whole words and prefixes.
func TestBoundedDistance(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		w := make([]rune, rng.IntN(14))
		for i := range w {
			w[i] = rune('a' + rng.IntN(3))
			if rng.IntN(20) == 0 { // a rune of two bytes now and then
				w[i] = 'é'
			}
		}
		return w
	}
	for range 20000 {
		a, b := word(), word()
		for k := 0; k <= 2; k++ {
			for _, prefix := range []bool{false, true} {
				want := min(naiveDistance(a, b, prefix), k+1)
				if got := boundedDistance(a, string(b), k, prefix); got != want {
					t.Fatalf("boundedDistance(%q, %q, %d, prefix %v) = %d; want %d", string(a), string(b), k, prefix, got, want)
				}
			}
		}
	}
}
