package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/search"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
}

// badRequestError is an error in request parameters found by the server
// itself, before the search package sees them; detail says what to fix.
type badRequestError struct{ detail string }

func (e *badRequestError) Error() string { return "bad request: " + e.detail }

func badRequest(format string, args ...any) error {
	return &badRequestError{detail: fmt.Sprintf(format, args...)}
}

// problem writes a problem+json response and stops the handler chain.
func problem(c *gin.Context, status int, detail string) {
	c.Header("Content-Type", "application/problem+json")
	c.Header("Cache-Control", "no-store")
	c.AbortWithStatusJSON(status, Problem{
		Type:     "about:blank",
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   detail,
		Instance: c.Request.URL.Path,
	})
}

// fail maps an error to its status: the one place that does. Internal
// errors are logged and shown to clients only as "internal error".
func (s *Server) fail(c *gin.Context, err error) {
	var bad *badRequestError
	var invalid *search.InvalidError
	switch {
	case errors.As(err, &bad):
		s.respondError(c, http.StatusBadRequest, bad.detail)
	case errors.As(err, &invalid):
		s.respondError(c, http.StatusBadRequest, invalid.Detail)
	case errors.Is(err, search.ErrNotFound):
		s.respondError(c, http.StatusNotFound, err.Error())
	case errors.Is(err, search.ErrClosed):
		c.Header("Retry-After", "1")
		s.respondError(c, http.StatusServiceUnavailable, "the server is shutting down; retry shortly")
	case errors.Is(err, ErrNotReady):
		c.Header("Retry-After", "1")
		s.respondError(c, http.StatusServiceUnavailable, "the server is starting: its index is not open yet; retry shortly")
	default:
		s.log.Error("request failed", slog.String("request_id", RequestID(c)), slog.String("route", c.FullPath()), slog.Any("error", err))
		s.respondError(c, http.StatusInternalServerError, "internal error")
	}
}

// respondError answers with an error in the form the client expects: a
// problem+json body under /api/ and for the operator endpoints (/healthz,
// /readyz, /metrics), an HTML page elsewhere. An error is never cached
// (problem and the page set Cache-Control), so it drops the ETag a
// cacheable route set before its handler failed.
func (s *Server) respondError(c *gin.Context, status int, detail string) {
	c.Writer.Header().Del("Etag")
	if p := c.Request.URL.Path; strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics" {
		problem(c, status, detail)
		return
	}
	s.errorPage(c, status, detail)
}
