package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// Catalog is one generation's entries as the pages list them, apart from
// searching: look-ups by id and by name, labels, and the counts of the
// browse and levels pages. The counts and lists are computed once per
// generation, on first use, instead of walking every term on every
// request. A Catalog must not be modified; it is safe for concurrent use.
type Catalog struct {
	corpus     *corpus.Corpus
	letters    []Letter
	curated    int
	categories []Count
	sources    []Count
	levels     map[string]int
	examples   map[string][]*corpus.Term // level -> curated terms, spotlight first

	namesOnce sync.Once
	termNames map[string]NameTarget // squashed name -> term (and sense)
	roleNames map[string]string     // squashed slug or name -> role slug
}

// Letter is the curated terms that start with one letter, sorted by
// display term, case-insensitively. Letter is "A" to "Z", or "#" for the
// terms that start with anything else.
type Letter struct {
	Letter string
	Terms  []*corpus.Term
}

// Count is a value of a facet (a category, a glossary), its label and
// how many terms have it.
type Count struct {
	Value, Label string
	Count        int
}

// NameTarget is what a name leads to: a term, and one of its further
// senses when Sense is not "".
type NameTarget struct{ ID, Sense string }

// Catalog returns the generation's catalog, made on first use.
func (ix *Index) Catalog() *Catalog {
	ix.catalogOnce.Do(func() { ix.catalog = NewCatalog(ix.corpus) })
	return ix.catalog
}

// NewCatalog makes the catalog of a corpus. The corpus must not be
// modified afterwards.
func NewCatalog(c *corpus.Corpus) *Catalog {
	cat := &Catalog{corpus: c, levels: map[string]int{}, examples: map[string][]*corpus.Term{}}
	var curated []*corpus.Term
	categories := map[string]int{}
	imported := map[string]int{}
	for _, t := range c.Terms {
		cat.levels[t.Level]++
		for _, slug := range t.Categories {
			categories[slug]++
		}
		if t.Source == corpus.SourceCurated {
			curated = append(curated, t)
		} else {
			imported[t.Source]++
		}
	}
	cat.curated = len(curated)
	cat.letters = byLetter(sortByDisplay(curated))
	for _, k := range c.Categories {
		if n := categories[k.Slug]; n > 0 {
			cat.categories = append(cat.categories, Count{Value: k.Slug, Label: k.Label, Count: n})
		}
	}
	slices.SortStableFunc(cat.categories, func(a, b Count) int { return strings.Compare(a.Label, b.Label) })
	for _, s := range c.Sources {
		cat.sources = append(cat.sources, Count{Value: s.Source, Label: s.Name, Count: imported[s.Source]})
	}
	seen := map[string]bool{}
	for _, t := range slices.Concat(c.Spotlight(len(c.Terms)), c.Terms) {
		if t.Source == corpus.SourceCurated && !seen[t.ID] {
			seen[t.ID] = true
			cat.examples[t.Level] = append(cat.examples[t.Level], t)
		}
	}
	return cat
}

// sortByDisplay sorts terms by display term, case-insensitively, then by
// id.
func sortByDisplay(terms []*corpus.Term) []*corpus.Term {
	keys := make(map[*corpus.Term]string, len(terms))
	for _, t := range terms {
		keys[t] = corpus.Normalize(t.Term)
	}
	out := slices.Clone(terms)
	slices.SortFunc(out, func(a, b *corpus.Term) int {
		return cmp.Or(strings.Compare(keys[a], keys[b]), strings.Compare(a.ID, b.ID))
	})
	return out
}

// byLetter groups terms sorted by display term by their first letter;
// the terms that start with anything but a letter A–Z come first, under
// "#".
func byLetter(terms []*corpus.Term) []Letter {
	var out []Letter
	other := Letter{Letter: "#"}
	for _, t := range terms {
		r, _ := utf8.DecodeRuneInString(t.Term)
		r = unicode.ToUpper(r)
		if r < 'A' || r > 'Z' {
			other.Terms = append(other.Terms, t)
			continue
		}
		if n := len(out); n == 0 || out[n-1].Letter != string(r) {
			out = append(out, Letter{Letter: string(r)})
		}
		out[len(out)-1].Terms = append(out[len(out)-1].Terms, t)
	}
	if len(other.Terms) > 0 {
		out = append([]Letter{other}, out...)
	}
	return out
}

// Terms is the number of terms, imported entries included.
func (c *Catalog) Terms() int { return len(c.corpus.Terms) }

// Curated is the number of the glossary's own terms.
func (c *Catalog) Curated() int { return c.curated }

// Letters lists the curated terms by first letter, "#" first.
func (c *Catalog) Letters() []Letter { return c.letters }

// Categories lists the categories that have terms, by label.
func (c *Catalog) Categories() []Count { return c.categories }

// Sources lists the imported glossaries in the corpus's order, each with
// its number of entries (not counting the senses it adds to other
// terms); empty when none is imported.
func (c *Catalog) Sources() []Count { return c.sources }

// LevelCount is the number of terms of a CEFR level.
func (c *Catalog) LevelCount(level string) int { return c.levels[level] }

// LevelExamples returns up to n curated terms of a level: the roles'
// spotlight terms first, as the best known, then in the corpus's order.
func (c *Catalog) LevelExamples(level string, n int) []*corpus.Term {
	ex := c.examples[level]
	return slices.Clip(ex[:min(n, len(ex))])
}

// Spotlight returns up to n terms of the roles' spotlights
// (corpus.Corpus.Spotlight).
func (c *Catalog) Spotlight(n int) []*corpus.Term { return c.corpus.Spotlight(n) }

// Term returns the entry with the given id, or ErrNotFound.
func (c *Catalog) Term(id string) (*corpus.Term, error) { return termOf(c.corpus, id) }

// Role returns the role with the given slug, or ErrNotFound.
func (c *Catalog) Role(slug string) (*corpus.Role, error) { return roleOf(c.corpus, slug) }

// Roles returns every role, sorted by slug.
func (c *Catalog) Roles() []*corpus.Role { return c.corpus.Roles }

// CategoryLabel returns the label of a category, or the slug when it is
// unknown.
func (c *Catalog) CategoryLabel(slug string) string { return c.corpus.CategoryLabel(slug) }

// RoleName returns the name of a role, or the slug when it is unknown.
func (c *Catalog) RoleName(slug string) string { return c.corpus.RoleName(slug) }

// SourceName returns the short name of a source ("FOLDOC"), as the source
// facet labels it.
func (c *Catalog) SourceName(source string) string { return c.corpus.SourceName(source) }

// ImportedFrom returns the short name of the glossary an entry was
// imported from, as the source facet labels it, or "" for a curated one:
// the label of a hit's Source.
func (c *Catalog) ImportedFrom(source string) string {
	if source == corpus.SourceCurated {
		return ""
	}
	return c.SourceName(source)
}

// termOf returns the term with the given id, or ErrNotFound.
func termOf(c *corpus.Corpus, id string) (*corpus.Term, error) {
	if t := c.Term(id); t != nil {
		return t, nil
	}
	return nil, fmt.Errorf("term %q: %w", id, ErrNotFound)
}

// roleOf returns the role with the given slug, or ErrNotFound.
func roleOf(c *corpus.Corpus, slug string) (*corpus.Role, error) {
	if r := c.Role(slug); r != nil {
		return r, nil
	}
	return nil, fmt.Errorf("role %q: %w", slug, ErrNotFound)
}
