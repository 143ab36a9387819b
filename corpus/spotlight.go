package corpus

// Spotlight picks up to n terms from the roles' spotlights, in the order
// of c.Roles, each role's first term before any role's second, so that
// every role is represented: the home page's few terms, and the order in
// which the levels page looks for examples. A term in several spotlights
// is picked once.
//
// It belongs to the corpus because it reads only the roles' curated
// lists: nothing of an index or a page is involved.
func (c *Corpus) Spotlight(n int) []*Term {
	var out []*Term
	seen := map[string]bool{}
	for i := 0; len(out) < n; i++ {
		more := false
		for _, r := range c.Roles {
			if i >= len(r.Spotlight) || len(out) >= n {
				continue
			}
			more = true
			if t := c.Term(r.Spotlight[i]); t != nil && !seen[t.ID] {
				seen[t.ID] = true
				out = append(out, t)
			}
		}
		if !more {
			break
		}
	}
	return out
}
