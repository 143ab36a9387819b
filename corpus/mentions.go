package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// maxMentionWords is the longest name, in words, looked for in definitions.
const maxMentionWords = 4

// words splits text into lower-case words of letters and digits; "/", "-"
// and "." inside a word keep it whole ("pub/sub", "node.js").
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-' && r != '.' && r != '+' && r != '#'
	})
}

func nameKey(name string) string {
	ws := words(name)
	for i, w := range ws {
		ws[i] = strings.Trim(w, "./-")
	}
	return strings.Join(ws, " ")
}

// A definition that names a term with several senses names one of them,
// and the mention must lead to that one, or be left out: CQRS's "separate
// models, and often separate stores" are data models and data stores, not
// machine-learning models and browser stores. The rule is general, never
// a list of words:
//
//   - an alias of a sense names that sense, and the term's own aliases
//     name its main sense ("data model", "UI state");
//   - the headword and its forms name any sense, so the sense is the one
//     the defined entry points to: a sense it links to, if it links to
//     exactly one; otherwise the sense with the most evidence, one point
//     for each category the two share, for each term both link to, and
//     for a link from the sense to the defined entry (to that sense of it);
//   - the grammar of the words around the name narrows the senses. Only a
//     verb sense can be meant by a form in -ed or -ing ("modelled"), by the
//     headword after "to", a modal verb or a subject pronoun ("to store",
//     "you state"), by an -s form after "it", "that", "which" or "who" ("a
//     field that stores") or after a singular determiner and one word ("an
//     application stores"), and by a name before an object pronoun or an
//     article ("stores them"); only a sense that is not a verb after an
//     article or another determiner ("the store", "whose job") or before a
//     punctuation mark ("separate stores, for");
//   - a sense wins only with evidence and strictly more of it than any
//     other; otherwise no mention is made.
//
// Categories are the ones files write for each sense (a role that lists a
// term does not say which sense it means).

// nameTarget is what a name found in a definition names.
type nameTarget struct {
	id    string
	sense string // a sense named by one of its aliases
	open  bool   // the headword or a form of a term with senses
	form  formKind
}

// formKind is what a headword or form of a term with senses can be.
type formKind int

const (
	formBase formKind = iota // the headword, or a form that is neither of the others
	formS                    // in -s: a plural, or a verb's third person
	formVerb                 // in -ed or -ing
)

// formOf classifies a form by its ending.
func formOf(form string) formKind {
	ws := strings.Fields(nameKey(form))
	if len(ws) == 0 {
		return formBase
	}
	switch last := ws[len(ws)-1]; {
	case strings.HasSuffix(last, "ed") || strings.HasSuffix(last, "ing"):
		return formVerb
	case strings.HasSuffix(last, "s"):
		return formS
	}
	return formBase
}

// Function words that tell a verb from a noun in the word next to them.
var (
	beforeVerb  = wordSet("to not never can cannot could may might must shall should will would i you we they")
	beforeVerbS = wordSet("it that which who")
	beforeNoun  = wordSet("a an the its their our your my his her whose each every this these those another")
	afterVerb   = wordSet("the a an them it its their this these those us him our your my")
	// A singular determiner and one word before an -s form make it a verb
	// ("an application stores"), unless they begin a plural ("a few").
	singular    = wordSet("a an each every this another")
	pluralAfter = wordSet("few couple lot")
)

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

func verbOnly(s senseContext) bool { return s.partOfSpeech() == "verb" }
func notVerb(s senseContext) bool  { return s.partOfSpeech() != "verb" }

// place is where a name was found in a definition: the word before it,
// the word after it, and whether a punctuation mark follows it.
type place struct {
	prev2, prev, next string
	punct             bool
}

// slot says which senses the grammar allows for a name of kind form at
// place p: verbs only, no verbs, or (nil) any.
func slot(p place, form formKind) (keep func(senseContext) bool, why string) {
	switch {
	case form == formVerb:
		return verbOnly, "a verb form"
	case form == formBase && beforeVerb[p.prev], form == formS && beforeVerbS[p.prev]:
		return verbOnly, "a verb after " + strconv.Quote(p.prev)
	case form == formS && singular[p.prev2] && !pluralAfter[p.prev] && !beforeNoun[p.prev]:
		return verbOnly, "a verb after " + strconv.Quote(p.prev2+" "+p.prev)
	case beforeNoun[p.prev]:
		return notVerb, "a noun after " + strconv.Quote(p.prev)
	case afterVerb[p.next]:
		return verbOnly, "a verb before " + strconv.Quote(p.next)
	case p.punct:
		return notVerb, "a noun before a punctuation mark"
	}
	return nil, ""
}

