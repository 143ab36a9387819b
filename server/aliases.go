package server

import (
	"strings"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// Addresses that name a term or a role another way than by its id — a
// case variant (/terms/Idempotent), an alias (/terms/k8s), a form
// (/terms/race-conditions) or a spelling with spaces (/terms/back%20pressure)
// — are redirected to the page (301), as dictionaries redirect their
// headwords' variants, so links that people type or guess keep working.
// Which name leads to which term is the generation's catalog's to say
// (search.Catalog.TermNamed); the addresses are the server's.

// otherName returns the page that the missing /terms/ or /roles/ address
// prefix+name names another way, or "" when there is none: the id in
// lower case, then the name as an id (corpus.Slug: "C++" is c-plus-plus),
// then a name, alias or form. It never returns the address asked for
// itself, so a redirect cannot loop.
func otherName(cat *search.Catalog, prefix, name string) string {
	if len(name) > MaxValueLength {
		return ""
	}
	self := prefix + name
	exists := func(id string) bool { return lookupTerm(cat, id) != nil }
	if prefix == "/roles/" {
		exists = func(slug string) bool { return lookupRole(cat, slug) != nil }
	}
	for _, id := range []string{strings.ToLower(name), corpus.Slug(name)} {
		if id != "" && exists(id) && prefix+id != self {
			return prefix + id
		}
	}
	name = strings.ReplaceAll(name, "_", " ")
	var u string
	if prefix == "/roles/" {
		if slug, ok := cat.RoleNamed(name); ok {
			u = "/roles/" + slug
		}
	} else if to, ok := cat.TermNamed(name); ok {
		u = senseURL(to.ID, to.Sense)
	}
	if u == self {
		return ""
	}
	return u
}

// lookupTerm returns the term with the given id, or nil.
func lookupTerm(cat *search.Catalog, id string) *corpus.Term {
	t, err := cat.Term(id)
	if err != nil {
		return nil
	}
	return t
}

// lookupRole returns the role with the given slug, or nil.
func lookupRole(cat *search.Catalog, slug string) *corpus.Role {
	r, err := cat.Role(slug)
	if err != nil {
		return nil
	}
	return r
}
