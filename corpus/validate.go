package corpus

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Normalize folds text for comparisons between terms and aliases: lower
// case, single spaces. It is what makes "Pub/Sub" and "pub/sub" one name.
func Normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Squash folds a name to its letters and digits, in lower case, so that
// spellings that differ only in spaces, hyphens and slashes are one:
// "on-call", "on call" and "oncall" are all "oncall", "CI/CD" and "ci cd"
// "cicd". Search and autocomplete match names by it.
func Squash(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
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

func (m *Meaning) posOf(field string) Pos {
	if p, ok := m.fields[field]; ok {
		return p
	}
	return m.Pos
}

func validateTerm(c *Corpus, t *Term, p *problems) {
	validateSense(c, t.Level, t.PartOfSpeech, t.Categories, t.posOf, p)
	if _, ok := t.fields["examples"]; ok && len(t.Examples) < 2 {
		p.at(t.posOf("examples"), "term needs at least two examples, has %d", len(t.Examples))
	}
	if _, ok := t.fields["categories"]; ok && len(t.Categories) == 0 {
		p.at(t.posOf("categories"), "term needs at least one category")
	}
	validateLinks(c, t, t.Related, p)
	for _, m := range t.Meanings {
		validateSense(c, m.Level, m.PartOfSpeech, m.Categories, m.posOf, p)
		if _, ok := m.fields["examples"]; ok && len(m.Examples) < 2 {
			p.at(m.posOf("examples"), "sense %s needs at least two examples, has %d", m.ID, len(m.Examples))
		}
		if _, ok := m.fields["categories"]; ok && len(m.Categories) == 0 {
			p.at(m.posOf("categories"), "sense %s needs at least one category", m.ID)
		}
		validateLinks(c, t, m.Related, p)
	}
}

// validateSense checks the allowed values of what a term and each of its
// senses have: level, part of speech and categories.
func validateSense(c *Corpus, level, pos string, cats []string, at func(string) Pos, p *problems) {
	if level != "" && !slices.Contains(Levels, level) {
		p.at(at("level"), "level %q is not a CEFR level: use one of %s", level, strings.Join(Levels, ", "))
	}
	if pos != "" && !slices.Contains(PartsOfSpeech, pos) {
		p.at(at("part_of_speech"), "part_of_speech %q is not one of %s", pos, strings.Join(PartsOfSpeech, ", "))
	}
	for i, cat := range cats {
		if _, ok := c.categories[cat]; !ok {
			p.at(at(fmt.Sprintf("categories[%d]", i)), "unknown category %q%s", cat, closest(cat, c.categoryKeys()))
		}
	}
}

// validateLinks checks the links of t or of one of its senses: each names
// an existing term, and an existing sense of it when it names one, not t
// itself, and not twice.
func validateLinks(c *Corpus, t *Term, links []Link, p *problems) {
	seen := map[string]bool{}
	for _, l := range links {
		o := c.terms[l.ID]
		switch {
		case l.ID == "":
		case l.ID == t.ID && l.Sense == "":
			p.at(l.Pos, "term %q is related to itself", t.ID)
		case l.ID == t.ID:
			p.at(l.Pos, "link to %s, a sense of this same term: the senses of a term are shown together, so link other terms", l.Ref())
		case o == nil && p.unloaded["terms/"+l.ID]:
			// The file exists; its own error is reported.
		case o == nil:
			p.at(l.Pos, "related term %q does not exist (no file terms/%s.yaml)%s", l.ID, l.ID, closest(l.ID, c.termKeys()))
		case l.Sense != "" && o.Meaning(l.Sense) == nil:
			p.at(l.Pos, "term %q has no sense %q%s", l.ID, l.Sense, senseChoice(o, l.Sense))
		case seen[l.Ref()]:
			p.at(l.Pos, "related term %q is listed twice", l.Ref())
		}
		seen[l.Ref()] = true
	}
}

// senseChoice suggests the sense of t closest to a misspelt sense id, or
// lists its senses.
func senseChoice(t *Term, sense string) string {
	var ids []string
	for _, m := range t.Meanings {
		ids = append(ids, m.ID)
	}
	if len(ids) == 0 {
		return fmt.Sprintf(": %s has one sense; link it as {id: %s}", t.ID, t.ID)
	}
	if s := closest(sense, ids); s != "" {
		return s
	}
	return fmt.Sprintf(" (its senses: %s)", strings.Join(ids, ", "))
}

func validateRole(c *Corpus, r *Role, p *problems) {
	checkTerm := func(id string, at Pos, where string) {
		if c.terms[id] == nil && !p.unloaded["terms/"+id] {
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
		case c.roles[slug] == nil && p.unloaded["roles/"+slug]:
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
// the categories its senses and roles file it under, and mentions.
func derive(c *Corpus) {
	for _, t := range c.Terms {
		if len(t.Meanings) == 0 {
			continue
		}
		t.MainCategories = slices.Clone(t.Categories)
		for _, m := range t.Meanings {
			for _, cat := range m.Categories {
				if !slices.Contains(t.Categories, cat) {
					t.Categories = append(t.Categories, cat)
				}
			}
		}
	}
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
