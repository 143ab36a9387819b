package corpus_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

func TestSpotlight(t *testing.T) {
	cp, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	var roundOne []string // each role's first spotlight term, in role order
	seen := map[string]bool{}
	for _, r := range cp.Roles {
		if len(r.Spotlight) > 0 && !seen[r.Spotlight[0]] {
			seen[r.Spotlight[0]] = true
			roundOne = append(roundOne, r.Spotlight[0])
		}
	}
	if len(roundOne) < 3 {
		t.Fatalf("the embedded corpus has %d distinct first spotlight terms; the test needs 3", len(roundOne))
	}
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"none", 0, nil},
		{"one role's first", 1, roundOne[:1]},
		{"every role's first before any second", len(roundOne), roundOne},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, term := range cp.Spotlight(tt.n) {
				got = append(got, term.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Spotlight(%d) (-want +got):\n%s", tt.n, diff)
			}
		})
	}
	all := cp.Spotlight(len(cp.Terms))
	ids := map[string]bool{}
	for _, term := range all {
		if ids[term.ID] {
			t.Errorf("Spotlight(all) lists %s twice", term.ID)
		}
		ids[term.ID] = true
	}
	for _, r := range cp.Roles {
		for _, id := range r.Spotlight {
			if !ids[id] {
				t.Errorf("Spotlight(all) lacks %s, in the spotlight of %s", id, r.Slug)
			}
		}
	}
}
