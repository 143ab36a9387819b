package search_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// TestCatalogCounts holds the catalog's lists to what walking every term
// of the corpus gives, as the pages did on every request before.
func TestCatalogCounts(t *testing.T) {
	c := importedTestCorpus(t)
	cat := search.NewCatalog(c)

	var curated []*corpus.Term
	categories, sources, levels := map[string]int{}, map[string]int{}, map[string]int{}
	for _, term := range c.Terms {
		levels[term.Level]++
		for _, k := range term.Categories {
			categories[k]++
		}
		if term.Source == corpus.SourceCurated {
			curated = append(curated, term)
		} else {
			sources[term.Source]++
		}
	}
	if cat.Terms() != len(c.Terms) || cat.Curated() != len(curated) {
		t.Errorf("Terms(), Curated() = %d, %d; want %d, %d", cat.Terms(), cat.Curated(), len(c.Terms), len(curated))
	}

	// Letters: every curated term once, under its first letter ("#"
	// for the rest, first), A–Z case-insensitively within a letter.
	var listed []string
	for i, l := range cat.Letters() {
		if l.Letter == "#" && i != 0 {
			t.Errorf("letter # at position %d; want it first", i)
		}
		if prev := cat.Letters()[max(i-1, 0)].Letter; i > 0 && prev != "#" && prev >= l.Letter {
			t.Errorf("letter %s after %s; want A–Z", l.Letter, prev)
		}
		for j, term := range l.Terms {
			listed = append(listed, term.ID)
			wantLetter := "#"
			if r := unicode.ToUpper([]rune(term.Term)[0]); r >= 'A' && r <= 'Z' {
				wantLetter = string(r)
			}
			if l.Letter != wantLetter {
				t.Errorf("%q is under %s; want %s", term.Term, l.Letter, wantLetter)
			}
			if j > 0 && strings.ToLower(l.Terms[j-1].Term) > strings.ToLower(term.Term) {
				t.Errorf("under %s, %q comes before %q", l.Letter, l.Terms[j-1].Term, term.Term)
			}
		}
	}
	var want []string
	for _, term := range curated {
		want = append(want, term.ID)
	}
	slices.Sort(want)
	slices.Sort(listed)
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Errorf("Letters() terms (-want +got):\n%s", diff)
	}

	var wantCats []search.Count
	for _, k := range c.Categories {
		if categories[k.Slug] > 0 {
			wantCats = append(wantCats, search.Count{Value: k.Slug, Label: k.Label, Count: categories[k.Slug]})
		}
	}
	slices.SortStableFunc(wantCats, func(a, b search.Count) int { return strings.Compare(a.Label, b.Label) })
	if diff := cmp.Diff(wantCats, cat.Categories()); diff != "" {
		t.Errorf("Categories() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]search.Count{{Value: "foldoc", Label: "FOLDOC", Count: sources["foldoc"]}}, cat.Sources()); diff != "" || sources["foldoc"] == 0 {
		t.Errorf("Sources() (-want +got):\n%s", diff)
	}
	for _, l := range corpus.Levels {
		if got := cat.LevelCount(l); got != levels[l] {
			t.Errorf("LevelCount(%s) = %d; want %d", l, got, levels[l])
		}
	}
}

func TestCatalogLevelExamples(t *testing.T) {
	c := importedTestCorpus(t)
	cat := search.NewCatalog(c)
	spot := map[string]bool{}
	for _, term := range c.Spotlight(len(c.Terms)) {
		spot[term.ID] = true
	}
	for _, l := range corpus.Levels {
		all := cat.LevelExamples(l, len(c.Terms))
		n := 0
		for _, term := range c.Terms {
			if term.Level == l && term.Source == corpus.SourceCurated {
				n++
			}
		}
		if len(all) != n {
			t.Errorf("LevelExamples(%s, all) has %d terms; want the %d curated ones of the level", l, len(all), n)
		}
		for i, term := range all {
			if term.Level != l || term.Source != corpus.SourceCurated {
				t.Errorf("LevelExamples(%s) has %s, of level %q from %s", l, term.ID, term.Level, term.Source)
			}
			if i > 0 && !spot[all[i-1].ID] && spot[term.ID] {
				t.Errorf("LevelExamples(%s): spotlight term %s after %s, which is not in a spotlight", l, term.ID, all[i-1].ID)
			}
		}
		if got := cat.LevelExamples(l, 1); len(all) > 0 && (len(got) != 1 || got[0] != all[0]) {
			t.Errorf("LevelExamples(%s, 1) = %v; want the first of all", l, got)
		}
	}
}

func TestCatalogNamesAndLabels(t *testing.T) {
	cat := search.NewCatalog(importedTestCorpus(t))
	tests := []struct {
		name string
		want search.NameTarget
		ok   bool
	}{
		{"Idempotent", search.NameTarget{ID: "idempotent"}, true},
		{"race conditions", search.NameTarget{ID: "race-condition"}, true},
		{"RACE-CONDITION", search.NameTarget{ID: "race-condition"}, true},
		{"no such name", search.NameTarget{}, false},
	}
	for _, tt := range tests {
		got, ok := cat.TermNamed(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("TermNamed(%q) = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if to, ok := cat.TermNamed("dollar"); !ok || cat.ImportedFrom(mustTerm(t, cat, to.ID).Source) != "FOLDOC" {
		t.Errorf("TermNamed(dollar) = %+v, %v; want FOLDOC's $", to, ok)
	}
	if got := cat.ImportedFrom(corpus.SourceCurated); got != "" {
		t.Errorf("ImportedFrom(curated) = %q; want \"\"", got)
	}
	for name, want := range map[string]string{"Backend Developer": "backend-developer", "site reliability engineer": "site-reliability-engineer", "backend-developer": "backend-developer"} {
		if got, ok := cat.RoleNamed(name); !ok || got != want {
			t.Errorf("RoleNamed(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

func mustTerm(t *testing.T, cat *search.Catalog, id string) *corpus.Term {
	t.Helper()
	term, err := cat.Term(id)
	if err != nil {
		t.Fatal(err)
	}
	return term
}

func TestIndexCatalogIsMadeOnce(t *testing.T) {
	ix := testIndex(t)
	if a, b := ix.Catalog(), ix.Catalog(); a != b {
		t.Error("Catalog() made two catalogs of one generation")
	}
	if got, want := ix.Catalog().Terms(), len(ix.Corpus().Terms); got != want {
		t.Errorf("Catalog().Terms() = %d; want %d", got, want)
	}
}
