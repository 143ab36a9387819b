package search

import "github.com/glossary/glossary/corpus"

// TermNamed returns the term (and sense) that name names another way
// than by its id: its name, an alias or a form, compared squashed
// (corpus.Squash), so case, spaces and hyphens do not matter. When two
// terms share a name, the first claim wins, in this order: ids and names
// before aliases, aliases before forms, curated terms before imported
// ones.
func (c *Catalog) TermNamed(name string) (NameTarget, bool) {
	c.namesOnce.Do(c.indexNames)
	t, ok := c.termNames[corpus.Squash(name)]
	return t, ok
}

// RoleNamed returns the slug of the role that name names, by its slug or
// its name, compared squashed.
func (c *Catalog) RoleNamed(name string) (string, bool) {
	c.namesOnce.Do(c.indexNames)
	slug, ok := c.roleNames[corpus.Squash(name)]
	return slug, ok
}

// indexNames indexes every term by its id, name, aliases and forms, and
// each further sense by its aliases; and every role by its slug and name
// (the order of claims is TermNamed's). It is built on first use: only
// the redirects of mistyped addresses need it.
func (c *Catalog) indexNames() {
	terms, roles := map[string]NameTarget{}, map[string]string{}
	claim := func(name string, to NameTarget) {
		if k := corpus.Squash(name); k != "" {
			if _, taken := terms[k]; !taken {
				terms[k] = to
			}
		}
	}
	for _, imported := range []bool{false, true} {
		for _, t := range c.corpus.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				claim(t.ID, NameTarget{ID: t.ID})
				claim(t.Term, NameTarget{ID: t.ID})
			}
		}
		for _, t := range c.corpus.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				for _, a := range t.Aliases {
					claim(a, NameTarget{ID: t.ID})
				}
				for _, m := range t.Meanings {
					for _, a := range m.Aliases {
						claim(a, NameTarget{ID: t.ID, Sense: m.ID})
					}
				}
			}
		}
		for _, t := range c.corpus.Terms {
			if (t.Source != corpus.SourceCurated) == imported {
				for _, f := range t.Forms {
					claim(f, NameTarget{ID: t.ID})
				}
			}
		}
	}
	claimRole := func(name, slug string) {
		if k := corpus.Squash(name); k != "" {
			if _, taken := roles[k]; !taken {
				roles[k] = slug
			}
		}
	}
	for _, r := range c.corpus.Roles {
		claimRole(r.Slug, r.Slug)
	}
	for _, r := range c.corpus.Roles {
		claimRole(r.Name, r.Slug)
	}
	c.termNames, c.roleNames = terms, roles
}
