package corpus

import (
	"regexp"
	"slices"
	"strings"
)

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

	// Senses counts every sense: each term's main one and its further
	// ones; TermsWithSenses the terms that have further senses.
	Senses          int `json:"senses"`
	TermsWithSenses int `json:"terms_with_senses"`
	// NonNouns counts the terms whose part of speech is not noun.
	NonNouns      int               `json:"non_nouns"`
	Pronunciation PronunciationStat `json:"pronunciation"`
	SenseMentions SenseMentionStat  `json:"sense_mentions"`
	// RespellingNotes counts the notes that still spell out how a word is
	// said ("Pronounced "cash"", "Said letter by letter"), which belongs
	// in the pronunciation field; the count is approximate.
	RespellingNotes int `json:"respelling_notes"`
	// ContentProblems is the number of content-rule violations (Lint).
	ContentProblems int `json:"content_problems"`
}

// PronunciationStat counts how the terms' pronunciations are given.
type PronunciationStat struct {
	IPA         int `json:"ipa"`          // with American IPA
	UK          int `json:"uk"`           // of which with British IPA too
	Say         int `json:"say"`          // with a spoken form for the Listen button
	WrittenOnly int `json:"written_only"` // marked as written, not spoken
	Missing     int `json:"missing"`      // no pronunciation at all
}

// SenseMentionStat counts the names of terms with several senses found in
// definitions (see Corpus.SenseMentions): linked to the main sense, to a
// further sense, or not linked because the sense could not be told.
type SenseMentionStat struct {
	Main    int `json:"main"`
	Further int `json:"further"`
	NotMade int `json:"not_made"`
}

// Count is a label and how many terms it has.
type Count struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// respellingRe finds a note that says how a word is pronounced.
var respellingRe = regexp.MustCompile(`(?i:pronounced|rhymes? with|letter by letter|\bread as\b|\bsaid (like|as)\b|\b(say|said) (each letter|the letters))|\b(?i:say|said)\s+(it\s+)?"[^"]*([A-Za-z]-[A-Za-z]|[A-Z]{2,})[^"]*"`)

// respellsHeadword reports whether t's notes say how its headword is
// spoken, which its pronunciation field is for: a sentence that matches
// respellingRe and names no other word, starting "Said", "Pronounced"
// or "Spelled out" ("Said letter by letter."). Notes on how an alias or
// another word is said ("The abbreviation LLM is said L-L-M"), and usage
// ("a URL, not an URL, as it is said letter by letter") are not counted:
// the field is the headword's.
func respellsHeadword(t *Term) bool {
	for _, sentence := range strings.SplitAfter(t.Notes, ". ") {
		if !respellingRe.MatchString(sentence) {
			continue
		}
		trimmed := strings.TrimSpace(sentence)
		if strings.HasPrefix(trimmed, "Said ") || strings.HasPrefix(trimmed, "Pronounced ") || strings.HasPrefix(trimmed, "Spelled out") {
			return true
		}
	}
	return false
}

// Stats computes the corpus report.
func (c *Corpus) Stats() Stats {
	s := Stats{Terms: len(c.Terms), Roles: len(c.Roles), Categories: len(c.Categories), LinkTypes: map[string]int{}}
	level, pos, cat := map[string]int{}, map[string]int{}, map[string]int{}
	var examples, related, aliases int
	for _, t := range c.Terms {
		level[t.Level]++
		pos[t.PartOfSpeech]++
		if t.PartOfSpeech != "noun" {
			s.NonNouns++
		}
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
			if respellsHeadword(t) {
				s.RespellingNotes++
			}
		}
		s.Senses += 1 + len(t.Meanings)
		if len(t.Meanings) > 0 {
			s.TermsWithSenses++
		}
		switch p := t.Pronunciation; {
		case p == nil:
			s.Pronunciation.Missing++
		case p.WrittenOnly:
			s.Pronunciation.WrittenOnly++
		default:
			s.Pronunciation.IPA++
			if p.UK != "" {
				s.Pronunciation.UK++
			}
			if p.Say != "" {
				s.Pronunciation.Say++
			}
		}
	}
	if n := float64(len(c.Terms)); n > 0 {
		s.AvgExamples, s.AvgRelated, s.AvgAliases = float64(examples)/n, float64(related)/n, float64(aliases)/n
	}
	for _, m := range c.SenseMentions() {
		switch {
		case !m.Resolved:
			s.SenseMentions.NotMade++
		case m.Sense == "":
			s.SenseMentions.Main++
		default:
			s.SenseMentions.Further++
		}
	}
	s.ContentProblems = len(Lint(c))
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
