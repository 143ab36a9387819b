package server

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// suggestFields names the fields the fields parameter of GET
// /api/v1/suggest can ask for, in the order they are encoded. Suggestions
// are small by default (id, term, part_of_speech, definition: what a
// completion list shows); an editor plugin that shows more, such as the
// level or an example in a tooltip, asks for it, and gets id and term
// plus exactly the fields it named.
var suggestFields = []string{"id", "term", "part_of_speech", "definition", "level", "aliases", "example", "categories", "roles"}

// fieldSet has bit i set when suggestFields[i] was asked for; 0 means the
// parameter was absent (or empty): the default answer.
type fieldSet uint16

func (f fieldSet) has(name string) bool {
	for i, n := range suggestFields {
		if n == name {
			return f&(1<<i) != 0
		}
	}
	return false
}

// parseFields reads the fields parameter: a comma-separated (or repeated)
// list of names from suggestFields. An unknown name is a 400 naming it and
// the known ones.
func parseFields(c *gin.Context) (fieldSet, error) {
	names, err := list(c, "fields")
	if err != nil {
		return 0, err
	}
	var f fieldSet
next:
	for _, name := range names {
		for i, n := range suggestFields {
			if n == name {
				f |= 1 << i
				continue next
			}
		}
		return 0, badRequest("parameter fields: unknown field %q; the fields of a suggestion are %s", name, strings.Join(suggestFields, ", "))
	}
	return f, nil
}

// selectedSuggestion is a suggestion with the fields a client asked for:
// id and term always, the others when asked for (nil ones are left out;
// asked-for lists are [] when empty, never left out).
type selectedSuggestion struct {
	ID           string    `json:"id"`
	Term         string    `json:"term"`
	PartOfSpeech *string   `json:"part_of_speech,omitempty"`
	Definition   *string   `json:"definition,omitempty"`
	Level        *string   `json:"level,omitempty"`
	Aliases      *[]string `json:"aliases,omitempty"`
	Example      *string   `json:"example,omitempty"` // the first example sentence
	Categories   *[]string `json:"categories,omitempty"`
	Roles        *[]string `json:"roles,omitempty"`
}

type selectedSuggestResponse struct {
	Query       string               `json:"query"`
	Suggestions []selectedSuggestion `json:"suggestions"`
}

// selectFields builds the answer to a suggest with the fields parameter,
// looking up in the catalog the fields a search.Suggestion does not carry.
func selectFields(cat *search.Catalog, res *search.SuggestResult, f fieldSet) selectedSuggestResponse {
	out := selectedSuggestResponse{Query: res.Query, Suggestions: make([]selectedSuggestion, 0, len(res.Suggestions))}
	for _, sg := range res.Suggestions {
		t := lookupTerm(cat, sg.ID)
		if t == nil {
			t = &corpus.Term{ID: sg.ID, Term: sg.Term, PartOfSpeech: sg.PartOfSpeech, Definition: sg.Definition}
		}
		s := selectedSuggestion{ID: sg.ID, Term: sg.Term}
		if f.has("part_of_speech") {
			s.PartOfSpeech = &t.PartOfSpeech
		}
		if f.has("definition") {
			s.Definition = &t.Definition
		}
		if f.has("level") {
			s.Level = &t.Level
		}
		if f.has("aliases") {
			s.Aliases = nonNil(t.Aliases)
		}
		if f.has("example") {
			var example string
			if len(t.Examples) > 0 {
				example = t.Examples[0]
			}
			s.Example = &example
		}
		if f.has("categories") {
			s.Categories = nonNil(t.Categories)
		}
		if f.has("roles") {
			s.Roles = nonNil(t.Roles)
		}
		out.Suggestions = append(out.Suggestions, s)
	}
	return out
}

// nonNil returns a pointer to l, or to an empty list when l is nil, so
// that an asked-for list is encoded as [] rather than null.
func nonNil(l []string) *[]string {
	if l == nil {
		l = []string{}
	}
	return &l
}
