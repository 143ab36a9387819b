package corpus

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// SourceCurated is the source of the entries written for this glossary,
// as opposed to those imported from public glossaries.
const SourceCurated = "curated"

// Attribution names where an imported entry comes from and under which
// licence, as the licences of imported glossaries require it to be shown.
type Attribution struct {
	Source  string `json:"source"`  // the source's id, such as "foldoc"
	Name    string `json:"name"`    // its short name, such as "FOLDOC"
	Title   string `json:"title"`   // its full title
	URL     string `json:"url"`     // where the original is published
	License string `json:"license"` // the licence it is distributed under
}

// Sense is an imported definition of a term that already has an entry: a
// curated term and an imported entry with the same headword are one term,
// with the imported definition as a secondary sense.
type Sense struct {
	Source      string       `json:"source"`
	Definition  string       `json:"definition"`
	Text        string       `json:"text,omitempty"`
	Attribution *Attribution `json:"attribution"`
}

// Source is a glossary imported from elsewhere (see the dictd package),
// saved as JSON in the data folder and merged with the curated corpus when
// an index is built.
type Source struct {
	Attribution
	Entries []Entry `json:"entries"`
}

// Entry is one imported entry, before it is merged.
type Entry struct {
	Headword string   `json:"headword"`
	Aliases  []string `json:"aliases,omitempty"`
	// PartOfSpeech is one of PartsOfSpeech when the source says, or "".
	PartOfSpeech string `json:"part_of_speech,omitempty"`
	// Definition is the entry's first sense, short enough for a result
	// list; Text is the whole entry, paragraphs separated by blank lines.
	Definition string `json:"definition"`
	Text       string `json:"text,omitempty"`
	// SeeAlso are the headwords the entry refers to, resolved to term ids
	// when the source is merged; references to missing entries are dropped.
	SeeAlso []string `json:"see_also,omitempty"`
}

// WriteSource writes an imported source as JSON.
func WriteSource(w io.Writer, s *Source) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("encode source %s: %w", s.Source, err)
	}
	return nil
}

// ReadSource reads a source written by WriteSource and checks that it can
// be merged: a name, and a headword and definition for every entry.
func ReadSource(r io.Reader) (*Source, error) {
	var s Source
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("decode source: %w", err)
	}
	if !slugRe.MatchString(s.Source) || s.Source == SourceCurated {
		return nil, fmt.Errorf("source name %q must be lower-case letters and digits joined by hyphens, and not %q", s.Source, SourceCurated)
	}
	for i, e := range s.Entries {
		if strings.TrimSpace(e.Headword) == "" || strings.TrimSpace(e.Definition) == "" {
			return nil, fmt.Errorf("source %s: entry %d has no headword or no definition", s.Source, i+1)
		}
		if e.PartOfSpeech != "" && !slices.Contains(PartsOfSpeech, e.PartOfSpeech) {
			return nil, fmt.Errorf("source %s: entry %d (%s) has part of speech %q, not one of %s", s.Source, i+1, e.Headword, e.PartOfSpeech, strings.Join(PartsOfSpeech, ", "))
		}
	}
	return &s, nil
}

// MergeStats counts what Merge did with each source's entries.
type MergeStats struct {
	Source string `json:"source"`
	Added  int    `json:"added"`  // new terms
	Merged int    `json:"merged"` // secondary senses of an existing term
}

// maxSeeAlso bounds the links an imported entry keeps.
const maxSeeAlso = 12

