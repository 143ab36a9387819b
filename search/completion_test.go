package search

import "testing"

func TestPrefixDistance(t *testing.T) {
	tests := []struct {
		typed, word string
		max, want   int
	}{
		{"backpresu", "backpressure", 2, 1},
		{"backpress", "backpressure", 2, 0},
		{"bakcpress", "backpressure", 2, 2},
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
