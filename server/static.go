package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/server/web"
)

// staticFiles serves the embedded CSS, JavaScript and icon.
var staticFiles = http.StripPrefix("/static/", http.FileServerFS(web.Static()))

// static handles GET /static/{file}. Pages link each file with ?v= and a
// hash of its content, so a versioned URL can be cached for good: a new
// binary with a changed file links a new URL.
func (s *Server) static(c *gin.Context) {
	file := strings.TrimPrefix(c.Param("file"), "/")
	if file == "" || strings.HasSuffix(file, "/") || s.tmpl.static[file] == "" {
		s.errorPage(c, http.StatusNotFound, "")
		return
	}
	if c.Query("v") != "" {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "no-cache")
	}
	c.Header("X-Content-Type-Options", "nosniff")
	staticFiles.ServeHTTP(c.Writer, c.Request)
}
