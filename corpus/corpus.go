package corpus

// Levels are the CEFR levels a term can have, easiest first.
var Levels = []string{"A2", "B1", "B2", "C1", "C2"}

// PartsOfSpeech are the parts of speech a term can have.
var PartsOfSpeech = []string{"noun", "verb", "adjective", "adverb", "phrase"}

// LinkTypes are the reasons one term can be related to another.
var LinkTypes = []string{"see-also", "synonym", "antonym", "confused-with", "kind-of", "part-of"}

// Term is one glossary entry.
type Term struct {
	ID           string   `json:"id"`
	Term         string   `json:"term"`
	Aliases      []string `json:"aliases"`
	Forms        []string `json:"forms"`
	PartOfSpeech string   `json:"part_of_speech"`
	Level        string   `json:"level"`
	Definition   string   `json:"definition"`
	Examples     []string `json:"examples"`
	// Categories are the category slugs the term file lists, plus those of
	// every role category that lists the term (derived when loading).
	Categories   []string `json:"categories"`
	Related      []Link   `json:"related"`
	Collocations []string `json:"collocations"`
	Notes        string   `json:"notes,omitempty"`
	// Pronunciation says how the headword is spoken; nil when the file
	// gives none (imported entries).
	Pronunciation *Pronunciation `json:"pronunciation,omitempty"`
	// Roles are the slugs of the roles that list the term in their
	// spotlight or vocabulary reference (derived when loading).
	Roles []string `json:"roles"`
	// Mentions are the ids of the other terms whose names appear in the
	// definition (derived when loading). A term with several senses is
	// mentioned only when the sense meant can be told (see mentions.go);
	// MentionSenses then maps its id to the sense, unless it is the main one.
	Mentions      []string          `json:"mentions"`
	MentionSenses map[string]string `json:"mention_senses,omitempty"`
	// Meanings are the further senses of the headword, written under
	// senses: in the term's file; the top-level fields are its first, main
	// sense. (Senses, below, are other glossaries' definitions.)
	Meanings []*Meaning `json:"meanings,omitempty"`
	// MainCategories are the categories the file gives the main sense, for
	// a term with Meanings; Categories adds those of every sense and role.
	MainCategories []string `json:"-"`

	// Misspellings are wrong ways of writing the name that people use
	// ("Postgres SQL", "nodejs"), for editors to point out: matched in any
	// case, except that what is written exactly as a name, alias or form
	// is right. Not in the API's JSON (yet).
	Misspellings []string `json:"-"`

	// Source is SourceCurated for the entries of this glossary, or the
	// name of the public glossary an entry was imported from; Attribution
	// then says whose it is and under which licence, and Text holds the
	// whole imported entry (Definition is its first sense).
	Source      string       `json:"source"`
	Attribution *Attribution `json:"attribution,omitempty"`
	Text        string       `json:"text,omitempty"`
	// Senses are the definitions of imported entries with the same
	// headword, merged into this term.
	Senses []Sense `json:"senses,omitempty"`

	// Pos is where the term's file starts; fields holds where each field
	// and list item was found, for validation messages.
	Pos    Pos            `json:"-"`
	fields map[string]Pos `json:"-"`
}

// Pronunciation is how a headword is spoken: IPA for American English,
// and for British English where it differs; Say is how a name or an
// acronym is read out ("engine x" for nginx), which is what a speech
// synthesiser should read. WrittenOnly marks forms that are written, not
// spoken (LGTM); they have no IPA.
type Pronunciation struct {
	US          string `json:"us,omitempty"`
	UK          string `json:"uk,omitempty"`
	Say         string `json:"say,omitempty"`
	WrittenOnly bool   `json:"written_only,omitempty"`
}

// Link is a typed link from one term, or one of its senses, to another.
// Sense names a further sense of the term linked to; empty, the link is
// to the term and its main sense. Files write both as one id,
// "model#data-model".
type Link struct {
	ID    string `json:"id"`
	Sense string `json:"sense,omitempty"`
	Type  string `json:"type"`
	Pos   Pos    `json:"-"`
}

// Ref returns the link's target as files write it: "model" or
// "model#data-model".
func (l Link) Ref() string { return Ref(l.ID, l.Sense) }

