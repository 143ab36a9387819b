package corpus

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Content rules for the curated corpus. They hold the glossary to a
// learner-grade standard and are checked by Lint, separately from Load:
// Load rejects what cannot be indexed (syntax, references, values), Lint
// rejects what a learner should not see (thin or circular entries). The
// curated corpus must pass both; `glossary validate` runs both.
const (
	MaxDefinitionWords = 35
	MinExamples        = 2
	MinRelated         = 3
	MinRoleCategory    = 8  // terms in each category of a role
	MinRoleTerms       = 40 // distinct terms of a role
	RoleTopics         = 6
	RoleSpotlight      = 4
	MinRoleCategories  = 4
	MinRoleScenarios   = 4
)

// GeneralCategories are the everyday categories every role meets. A term
// filed under one of them belongs to the general vocabulary even when no
// role lists it.
var GeneralCategories = []string{"software-development", "version-control", "code-review", "meetings-planning", "documentation", "incidents"}

// symmetricLinks are the link types that must be written in both terms.
var symmetricLinks = []string{"synonym", "antonym", "confused-with"}

// directedLinks are the link types that point one way only: if a B-tree
// index is a kind of index, an index is not a kind of B-tree index.
var directedLinks = []string{"kind-of", "part-of"}

// Lint checks the content rules on a loaded corpus and returns every
// violation, sorted by position; nil when there are none. Each further
// sense of a term is held to the rules of a term: its definition, its
// examples, its links, its aliases.
func Lint(c *Corpus) Errors {
	p := &problems{}
	names := map[string][]*Term{} // normalised term or alias -> terms using it
	for _, t := range c.Terms {
		lintTerm(c, t, p)
		for _, n := range allNames(t) {
			k := Normalize(n)
			if !slices.Contains(names[k], t) {
				names[k] = append(names[k], t)
			}
		}
	}
	for _, t := range c.Terms {
		lintAliases(t, t.Aliases, t.posOf("aliases"), names, p)
		for _, m := range t.Meanings {
			lintAliases(t, m.Aliases, m.posOf("aliases"), names, p)
		}
	}
	// In name order, so that problems found at the same place (a term's
	// first line) are always listed in the same order.
	for _, name := range slices.Sorted(maps.Keys(names)) {
		ts := names[name]
		for i := 0; i < len(ts); i++ {
			for j := i + 1; j < len(ts); j++ {
				a, b := ts[i], ts[j]
				if explainsDifference(a, b) || explainsDifference(b, a) {
					continue
				}
				p.at(a.Pos, "%q is the term or an alias of both %s and %s: remove one, or link them as confused-with or say how they differ in notes", name, a.ID, b.ID)
			}
		}
	}
	for _, r := range c.Roles {
		lintRole(r, p)
	}
	if len(p.errs) == 0 {
		return nil
	}
	p.errs.sort()
	return p.errs
}

// allNames are the term's name and aliases, its senses' aliases included.
func allNames(t *Term) []string {
	out := append([]string{t.Term}, t.Aliases...)
	for _, m := range t.Meanings {
		out = append(out, m.Aliases...)
	}
	return out
}

// lintAliases reports aliases of t (or of one of its senses) that are the
// name of another entry.
func lintAliases(t *Term, aliases []string, at Pos, names map[string][]*Term, p *problems) {
	for _, a := range aliases {
		for _, o := range names[Normalize(a)] {
			if o != t && Normalize(o.Term) == Normalize(a) {
				p.at(at, "alias %q of %s is the name of another entry, %s: an alias names the same concept; remove it, and link the two terms instead (confused-with, see-also)", a, t.ID, o.ID)
			}
		}
	}
}

// lintSense is what the content rules check in a term's main sense or in
// one of its further senses.
type lintSense struct {
	what       string // "term", or "sense data-model"
	definition string
	examples   []string
	names      []string // what an example may use: the headword, forms, aliases
	related    []Link
	pos        func(field string) Pos
}

func lintTerm(c *Corpus, t *Term, p *problems) {
	forms := append([]string{t.Term}, t.Forms...)
	lintOne(c, t, "", lintSense{what: "term", definition: t.Definition, examples: t.Examples,
		names: append(slices.Clone(forms), t.Aliases...), related: t.Related, pos: t.posOf}, p)
	for _, m := range t.Meanings {
		lintOne(c, t, m.ID, lintSense{what: "sense " + m.ID, definition: m.Definition, examples: m.Examples,
			names: append(slices.Clone(forms), m.Aliases...), related: m.Related, pos: m.posOf}, p)
	}
	if t.Pronunciation == nil {
		p.at(t.Pos, "term has no pronunciation: add pronunciation: {us: /IPA/} (uk too where British speech differs, say for names and acronyms), or {written_only: true}")
	}
	heads := append([]string{t.Term}, t.Aliases...)
	for i, f := range t.Forms {
		if !slices.ContainsFunc(heads, func(h string) bool { return isInflection(h, f) }) {
			p.at(t.posOf(fmt.Sprintf("forms[%d]", i)), "form %q is not an inflection of %q or of an alias (a plural, -s, -ed, -ing, -er or -est form): a derived word belongs in its own entry or in notes, a variant name in aliases", f, t.Term)
		}
	}
	if len(t.Roles) == 0 && !slices.ContainsFunc(t.Categories, func(cat string) bool { return slices.Contains(GeneralCategories, cat) }) {
		p.at(t.Pos, "term belongs to no role and to no general category (%s): list it in a role or file it under one", strings.Join(GeneralCategories, ", "))
	}
}

