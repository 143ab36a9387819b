package corpus

import "slices"

// Stats summarises a corpus for maintainers (`glossary stats`).
type Stats struct {
	Terms        int            `json:"terms"`
	Roles        int            `json:"roles"`
	Categories   int            `json:"categories"`
	GeneralTerms int            `json:"general_terms"` // filed under a general category
	PerRole      []Count        `json:"per_role"`      // distinct terms per role, by role name
	PerLevel     []Count        `json:"per_level"`     // in CEFR order
	PerPOS       []Count        `json:"per_part_of_speech"`
	PerCategory  []Count        `json:"per_category"` // most terms first
	AvgExamples  float64        `json:"avg_examples"`
	AvgRelated   float64        `json:"avg_related"`
	AvgAliases   float64        `json:"avg_aliases"`
	WithNotes    int            `json:"with_notes"`
	LinkTypes    map[string]int `json:"link_types"`
}

// Count is a label and how many terms it has.
type Count struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Stats computes the corpus report.
func (c *Corpus) Stats() Stats {
	s := Stats{Terms: len(c.Terms), Roles: len(c.Roles), Categories: len(c.Categories), LinkTypes: map[string]int{}}
	level, pos, cat := map[string]int{}, map[string]int{}, map[string]int{}
	var examples, related, aliases int
	for _, t := range c.Terms {
		level[t.Level]++
		pos[t.PartOfSpeech]++
		for _, ct := range t.Categories {
			cat[ct]++
		}
		if slices.ContainsFunc(t.Categories, func(ct string) bool { return slices.Contains(GeneralCategories, ct) }) {
			s.GeneralTerms++
		}
		examples += len(t.Examples)
		related += len(t.Related)
		aliases += len(t.Aliases)
		for _, l := range t.Related {
			s.LinkTypes[l.Type]++
		}
		if t.Notes != "" {
			s.WithNotes++
		}
	}
	if n := float64(len(c.Terms)); n > 0 {
		s.AvgExamples, s.AvgRelated, s.AvgAliases = float64(examples)/n, float64(related)/n, float64(aliases)/n
	}
	for _, r := range c.Roles {
		s.PerRole = append(s.PerRole, Count{r.Name, len(r.TermIDs())})
	}
	for _, l := range Levels {
		s.PerLevel = append(s.PerLevel, Count{l, level[l]})
	}
	for _, p := range PartsOfSpeech {
		s.PerPOS = append(s.PerPOS, Count{p, pos[p]})
	}
	for _, ct := range c.Categories {
		s.PerCategory = append(s.PerCategory, Count{ct.Label, cat[ct.Slug]})
	}
	slices.SortStableFunc(s.PerCategory, func(a, b Count) int { return b.Count - a.Count })
	return s
}