// token is a word of a definition, lower case, and whether a punctuation
// mark follows it.
type token struct {
	word  string
	punct bool
}

// tokens splits a definition into words as words does, noting the
// punctuation after each: a comma, full stop, colon, semicolon, question
// or exclamation mark, or closing bracket.
func tokens(text string) []token {
	var out []token
	rest := strings.ToLower(text)
	for _, w := range words(text) {
		rest = rest[strings.Index(rest, w)+len(w):]
		after := strings.TrimLeft(rest, " \t\n")
		punct := strings.HasSuffix(w, ".") || after != "" && strings.ContainsRune(",.;:?!)]", rune(after[0]))
		out = append(out, token{word: strings.Trim(w, "./-"), punct: punct})
	}
	return out
}

// SenseMention is a name of a term with several senses found in a
// definition, and the sense it was taken to mean. Corpus.SenseMentions
// lists them so the resolution can be reviewed.
type SenseMention struct {
	From string // the defining entry: a term id, or term#sense
	Name string // the words found, as written in the definition
	To   string // the term named
	// Sense is the sense meant ("" the main one) when Resolved; Reason
	// says why, or why none was chosen.
	Sense    string
	Resolved bool
	Reason   string
	Context  string // the words around the name
}

// senseContext is what a definition belongs to: a term's main sense, or
// one of its further senses.
type senseContext struct {
	t          *Term
	m          *Meaning // nil for the main sense
	categories []string
	related    []Link
}

func (sc senseContext) ref() string {
	if sc.m == nil {
		return sc.t.ID
	}
	return Ref(sc.t.ID, sc.m.ID)
}

// contexts lists the main sense of t, then its further senses.
func contexts(t *Term) []senseContext {
	main := t.Categories
	if t.MainCategories != nil {
		main = t.MainCategories
	}
	out := []senseContext{{t: t, categories: main, related: t.Related}}
	for _, m := range t.Meanings {
		out = append(out, senseContext{t: t, m: m, categories: m.Categories, related: m.Related})
	}
	return out
}

func (sc senseContext) definition() string {
	if sc.m == nil {
		return sc.t.Definition
	}
	return sc.m.Definition
}

func (sc senseContext) partOfSpeech() string {
	if sc.m == nil {
		return sc.t.PartOfSpeech
	}
	return sc.m.PartOfSpeech
}

// mentionFinder finds the terms a definition names.
type mentionFinder struct {
	c      *Corpus
	byName map[string]nameTarget
}

func newMentionFinder(c *Corpus) *mentionFinder {
	f := &mentionFinder{c: c, byName: map[string]nameTarget{}}
	claim := func(name string, nt nameTarget) {
		k := nameKey(name)
		if len([]rune(k)) < 3 {
			return // "IT", "Go": too ambiguous to count as a mention
		}
		if _, taken := f.byName[k]; !taken {
			f.byName[k] = nt
		}
	}
	for _, t := range c.Terms {
		multi := len(t.Meanings) > 0
		claim(t.Term, nameTarget{id: t.ID, open: multi})
		for _, a := range t.Aliases {
			claim(a, nameTarget{id: t.ID})
		}
		for _, form := range t.Forms {
			claim(form, nameTarget{id: t.ID, open: multi, form: formOf(form)})
		}
		for _, m := range t.Meanings {
			for _, a := range m.Aliases {
				claim(a, nameTarget{id: t.ID, sense: m.ID})
			}
		}
	}
	return f
}

// find returns every name of another term in the context's definition, in
// order of appearance, each term once: the longest name first ("message
// queue" before "queue").
func (f *mentionFinder) find(sc senseContext) []SenseMention {
	toks := tokens(sc.definition())
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.word
	}
	var out []SenseMention
	seen := map[string]bool{}
	for i := range ws {
		for n := min(maxMentionWords, len(ws)-i); n >= 1; n-- {
			nt, ok := f.byName[strings.Join(ws[i:i+n], " ")]
			if !ok || nt.id == sc.t.ID || seen[nt.id] {
				continue
			}
			seen[nt.id] = true
			m := SenseMention{From: sc.ref(), Name: strings.Join(ws[i:i+n], " "), To: nt.id, Sense: nt.sense, Resolved: !nt.open}
			if nt.open {
				p := place{punct: toks[i+n-1].punct}
				if i > 0 {
					p.prev = ws[i-1]
				}
				if i > 1 {
					p.prev2 = ws[i-2]
				}
				if i+n < len(ws) && !p.punct {
					p.next = ws[i+n]
				}
				m.Sense, m.Resolved, m.Reason = f.resolve(sc, f.c.Term(nt.id), p, nt.form)
			} else if nt.sense != "" {
				m.Reason = "an alias of the sense"
			} else if len(f.c.Term(nt.id).Meanings) > 0 {
				m.Reason = "an alias of the term, which names its main sense"
			}
			m.Context = around(ws, i, n)
			out = append(out, m)
			break
		}
	}
	return out
}

