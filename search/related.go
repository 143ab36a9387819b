package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/glossary/glossary/corpus"
)

// Reasons a related term is given, besides the corpus link types
// (see-also, synonym, antonym, confused-with, kind-of, part-of).
const (
	ReasonLinkedFrom     = "linked-from"             // the other term links to this one
	ReasonMentioned      = "mentioned-in-definition" // this definition names the other term
	ReasonMentionsThis   = "mentions-this-term"      // the other definition names this term
	ReasonSharedCategory = "shared-category"
	MaxRelated           = 50
	DefaultRelated       = 10
)

// Related is a term related to another, and why. Sense is the sense of
// the related term that is meant, when it is not the main one.
type Related struct {
	ID     string `json:"id"`
	Sense  string `json:"sense,omitempty"`
	Term   string `json:"term"`
	Reason string `json:"reason"`
}

// Related lists terms related to id, strongest reason first: the corpus's
// typed links, then terms linking here, terms this definition mentions,
// terms whose definitions mention this one, and last terms sharing the
// most categories. The links and definitions of every sense of a term
// count, its main sense first. A term appears once, with its strongest
// reason, and never the term itself.
//
// A term's list is computed on first use and kept for the generation's
// life, so opening a generation stays fast and repeated look-ups cost a
// map read.
func (ix *Index) Related(id string, size int) ([]Related, error) {
	if size < 0 || size > MaxRelated {
		return nil, invalid("size must be between 1 and %d", MaxRelated)
	}
	if size == 0 {
		size = DefaultRelated
	}
	t := ix.corpus.Term(id)
	if t == nil {
		return nil, fmt.Errorf("term %q: %w", id, ErrNotFound)
	}
	list, ok := ix.related.cache.Load(id)
	if !ok {
		list, _ = ix.related.cache.LoadOrStore(id, ix.related.compute(ix.corpus, t))
	}
	l := list.([]Related)
	return l[:min(size, len(l))], nil
}

// relatedGraph holds what Related needs beyond the corpus: reverse links
// and reverse mentions, and terms by category, built once per generation
// in linear time.
type relatedGraph struct {
	linkedFrom  map[string][]string
	mentionedBy map[string][]string
	byCategory  map[string][]*corpus.Term
	cache       sync.Map // id -> []Related
}

func newRelatedGraph(c *corpus.Corpus) *relatedGraph {
	g := &relatedGraph{linkedFrom: map[string][]string{}, mentionedBy: map[string][]string{}, byCategory: map[string][]*corpus.Term{}}
	for _, t := range c.Terms {
		for _, l := range links(t) {
			g.linkedFrom[l.ID] = append(g.linkedFrom[l.ID], t.ID)
		}
		for _, m := range mentions(t) {
			g.mentionedBy[m.ID] = append(g.mentionedBy[m.ID], t.ID)
		}
		for _, cat := range t.Categories {
			g.byCategory[cat] = append(g.byCategory[cat], t)
		}
	}
	return g
}

func (g *relatedGraph) compute(c *corpus.Corpus, t *corpus.Term) []Related {
	seen := map[string]bool{t.ID: true}
	list := []Related{}
	add := func(id, sense, reason string) {
		if seen[id] || len(list) >= MaxRelated {
			return
		}
		if o := c.Term(id); o != nil {
			seen[id] = true
			list = append(list, Related{ID: id, Sense: sense, Term: o.Term, Reason: reason})
		}
	}
	for _, l := range links(t) {
		add(l.ID, l.Sense, l.Type)
	}
	for _, id := range g.linkedFrom[t.ID] {
		add(id, "", ReasonLinkedFrom)
	}
	for _, m := range mentions(t) {
		add(m.ID, m.Sense, ReasonMentioned)
	}
	for _, id := range g.mentionedBy[t.ID] {
		add(id, "", ReasonMentionsThis)
	}
	if room := MaxRelated - len(list); room > 0 {
		for _, o := range g.sharedCategory(t, seen, room) {
			add(o.ID, "", ReasonSharedCategory)
		}
	}
	return list
}

// links are the typed links of every sense of t, the main sense's first.
func links(t *corpus.Term) []corpus.Link {
	if len(t.Meanings) == 0 {
		return t.Related
	}
	out := slices.Clone(t.Related)
	for _, m := range t.Meanings {
		out = append(out, m.Related...)
	}
	return out
}

// mentions are the terms named in the definitions of every sense of t,
// the main sense's first, each with the sense meant.
func mentions(t *corpus.Term) []corpus.Link {
	var out []corpus.Link
	add := func(ids []string, senses map[string]string) {
		for _, id := range ids {
			out = append(out, corpus.Link{ID: id, Sense: senses[id]})
		}
	}
	add(t.Mentions, t.MentionSenses)
	for _, m := range t.Meanings {
		add(m.Mentions, m.MentionSenses)
	}
	return out
}

// sharedCategory ranks the terms sharing categories with t: most shared
// categories first, then most shared roles, then by id; it returns the
// best n.
func (g *relatedGraph) sharedCategory(t *corpus.Term, seen map[string]bool, n int) []*corpus.Term {
	shared := map[*corpus.Term]int{}
	for _, cat := range t.Categories {
		for _, o := range g.byCategory[cat] {
			if !seen[o.ID] {
				shared[o]++
			}
		}
	}
	type cand struct {
		t             *corpus.Term
		shared, roles int
	}
	cands := make([]cand, 0, len(shared))
	for o, k := range shared {
		r := 0
		for _, role := range o.Roles {
			if slices.Contains(t.Roles, role) {
				r++
			}
		}
		cands = append(cands, cand{o, k, r})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(b.shared-a.shared, b.roles-a.roles, strings.Compare(a.t.ID, b.t.ID))
	})
	out := make([]*corpus.Term, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.t)
	}
	return out
}
