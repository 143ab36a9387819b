package server

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/search"
)

// MaxValueLength bounds, in characters, every parameter value but q (whose
// bound is search.MaxQueryLength): filter values, a role, a term id in the
// path. No slug of the corpus comes near it.
const MaxValueLength = 100

// facetParams lists the search filters in display order: the facet, the
// query parameter that selects it (in the JSON API and on the search
// page alike) and its label on the page.
var facetParams = []struct{ facet, param, label string }{
	{search.FacetRole, "role", "Role"},
	{search.FacetCategory, "category", "Category"},
	{search.FacetLevel, "level", "Level"},
	{search.FacetPOS, "pos", "Part of speech"},
	{search.FacetSource, "source", "Source"},
}

// text returns a query parameter after checking it is valid UTF-8 without
// control characters, and not too long.
func text(c *gin.Context, name string) (string, error) {
	v := c.Query(name)
	limit := MaxValueLength
	if name == "q" {
		limit = search.MaxQueryLength
	}
	if err := checkValue("parameter "+name, v, limit); err != nil {
		return "", err
	}
	return v, nil
}

// list returns the values of a repeatable parameter; each value may also be
// a comma-separated list (role=a,b is role=a&role=b). Empty values are
// dropped.
func list(c *gin.Context, name string) ([]string, error) {
	var out []string
	for _, raw := range c.QueryArray(name) {
		if err := checkValue("parameter "+name, raw, (MaxValueLength+1)*search.MaxFilterVals); err != nil {
			return nil, err
		}
		for _, v := range strings.Split(raw, ",") {
			if v = strings.TrimSpace(v); v != "" {
				if n := utf8.RuneCountInString(v); n > MaxValueLength {
					return nil, badRequest("a value of parameter %s is %d characters long; the limit is %d", name, n, MaxValueLength)
				}
				out = append(out, v)
			}
		}
		if len(out) > search.MaxFilterVals {
			return nil, badRequest("at most %d values of %s", search.MaxFilterVals, name)
		}
	}
	return out, nil
}

// integer returns an integer parameter within [lo, hi], or def when absent.
func integer(c *gin.Context, name string, def, lo, hi int) (int, error) {
	raw, ok := c.GetQuery(name)
	if !ok || raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("parameter %s must be a whole number from %d to %d, got %q", name, lo, hi, truncate(raw, 20))
	}
	return n, nil
}

// boolean returns a true/false parameter ("true" or "1", "false" or "0"),
// or false when absent.
func boolean(c *gin.Context, name string) (bool, error) {
	switch raw := c.Query(name); raw {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	default:
		return false, badRequest("parameter %s must be true or false, got %q", name, truncate(raw, 20))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