// Ref writes a term id and a sense id as files do: "model" for the term
// (its main sense), "model#data-model" for a further sense.
func Ref(id, sense string) string {
	if sense == "" {
		return id
	}
	return id + "#" + sense
}

// Meaning is one further sense of a curated headword: model in "data
// model" as well as in machine learning. It has what a term has for one
// meaning; the headword, forms and pronunciation are the term's.
type Meaning struct {
	// ID is unique within the term, so links can point to the sense:
	// {id: model#data-model}.
	ID string `json:"id"`
	// Aliases are other names of this sense only ("data model"); the
	// term's own aliases name its main sense.
	Aliases []string `json:"aliases"`
	// PartOfSpeech is the term's unless the file says otherwise.
	PartOfSpeech  string            `json:"part_of_speech"`
	Level         string            `json:"level"`
	Definition    string            `json:"definition"`
	Examples      []string          `json:"examples"`
	Categories    []string          `json:"categories"`
	Related       []Link            `json:"related"`
	Collocations  []string          `json:"collocations"`
	Notes         string            `json:"notes,omitempty"`
	Mentions      []string          `json:"mentions"`
	MentionSenses map[string]string `json:"mention_senses,omitempty"`

	Pos    Pos            `json:"-"`
	fields map[string]Pos `json:"-"`
}

// Meaning returns the term's further sense with the given id, or nil.
func (t *Term) Meaning(id string) *Meaning {
	for _, m := range t.Meanings {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// Role is one job's vocabulary: what the role does, the topics it covers and
// the terms it needs, by category.
type Role struct {
	Slug         string         `json:"slug"`
	Name         string         `json:"name"`
	Summary      string         `json:"summary"`
	Topics       []string       `json:"topics"`
	Spotlight    []string       `json:"spotlight"`
	Categories   []RoleCategory `json:"categories"`
	Scenarios    []string       `json:"scenarios"`
	RelatedRoles []string       `json:"related_roles"`

	Pos    Pos            `json:"-"`
	fields map[string]Pos `json:"-"`
}

// TermIDs lists the role's distinct term ids: the spotlight first, then
// the vocabulary reference in order.
func (r *Role) TermIDs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(r.Spotlight)
	for _, rc := range r.Categories {
		add(rc.Terms)
	}
	return out
}

// RoleCategory is one category of a role's vocabulary reference.
type RoleCategory struct {
	Category string   `json:"category"`
	Terms    []string `json:"terms"`
	Pos      Pos      `json:"-"`
	termPos  []Pos
}

// Category is a subject area terms are filed under.
type Category struct {
	Slug  string `json:"slug"`
	Label string `json:"label"`
}

// Corpus is a loaded, validated glossary. Terms are sorted by id, roles by
// slug and categories by slug. A Corpus is read-only once loaded.
type Corpus struct {
	Terms      []*Term
	Roles      []*Role
	Categories []Category
	// Sources are the imported glossaries merged into the corpus, in the
	// order they were merged.
	Sources []Attribution

	terms      map[string]*Term
	roles      map[string]*Role
	categories map[string]string
}

// Term returns the term with the given id, or nil.
func (c *Corpus) Term(id string) *Term { return c.terms[id] }

// Role returns the role with the given slug, or nil.
func (c *Corpus) Role(slug string) *Role { return c.roles[slug] }

// CategoryLabel returns the label of a category slug, or the slug itself
// when it is unknown.
func (c *Corpus) CategoryLabel(slug string) string {
	if l, ok := c.categories[slug]; ok {
		return l
	}
	return slug
}

// SourceName returns the short name of a source ("FOLDOC"), "Curated"
// for this glossary's own entries, or the id itself when it is unknown.
func (c *Corpus) SourceName(id string) string {
	if id == SourceCurated {
		return "Curated"
	}
	for _, a := range c.Sources {
		if a.Source == id {
			return a.Name
		}
	}
	return id
}

// RoleName returns the name of a role slug, or the slug itself when it is
// unknown.
func (c *Corpus) RoleName(slug string) string {
	if r, ok := c.roles[slug]; ok {
		return r.Name
	}
	return slug
}
