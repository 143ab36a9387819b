package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/server/web"
)

// pageFiles are the templates of web.Templates() that are whole pages;
// each is parsed together with layout.html.
var pageFiles = []string{"home", "search", "term", "role", "roles", "levels", "browse", "error", "mywords", "practice"}

// renderer holds the parsed page templates and the versioned URLs of the
// static files.
type renderer struct {
	pages  map[string]*template.Template
	static map[string]string // file name -> /static/name?v=content hash
}

// newRenderer parses the page templates in templates (web.Templates, but
// for tests) and versions the static files.
func newRenderer(templates fs.FS) (*renderer, error) {
	r := &renderer{pages: map[string]*template.Template{}, static: map[string]string{}}
	err := fs.WalkDir(web.Static(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.Static(), path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		r.static[path] = "/static/" + path + "?v=" + hex.EncodeToString(sum[:5])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	funcs := template.FuncMap{
		"static": func(name string) (string, error) {
			if u, ok := r.static[name]; ok {
				return u, nil
			}
			return "", fmt.Errorf("no static file %q", name)
		},
		"pos":    posAbbr,
		"num":    formatCount,
		"plural": plural,
		// searchq is the search page of a query: /search?q=word+partner.
		"searchq": func(q string) string { return searchState{Query: q}.url("/search") },
	}
	for _, name := range pageFiles {
		t, err := template.New(name).Funcs(funcs).ParseFS(templates, "layout.html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("page template %s: %w", name, err)
		}
		r.pages[name] = t
	}
	return r, nil
}

// setPageHeaders sets the headers of every HTML response.
func setPageHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Security headers, the Content-Security-Policy among them, come from
	// the middleware for every response (middleware.go).
}

// render executes template tmpl of page into a buffer and sends it, so a
// template error becomes a clean 500 instead of half a page.
func (s *Server) render(c *gin.Context, status int, page, tmpl string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.pages[page].ExecuteTemplate(&buf, tmpl, data); err != nil {
		s.log.Error("render page", slog.String("page", page), slog.Any("error", err))
		if page != "error" {
			s.errorPage(c, http.StatusInternalServerError, "")
			return
		}
		setPageHeaders(c)
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	setPageHeaders(c)
	c.Header("Cache-Control", "no-cache")
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
	c.Abort()
}

// posAbbr abbreviates a part of speech as dictionaries do: "n.", "v.",
// "adj.".
func posAbbr(pos string) string {
	switch pos {
	case "noun":
		return "n."
	case "verb":
		return "v."
	case "adjective":
		return "adj."
	case "adverb":
		return "adv."
	case "phrase":
		return "phr."
	}
	return pos
}

// formatCount writes n with thousands separators: 1,555.
func formatCount(n any) string {
	s := fmt.Sprint(n)
	if len(s) <= 3 || strings.HasPrefix(s, "-") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plural returns "1 term" or "3 terms".
func plural(n any, one, many string) string {
	s := formatCount(n)
	if s == "1" {
		return s + " " + one
	}
	return s + " " + many
}
