package server

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/search"
)

// facetParams lists the search filters in display order: the facet, the
// query parameter that selects it (in the JSON API and on the search
// page alike) and its label on the page.
var facetParams = []struct{ facet, param, label string }{
	{search.FacetRole, "role", "Role"},
	{search.FacetCategory, "category", "Category"},
	{search.FacetLevel, "level", "Level"},
	{search.FacetPOS, "pos", "Part of speech"},
}

// text returns a query parameter after checking it is valid UTF-8 without
// control characters.
func text(c *gin.Context, name string) (string, error) {
	v := c.Query(name)
	if !utf8.ValidString(v) {
		return "", badRequest("parameter %s is not valid UTF-8", name)
	}
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		return "", badRequest("parameter %s contains a control character at byte %d", name, i)
	}
	return v, nil
}

// list returns the values of a repeatable parameter; each value may also be
// a comma-separated list (role=a,b is role=a&role=b). Empty values are
// dropped.
func list(c *gin.Context, name string) ([]string, error) {
	var out []string
	for _, raw := range c.QueryArray(name) {
		if !utf8.ValidString(raw) || strings.IndexFunc(raw, unicode.IsControl) >= 0 {
			return nil, badRequest("parameter %s has a value that is not valid text", name)
		}
		for _, v := range strings.Split(raw, ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
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

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
