package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// Normalize folds text for comparisons between terms and aliases: lower
// case, single spaces. It is what makes "Pub/Sub" and "pub/sub" one name.
func Normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// validate checks what no single file can: references between files,
// duplicates, and the allowed values of fields.
func validate(c *Corpus, p *problems) {
	names := map[string]Pos{} // normalised display term -> where it is defined
	for _, t := range c.Terms {
		validateTerm(c, t, p)
		if t.Term == "" {
			continue
		}
		key := Normalize(t.Term)
		at := t.posOf("term")
		if prev, dup := names[key]; dup {
			p.at(at, "duplicate term %q: also defined at %s", t.Term, prev)
			p.at(prev, "duplicate term %q: also defined at %s", t.Term, at)
			continue
		}
		names[key] = at
	}
	for _, r := range c.Roles {
		validateRole(c, r, p)
	}
	validateMisspellings(c, p)
}

func (t *Term) posOf(field string) Pos {
	if p, ok := t.fields[field]; ok {
		return p
	}
	return t.Pos
}

func (r *Role) posOf(field string) Pos {
	if p, ok := r.fields[field]; ok {
		return p
	}
	return r.Pos
}

func validateTerm(c *Corpus, t *Term, p *problems) {
	if t.Level != "" && !slices.Contains(Levels, t.Level) {
		p.at(t.posOf("level"), "level %q is not a CEFR level: use one of %s", t.Level, strings.Join(Levels, ", "))
	}
	if t.PartOfSpeech != "" && !slices.Contains(PartsOfSpeech, t.PartOfSpeech) {
		p.at(t.posOf("part_of_speech"), "part_of_speech %q is not one of %s", t.PartOfSpeech, strings.Join(PartsOfSpeech, ", "))
	}
	if _, ok := t.fields["examples"]; ok && len(t.Examples) < 2 {
		p.at(t.posOf("examples"), "term needs at least two examples, has %d", len(t.Examples))
	}
	if _, ok := t.fields["categories"]; ok && len(t.Categories) == 0 {
		p.at(t.posOf("categories"), "term needs at least one category")
	}
	for i, cat := range t.Categories {
		if _, ok := c.categories[cat]; !ok {
			p.at(t.posOf(fmt.Sprintf("categories[%d]", i)), "unknown category %q%s", cat, closest(cat, c.categoryKeys()))
		}
	}
	seen := map[string]bool{}
	for _, l := range t.Related {
		switch {
		case l.ID == "":
		case l.ID == t.ID:
			p.at(l.Pos, "term %q is related to itself", t.ID)
		case c.terms[l.ID] == nil:
			p.at(l.Pos, "related term %q does not exist (no file terms/%s.yaml)%s", l.ID, l.ID, closest(l.ID, c.termKeys()))
		case seen[l.ID]:
			p.at(l.Pos, "related term %q is listed twice", l.ID)
		}
		seen[l.ID] = true
	}
}

func validateRole(c *Corpus, r *Role, p *problems) {
	checkTerm := func(id string, at Pos, where string) {
		if c.terms[id] == nil {
			p.at(at, "%s term %q does not exist (no file terms/%s.yaml)%s", where, id, id, closest(id, c.termKeys()))
		}
	}
	for i, id := range r.Spotlight {
		checkTerm(id, r.posOf(fmt.Sprintf("spotlight[%d]", i)), "spotlight")
	}
	for i, slug := range r.RelatedRoles {
		at := r.posOf(fmt.Sprintf("related_roles[%d]", i))
		switch {
		case slug == r.Slug:
			p.at(at, "role %q lists itself as a related role", slug)
		case c.roles[slug] == nil:
			p.at(at, "related role %q does not exist (no file roles/%s.yaml)", slug, slug)
		}
	}
	seenCat := map[string]Pos{}
	for _, rc := range r.Categories {
		if rc.Category != "" {
			if _, ok := c.categories[rc.Category]; !ok {
				p.at(rc.Pos, "unknown category %q%s", rc.Category, closest(rc.Category, c.categoryKeys()))
			}
			if prev, dup := seenCat[rc.Category]; dup {
				p.at(rc.Pos, "category %q appears twice in this role (first at %s)", rc.Category, prev)
			}
			seenCat[rc.Category] = rc.Pos
		}
		seen := map[string]bool{}
		for i, id := range rc.Terms {
			checkTerm(id, rc.termPos[i], "category "+rc.Category)
			if seen[id] {
				p.at(rc.termPos[i], "term %q is listed twice in category %q", id, rc.Category)
			}
			seen[id] = true
		}
	}
}

func (c *Corpus) termKeys() []string {
	keys := make([]string, 0, len(c.terms))
	for k := range c.terms {
		keys = append(keys, k)
	}
	return keys
}

func (c *Corpus) categoryKeys() []string {
	keys := make([]string, 0, len(c.categories))
	for k := range c.categories {
		keys = append(keys, k)
	}
	return keys
}

// closest suggests the nearest of keys to a misspelt reference.
func closest(s string, keys []string) string {
	best, bestD := "", max(2, len(s)/4)+1
	slices.Sort(keys)
	for _, k := range keys {
		if d := EditDistance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// derive fills the fields computed from the whole corpus: each term's roles,
// and the categories roles file it under.
func derive(c *Corpus) {
	for _, r := range c.Roles {
		add := func(id string) {
			if t := c.terms[id]; t != nil && !slices.Contains(t.Roles, r.Slug) {
				t.Roles = append(t.Roles, r.Slug)
			}
		}
		for _, id := range r.Spotlight {
			add(id)
		}
		for _, rc := range r.Categories {
			for _, id := range rc.Terms {
				add(id)
				if t := c.terms[id]; t != nil && rc.Category != "" && !slices.Contains(t.Categories, rc.Category) {
					t.Categories = append(t.Categories, rc.Category)
				}
			}
		}
	}
	deriveMentions(c)
	for _, t := range c.Terms {
		slices.Sort(t.Roles)
		t.emptyLists()
	}
}
