package corpus

import "fmt"

// validateMisspellings checks the misspellings of every term: a
// misspelling is a wrong way of writing a name, so it must not be written
// exactly as a name, alias or form of any term (it may differ from one
// only in case: "Github" for GitHub, "nodejs" beside the alias NodeJS),
// and one misspelling, in any case, belongs to one term only, so that an
// editor knows what to replace it with.
func validateMisspellings(c *Corpus, p *problems) {
	right := map[string]string{} // exact name, alias or form -> term id
	for _, t := range c.Terms {
		for _, names := range [][]string{{t.Term}, t.Aliases, t.Forms} {
			for _, n := range names {
				if _, taken := right[n]; !taken {
					right[n] = t.ID
				}
			}
		}
	}
	owner := map[string]*Term{} // normalised misspelling -> its term
	for _, t := range c.Terms {
		for i, m := range t.Misspellings {
			at := t.posOf(fmt.Sprintf("misspellings[%d]", i))
			if id, ok := right[m]; ok {
				p.at(at, "misspelling %q of %s is how term %s is written (its name, an alias or a form)", m, t.ID, id)
				continue
			}
			k := Normalize(m)
			switch prev := owner[k]; {
			case prev == t:
				p.at(at, "misspelling %q is listed twice", m)
			case prev != nil:
				p.at(at, "misspelling %q belongs to %s too: an editor could not tell which term to suggest", m, prev.ID)
			default:
				owner[k] = t
			}
		}
	}
}