// Merge returns a corpus holding c's terms and roles plus the entries of
// the imported sources, which are taken in the order given. An entry whose
// headword is the name or an alias of a term already there (curated, or
// from an earlier source) becomes a secondary sense of that term instead
// of a duplicate; any other entry becomes a term of its own, with an id
// made from its headword. c itself is not modified.
func Merge(c *Corpus, sources []*Source) (*Corpus, []MergeStats) {
	out := &Corpus{Roles: c.Roles, Categories: c.Categories, roles: c.roles, categories: c.categories,
		terms: make(map[string]*Term, len(c.Terms))}
	byName := map[string]*Term{}
	claim := func(name string, t *Term) {
		if k := Normalize(name); k != "" {
			if _, taken := byName[k]; !taken {
				byName[k] = t
			}
		}
	}
	for _, t := range c.Terms {
		cp := *t
		out.Terms = append(out.Terms, &cp)
		out.terms[cp.ID] = &cp
	}
	for _, t := range out.Terms {
		claim(t.Term, t)
	}
	for _, t := range out.Terms {
		for _, a := range t.Aliases {
			claim(a, t)
		}
	}
	var stats []MergeStats
	type pending struct {
		t       *Term
		seeAlso []string
	}
	var added []pending
	for _, s := range sources {
		attr := s.Attribution
		st := MergeStats{Source: s.Source}
		for _, e := range s.Entries {
			key := Normalize(e.Headword)
			if t, ok := byName[key]; ok {
				t.Senses = append(t.Senses, Sense{Source: s.Source, Definition: e.Definition, Text: e.Text, Attribution: &attr})
				st.Merged++
				continue
			}
			t := &Term{ID: uniqueID(out.terms, Slug(e.Headword)), Term: strings.TrimSpace(e.Headword), Source: s.Source, PartOfSpeech: e.PartOfSpeech,
				Definition: e.Definition, Text: e.Text, Attribution: &attr}
			for _, a := range e.Aliases {
				if k := Normalize(a); k != "" && k != key && !slices.ContainsFunc(t.Aliases, func(x string) bool { return Normalize(x) == k }) {
					t.Aliases = append(t.Aliases, strings.TrimSpace(a))
				}
			}
			t.emptyLists()
			out.Terms = append(out.Terms, t)
			out.terms[t.ID] = t
			claim(t.Term, t)
			for _, a := range t.Aliases {
				claim(a, t)
			}
			added = append(added, pending{t, e.SeeAlso})
			st.Added++
		}
		stats = append(stats, st)
	}
	// Links are resolved once every entry has a place, so an entry can
	// point to one imported after it, or to a curated term.
	for _, p := range added {
		for _, h := range p.seeAlso {
			to, ok := byName[Normalize(h)]
			if !ok || to == p.t || len(p.t.Related) >= maxSeeAlso || slices.ContainsFunc(p.t.Related, func(l Link) bool { return l.ID == to.ID }) {
				continue
			}
			p.t.Related = append(p.t.Related, Link{ID: to.ID, Type: "see-also"})
		}
	}
	slices.SortFunc(out.Terms, func(a, b *Term) int { return strings.Compare(a.ID, b.ID) })
	for _, s := range sources {
		out.Sources = append(out.Sources, s.Attribution)
	}
	return out, stats
}

// uniqueID returns id, or id with the smallest numeric suffix that no term
// has yet ("c", "c-2").
func uniqueID(taken map[string]*Term, id string) string {
	if _, dup := taken[id]; !dup {
		return id
	}
	for n := 2; ; n++ {
		if c := id + "-" + strconv.Itoa(n); taken[c] == nil {
			return c
		}
	}
}

// symbolNames spell the symbols that matter in computing names, so that
// "C++", "C#" and "F#" get distinct, readable ids.
var symbolNames = map[rune]string{'+': "plus", '#': "sharp", '&': "and", '@': "at", '*': "star", '!': "bang", '$': "dollar", '%': "percent"}

// Slug turns a headword into a term id: lower-case letters and digits
// joined by hyphens. Symbols that would otherwise vanish are spelt out,
// and a headword of other characters only becomes "u" and its code points.
func Slug(headword string) string {
	var b strings.Builder
	hyphen := false
	sep := func() {
		if b.Len() > 0 {
			hyphen = true
		}
	}
	for _, r := range strings.ToLower(headword) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen {
				b.WriteByte('-')
				hyphen = false
			}
			b.WriteRune(r)
		case symbolNames[r] != "":
			sep()
			if hyphen {
				b.WriteByte('-')
				hyphen = false
			}
			b.WriteString(symbolNames[r])
			sep()
		default:
			sep()
		}
	}
	if b.Len() == 0 {
		var cps []string
		for _, r := range headword {
			cps = append(cps, strconv.FormatInt(int64(r), 16))
		}
		return "u" + strings.Join(cps, "-")
	}
	return b.String()
}

// SourceOrder sorts sources by name, the order in which Merge takes them
// when a folder holds several.
func SourceOrder(a, b *Source) int { return cmp.Compare(a.Source, b.Source) }