// lintOne checks one sense of t: sense is its id, "" for the main one.
func lintOne(c *Corpus, t *Term, sense string, s lintSense, p *problems) {
	if n := len(strings.Fields(s.definition)); n > MaxDefinitionWords {
		p.at(s.pos("definition"), "definition has %d words; keep it to %d or fewer", n, MaxDefinitionWords)
	}
	for _, n := range append([]string{t.Term}, t.Forms...) {
		if containsWord(s.definition, n) {
			p.at(s.pos("definition"), "definition is circular: it uses %q to explain %q", n, t.Term)
			break
		}
	}
	if len(s.examples) < MinExamples {
		p.at(s.pos("examples"), "%s needs at least %d examples, has %d", s.what, MinExamples, len(s.examples))
	}
	for i, ex := range s.examples {
		if !slices.ContainsFunc(s.names, func(n string) bool { return containsWord(ex, n) }) {
			p.at(s.pos(fmt.Sprintf("examples[%d]", i)), "example does not use %q, one of its forms or an alias", t.Term)
		}
	}
	if len(s.related) < MinRelated {
		p.at(s.pos("related"), "%s needs at least %d related links, has %d", s.what, MinRelated, len(s.related))
	}
	for _, l := range s.related {
		o := c.Term(l.ID)
		if o == nil {
			continue
		}
		back, targetPOS, where := o.Related, o.PartOfSpeech, o.Pos.File
		if l.Sense != "" {
			m := o.Meaning(l.Sense)
			if m == nil {
				continue
			}
			back, targetPOS, where = m.Related, m.PartOfSpeech, fmt.Sprintf("sense %s in %s", m.ID, o.Pos.File)
		}
		linksBack := slices.ContainsFunc(back, func(b Link) bool { return b.ID == t.ID && b.Sense == sense && b.Type == l.Type })
		if slices.Contains(directedLinks, l.Type) {
			if l.Type == "kind-of" && targetPOS != "noun" {
				p.at(l.Pos, "kind-of link to %q, a%s %s: kind-of names the class a thing belongs to, a noun", l.Ref(), article(targetPOS), targetPOS)
			}
			if linksBack {
				p.at(l.Pos, "%s link to %q points both ways (%s also says it is %s %s): keep the one that is true", l.Type, l.Ref(), where, l.Type, Ref(t.ID, sense))
			}
			continue
		}
		if slices.Contains(symmetricLinks, l.Type) && !linksBack {
			p.at(l.Pos, "%s link to %q must point both ways: add {id: %s, type: %s} to %s", l.Type, l.Ref(), Ref(t.ID, sense), l.Type, where)
		}
	}
}

func lintRole(r *Role, p *problems) {
	if len(r.Topics) != RoleTopics {
		p.at(r.posOf("topics"), "role has %d topics; want %d", len(r.Topics), RoleTopics)
	}
	if len(r.Spotlight) != RoleSpotlight {
		p.at(r.posOf("spotlight"), "role has %d spotlight terms; want %d", len(r.Spotlight), RoleSpotlight)
	}
	if len(r.Categories) < MinRoleCategories {
		p.at(r.posOf("categories"), "role has %d categories; want at least %d", len(r.Categories), MinRoleCategories)
	}
	if len(r.Scenarios) < MinRoleScenarios {
		p.at(r.posOf("scenarios"), "role has %d scenarios; want at least %d", len(r.Scenarios), MinRoleScenarios)
	}
	distinct := map[string]string{} // term id -> the category that lists it first
	for _, rc := range r.Categories {
		if len(rc.Terms) < MinRoleCategory {
			p.at(rc.Pos, "category %q has %d terms; want at least %d", rc.Category, len(rc.Terms), MinRoleCategory)
		}
		for i, id := range rc.Terms {
			if first, dup := distinct[id]; dup && first != rc.Category {
				p.at(rc.termPos[i], "term %q is listed in categories %q and %q of this role: a learner should meet it once on the role's page; keep it in one", id, first, rc.Category)
				continue
			}
			distinct[id] = rc.Category
		}
	}
	if len(distinct) < MinRoleTerms {
		p.at(r.posOf("categories"), "role lists %d distinct terms; want at least %d", len(distinct), MinRoleTerms)
	}
}

// explainsDifference reports whether a, or one of its senses, says how it
// differs from b: a confused-with link to b, or notes that name b.
func explainsDifference(a, b *Term) bool {
	explains := func(related []Link, notes string) bool {
		return slices.ContainsFunc(related, func(l Link) bool { return l.ID == b.ID && l.Type == "confused-with" }) ||
			notes != "" && containsWord(notes, b.Term)
	}
	if explains(a.Related, a.Notes) {
		return true
	}
	return slices.ContainsFunc(a.Meanings, func(m *Meaning) bool { return explains(m.Related, m.Notes) })
}

// containsWord reports whether text contains name as a whole word or
// phrase, ignoring case.
func containsWord(text, name string) bool {
	text, name = strings.ToLower(text), strings.ToLower(name)
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		i = start + size
	}
}

// article is " n" before a vowel sound of a part of speech, "" otherwise.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "n"
	}
	return ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
