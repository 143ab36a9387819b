package server

import (
	"strings"
	"sync"

	"github.com/glossary/glossary/corpus"
)

// Addresses that name a term or a role another way than by its id — a
// case variant (/terms/Idempotent), an alias (/terms/k8s), a form
// (/terms/race-conditions) or a spelling with spaces (/terms/back%20pressure)
// — are redirected to the page (301), as dictionaries redirect their
// headwords' variants, so links that people type or guess keep working.

// nameIndex maps the names a corpus knows to the pages they lead to.
type nameIndex struct {
	terms map[string]string // squashed name -> /terms/id[#sense]
	roles map[string]string // squashed slug or name -> /roles/slug
}

// A server holds the name index of the generation it last needed one for:
// it is built on the first miss, in a few milliseconds, and replaced when
// a reindex brings another corpus.
type nameIndexCache struct {
	mu     sync.Mutex
	corpus *corpus.Corpus
	index  *nameIndex
}

func (c *nameIndexCache) get(cp *corpus.Corpus) *nameIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.corpus != cp {
		c.corpus, c.index = cp, newNameIndex(cp)
	}
	return c.index
}

// newNameIndex indexes every term by its id, name, aliases and forms, and
// each further sense by its aliases; and every role by its slug and name.
// When two terms share a name, the first claim wins, in this order: ids
// and names before aliases, aliases before forms, curated terms before
// imported ones. Names are compared squashed (corpus.Squash), so case,
// spaces and hyphens do not matter.
func newNameIndex(cp *corpus.Corpus) *nameIndex {
	ix := &nameIndex{terms: map[string]string{}, roles: map[string]string{}}
	claim := func(m map[string]string, name, url string) {
		if k := corpus.Squash(name); k != "" {
			if _, taken := m[k]; !taken {
				m[k] = url
			}
		}
	}
	for _, imported := range []bool{false, true} {
		for _, t := range cp.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				claim(ix.terms, t.ID, "/terms/"+t.ID)
				claim(ix.terms, t.Term, "/terms/"+t.ID)
			}
		}
		for _, t := range cp.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				for _, a := range t.Aliases {
					claim(ix.terms, a, "/terms/"+t.ID)
				}
				for _, m := range t.Meanings {
					for _, a := range m.Aliases {
						claim(ix.terms, a, senseURL(t.ID, m.ID))
					}
				}
			}
		}
		for _, t := range cp.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				for _, f := range t.Forms {
					claim(ix.terms, f, "/terms/"+t.ID)
				}
			}
		}
	}
	for _, r := range cp.Roles {
		claim(ix.roles, r.Slug, "/roles/"+r.Slug)
	}
	for _, r := range cp.Roles {
		claim(ix.roles, r.Name, "/roles/"+r.Slug)
	}
	return ix
}

// lookup returns the page that name leads to in m, or "" when it leads
// nowhere or to the page asked for itself (self, so a redirect can never
// loop).
func lookup(m map[string]string, name, self string) string {
	if u := m[corpus.Squash(strings.ReplaceAll(name, "_", " "))]; u != "" && u != self {
		return u
	}
	return ""
}

// otherName returns the page that the missing /terms/ or /roles/ address
// prefix+name names another way, or "" when there is none: the id in
// lower case, then the name as an id (corpus.Slug: "C++" is c-plus-plus),
// then a name, alias or form.
func (s *Server) otherName(cp *corpus.Corpus, prefix, name string) string {
	if len(name) > MaxValueLength {
		return ""
	}
	self := prefix + name
	exists := func(id string) bool { return cp.Term(id) != nil }
	m := s.names.get(cp).terms
	if prefix == "/roles/" {
		exists = func(slug string) bool { return cp.Role(slug) != nil }
		m = s.names.get(cp).roles
	}
	for _, id := range []string{strings.ToLower(name), corpus.Slug(name)} {
		if id != "" && exists(id) && prefix+id != self {
			return prefix + id
		}
	}
	return lookup(m, name, self)
}
