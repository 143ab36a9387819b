package search

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

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

// Related is a term related to another, and why.
type Related struct {
	ID     string `json:"id"`
	Term   string `json:"term"`
	Reason string `json:"reason"`
}

// Related lists terms related to id, strongest reason first: the corpus's
// typed links, then terms linking here, terms this definition mentions,
// terms whose definitions mention this one, and last terms sharing the
// most categories. A term appears once, with its strongest reason, and
// never the term itself.
func (ix *Index) Related(id string, size int) ([]Related, error) {
	if size < 0 || size > MaxRelated {
		return nil, fmt.Errorf("%w: size must be between 1 and %d", ErrInvalid, MaxRelated)
	}
	if size == 0 {
		size = DefaultRelated
	}
	list, ok := ix.related[id]
	if !ok {
		return nil, fmt.Errorf("term %q: %w", id, ErrNotFound)
	}
	return list[:min(size, len(list))], nil
}

// buildRelated computes every term's related list once per generation, so
// a request only slices a list. Shared-category candidates are capped per
// term to keep this linear in practice.
func buildRelated(c *corpus.Corpus) map[string][]Related {
	linkedFrom := map[string][]string{}
	mentionedBy := map[string][]string{}
	byCategory := map[string][]*corpus.Term{}
	for _, t := range c.Terms {
		for _, l := range t.Related {
			linkedFrom[l.ID] = append(linkedFrom[l.ID], t.ID)
		}
		for _, m := range t.Mentions {
			mentionedBy[m] = append(mentionedBy[m], t.ID)
		}
		for _, cat := range t.Categories {
			byCategory[cat] = append(byCategory[cat], t)
		}
	}
	out := make(map[string][]Related, len(c.Terms))
	for _, t := range c.Terms {
		seen := map[string]bool{t.ID: true}
		list := []Related{}
		add := func(id, reason string) {
			if seen[id] || len(list) >= MaxRelated {
				return
			}
			if o := c.Term(id); o != nil {
				seen[id] = true
				list = append(list, Related{ID: id, Term: o.Term, Reason: reason})
			}
		}
		for _, l := range t.Related {
			add(l.ID, l.Type)
		}
		for _, id := range linkedFrom[t.ID] {
			add(id, ReasonLinkedFrom)
		}
		for _, id := range t.Mentions {
			add(id, ReasonMentioned)
		}
		for _, id := range mentionedBy[t.ID] {
			add(id, ReasonMentionsThis)
		}
		if len(list) < MaxRelated {
			for _, o := range sharedCategory(t, byCategory, seen) {
				add(o.ID, ReasonSharedCategory)
			}
		}
		out[t.ID] = list
	}
	return out
}

// sharedCategory ranks the terms sharing categories with t: most shared
// categories first, then most shared roles, then by name.
func sharedCategory(t *corpus.Term, byCategory map[string][]*corpus.Term, seen map[string]bool) []*corpus.Term {
	shared := map[*corpus.Term]int{}
	for _, cat := range t.Categories {
		for _, o := range byCategory[cat] {
			if !seen[o.ID] {
				shared[o]++
			}
		}
	}
	cands := make([]*corpus.Term, 0, len(shared))
	for o := range shared {
		cands = append(cands, o)
	}
	roles := func(o *corpus.Term) int {
		n := 0
		for _, r := range o.Roles {
			if slices.Contains(t.Roles, r) {
				n++
			}
		}
		return n
	}
	slices.SortFunc(cands, func(a, b *corpus.Term) int {
		return cmp.Or(shared[b]-shared[a], roles(b)-roles(a), strings.Compare(a.ID, b.ID))
	})
	return cands[:min(len(cands), MaxRelated)]
}

// sortedTerms orders terms by display term, case-insensitively, for browsing.
func sortedTerms(c *corpus.Corpus) []*corpus.Term {
	ts := slices.Clone(c.Terms)
	slices.SortFunc(ts, func(a, b *corpus.Term) int {
		return cmp.Or(strings.Compare(corpus.Normalize(a.Term), corpus.Normalize(b.Term)), strings.Compare(a.ID, b.ID))
	})
	return ts
}

// Browse returns every term sorted by display term.
func (ix *Index) Browse() []*corpus.Term { return ix.sorted }