// around returns the words of a definition near the name found at word
// i (n words long), the name in capitals, for a reviewer to judge the
// sense by.
func around(ws []string, i, n int) string {
	lo, hi := max(0, i-6), min(len(ws), i+n+6)
	out := slices.Clone(ws[lo:hi])
	for j := i - lo; j < i-lo+n; j++ {
		out[j] = strings.ToUpper(out[j])
	}
	return strings.Join(out, " ")
}

// resolve chooses the sense of t meant in the definition of sc, by the
// rule at the top of this file.
func (f *mentionFinder) resolve(sc senseContext, t *Term, p place, form formKind) (sense string, ok bool, reason string) {
	cands := contexts(t)
	keep, grammar := slot(p, form)
	if keep != nil {
		cands = slices.DeleteFunc(cands, func(s senseContext) bool { return !keep(s) })
		if len(cands) == 0 {
			return "", false, grammar + ", and no sense is one"
		}
	}
	senseID := func(s senseContext) string {
		if s.m == nil {
			return ""
		}
		return s.m.ID
	}
	var linked []senseContext
	for _, s := range cands {
		if slices.ContainsFunc(sc.related, func(l Link) bool { return l.ID == t.ID && l.Sense == senseID(s) }) {
			linked = append(linked, s)
		}
	}
	if len(linked) == 1 {
		return senseID(linked[0]), true, "linked from " + sc.ref()
	}
	best, bestScore, second := senseContext{}, 0, 0
	var why []string
	for _, s := range cands {
		score := 0
		var ev []string
		for _, cat := range s.categories {
			if slices.Contains(sc.categories, cat) {
				score++
				ev = append(ev, cat)
			}
		}
		for _, l := range s.related {
			if l.Ref() == sc.ref() {
				score++
				ev = append(ev, "links to "+sc.ref())
			} else if l.ID != sc.t.ID && slices.ContainsFunc(sc.related, func(o Link) bool { return o.ID == l.ID }) {
				score++
				ev = append(ev, "both link to "+l.ID)
			}
		}
		switch {
		case score > bestScore:
			best, second, bestScore = s, bestScore, score
		case score > second:
			second = score
		}
		if score > 0 {
			why = append(why, fmt.Sprintf("%s %d (%s)", s.ref(), score, strings.Join(ev, ", ")))
		}
	}
	because := func(r string) string {
		if grammar == "" {
			return r
		}
		return grammar + "; " + r
	}
	switch {
	case bestScore == 0:
		return "", false, because("no sense shares a category or a link")
	case bestScore == second:
		return "", false, because("tie: " + strings.Join(why, "; "))
	}
	return senseID(best), true, because(strings.Join(why, "; "))
}

// deriveMentions fills the Mentions of each term and sense: the other
// terms whose name, alias or form appears in its definition, in order of
// appearance, and for a term with senses the sense meant, or nothing when
// that cannot be told.
func deriveMentions(c *Corpus) {
	f := newMentionFinder(c)
	for _, t := range c.Terms {
		for _, sc := range contexts(t) {
			ids, senses := []string{}, map[string]string(nil)
			for _, m := range f.find(sc) {
				if !m.Resolved {
					continue
				}
				ids = append(ids, m.To)
				if m.Sense != "" {
					if senses == nil {
						senses = map[string]string{}
					}
					senses[m.To] = m.Sense
				}
			}
			if sc.m == nil {
				t.Mentions, t.MentionSenses = ids, senses
			} else {
				sc.m.Mentions, sc.m.MentionSenses = ids, senses
			}
		}
	}
}

// SenseMentions lists every name of a term with several senses found in
// a definition of the corpus, with the sense it was taken to mean or the
// reason none was, in the order of the defining terms.
func (c *Corpus) SenseMentions() []SenseMention {
	f := newMentionFinder(c)
	var out []SenseMention
	for _, t := range c.Terms {
		for _, sc := range contexts(t) {
			for _, m := range f.find(sc) {
				if o := c.Term(m.To); o != nil && len(o.Meanings) > 0 {
					out = append(out, m)
				}
			}
		}
	}
	return out
}
