package search_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

func TestNormalizeQuery(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"  Kubernetes   Operators? ": "kubernetes operators",
		"C++":                        "c",
		"«Feature-Flag»!":            "feature-flag",
		"what's idempotency":         "what's idempotency",
		"!!! ???":                    "",
		"bad \xff utf8":              "bad utf8",
		"tab\tand\x1b[31mescape":     "tab and 31mescape",
		strings.Repeat("ab ", 100):   strings.TrimSpace(strings.Repeat("ab ", 67)),
		strings.Repeat("abc ", 60):   strings.TrimSpace(strings.Repeat("abc ", 50)),
	}
	for in, want := range tests {
		if got := search.NormalizeQuery(in); got != want {
			t.Errorf("NormalizeQuery(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestGapsCountAndRank(t *testing.T) {
	t.Parallel()
	g := search.NewGaps(100)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				g.Record("Service Mesh")
				g.Record("service mesh?")
			}
			g.Record("eBPF")
		}()
	}
	wg.Wait()
	g.Record("")
	g.Record("  ")
	want := []search.Gap{{Query: "service mesh", Count: 200}, {Query: "ebpf", Count: 4}}
	if diff := cmp.Diff(want, g.Top(10)); diff != "" {
		t.Errorf("Top (-want +got):\n%s", diff)
	}
	if got := g.Top(1); len(got) != 1 || got[0].Query != "service mesh" {
		t.Errorf("Top(1) = %v", got)
	}
}

func TestGapsBoundedMemory(t *testing.T) {
	t.Parallel()
	g := search.NewGaps(50)
	for range 3 {
		g.Record("service mesh") // a real gap, searched again and again
	}
	for i := range 10_000 {
		g.Record(fmt.Sprintf("junk %d", i))
		if n := len(g.Top(0)); n > 50 {
			t.Fatalf("%d distinct queries kept; want at most 50", n)
		}
	}
	if top := g.Top(1); len(top) != 1 || top[0].Query != "service mesh" || top[0].Count != 3 {
		t.Errorf("after a flood of one-off queries Top(1) = %v; want service mesh kept", top)
	}
}

func TestGapsSaveLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, generation.GapsFile)
	g := search.NewGaps(100)
	if err := g.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("Save with nothing recorded wrote a file (%v)", err)
	}
	g.Record("service mesh")
	g.Record("service mesh")
	g.Record("ebpf")
	if err := g.Save(path); err != nil {
		t.Fatal(err)
	}
	r, err := search.ReadGaps(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []search.Gap{{Query: "service mesh", Count: 2}, {Query: "ebpf", Count: 1}}
	if diff := cmp.Diff(want, r.Gaps); diff != "" || r.Updated.IsZero() {
		t.Errorf("ReadGaps (-want +got):\n%s (updated %v)", diff, r.Updated)
	}
	// A restarted server adds to the counts it had.
	g2 := search.NewGaps(100)
	if err := g2.Load(path); err != nil {
		t.Fatal(err)
	}
	g2.Record("ebpf")
	if err := g2.Save(path); err != nil {
		t.Fatal(err)
	}
	r, _ = search.ReadGaps(path)
	want = []search.Gap{{Query: "ebpf", Count: 2}, {Query: "service mesh", Count: 2}}
	if diff := cmp.Diff(want, r.Gaps); diff != "" {
		t.Errorf("after Load and Record (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data folder holds %d files; want only %s (no temporary files left)", len(entries), generation.GapsFile)
	}
	if err := search.NewGaps(10).Load(filepath.Join(dir, "missing.json")); err != nil {
		t.Errorf("Load of a missing file = %v; want nil", err)
	}
	os.WriteFile(path, []byte("{not json"), 0o644)
	if err := search.NewGaps(10).Load(path); err == nil {
		t.Error("Load of a damaged file = nil; want an error")
	}
}
