package corpus

import (
	"encoding/json"
	"fmt"
	"io"
)

// snapshot is the JSON form of a loaded corpus, written into each index
// generation so a generation is self-contained: the server answers term and
// role look-ups from the very data its index was built from.
type snapshot struct {
	Categories []Category `json:"categories"`
	Terms      []*Term    `json:"terms"`
	Roles      []*Role    `json:"roles"`
}

// WriteJSON writes the corpus, derived fields included, as JSON.
func (c *Corpus) WriteJSON(w io.Writer) error {
	return json.NewEncoder(w).Encode(snapshot{Categories: c.Categories, Terms: c.Terms, Roles: c.Roles})
}

// ReadJSON reads a corpus written by WriteJSON. It trusts the data: it was
// validated before it was written.
func ReadJSON(r io.Reader) (*Corpus, error) {
	var s snapshot
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return nil, fmt.Errorf("decode corpus snapshot: %w", err)
	}
	c := &Corpus{Terms: s.Terms, Roles: s.Roles, Categories: s.Categories,
		terms: make(map[string]*Term, len(s.Terms)), roles: make(map[string]*Role, len(s.Roles)), categories: make(map[string]string, len(s.Categories))}
	for _, t := range s.Terms {
		c.terms[t.ID] = t
	}
	for _, r := range s.Roles {
		c.roles[r.Slug] = r
	}
	for _, cat := range s.Categories {
		c.categories[cat.Slug] = cat.Label
	}
	return c, nil
}
