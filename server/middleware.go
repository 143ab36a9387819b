package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// RequestIDHeader names the header carrying a request's id. A client (or a
// proxy) may send a well-formed one; otherwise the server makes one up.
// Either way the response echoes it and every log line of the request
// carries it.
const RequestIDHeader = "X-Request-ID"

// DefaultMaxBodyBytes is the largest request body accepted when Options
// does not say: the API is GET-only, so any body is a mistake or abuse.
const DefaultMaxBodyBytes = 1 << 10

// MaxRequestHeadBytes bounds a request's line and headers together, their
// line ends and the blank line after them included: 16 KiB. A longer head
// is answered 431 by net/http, before any handler.
const MaxRequestHeadBytes = 16 << 10

// MaxHeaderBytes is the http.Server.MaxHeaderBytes that enforces
// MaxRequestHeadBytes. net/http reads up to MaxHeaderBytes plus 4096 bytes
// of a request's head ("bufio slop": initialReadLimitSize in its
// server.go) before it answers 431, so setting MaxHeaderBytes to 16 KiB
// let heads of 20 KiB through; this is the setting that makes the limit
// the documented one.
const MaxHeaderBytes = MaxRequestHeadBytes - 4096

// ContentSecurityPolicy is sent with every response. The learner's web
// pages are written to work under exactly this policy: no inline scripts or
// styles, nothing from other origins, no framing.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// requestIDRe is what an incoming request id must look like to be kept:
// it ends up in logs and headers, so only plain characters.
var requestIDRe = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

const requestIDKey = "request_id"

// middleware lists the handlers every request passes through, in order:
// the request id first so that everything after can log it; the access log
// and metrics around everything else so they see the final status; panic
// recovery inside them so a panic is logged and counted as a 500.
// CORS comes before the checks so that even an error reaches the calling
// script with the headers that let it read the problem.
func (s *Server) middleware() []gin.HandlerFunc {
	mw := []gin.HandlerFunc{s.requestID, s.observe, s.recover, securityHeaders}
	if s.cors != nil {
		mw = append(mw, s.cors)
	}
	return append(mw, s.limitBody, s.checkQueryString, s.checkPathParams)
}

// requestID keeps a well-formed incoming X-Request-ID or makes a new one,
// and echoes it in the response.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader(RequestIDHeader)
	if !requestIDRe.MatchString(id) {
		var b [16]byte
		rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
		id = hex.EncodeToString(b[:])
	}
	c.Set(requestIDKey, id)
	c.Header(RequestIDHeader, id)
	c.Next()
}

// RequestID returns the id of the request c serves.
func RequestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// observe logs one line per request (request id, method, route, status,
// latency, response size, and the length of q, never q itself: that is
// logged at debug level only) and records the request in the metrics.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	took := time.Since(start)
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := c.Writer.Status()
	s.metrics.observeRequest(route, status, took)

	level := slog.LevelInfo
	switch {
	case status == http.StatusServiceUnavailable:
		level = slog.LevelWarn // starting or shutting down: expected, and retried
	case status >= 500:
		level = slog.LevelError
	case route == "/healthz" || route == "/readyz" || route == "/metrics":
		level = slog.LevelDebug // probes and scrapes would drown the log
	}
	ctx := c.Request.Context()
	if !s.log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("request_id", RequestID(c)),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Duration("latency", took),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
	}
	if q, ok := c.GetQuery("q"); ok {
		attrs = append(attrs, slog.Int("q_len", utf8.RuneCountInString(q)))
	}
	s.log.LogAttrs(ctx, level, "request", attrs...)
	if s.log.Enabled(ctx, slog.LevelDebug) {
		s.log.LogAttrs(ctx, slog.LevelDebug, "request detail", slog.String("request_id", RequestID(c)),
			slog.String("path", c.Request.URL.Path), slog.String("q", c.Query("q")))
	}
}

// securityHeaders sets the headers that keep browsers from sniffing,
// framing or leaking what a learner looked up.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	c.Next()
}

// limitBody answers 413 to a request with a body larger than the limit.
// The API is GET-only and never reads bodies; a body of unknown length
// (chunked) is read up to the limit to find out.
func (s *Server) limitBody(c *gin.Context) {
	r := c.Request
	if r.ContentLength > s.maxBody {
		s.respondError(c, http.StatusRequestEntityTooLarge, tooLarge(s.maxBody))
		return
	}
	if r.ContentLength < 0 && r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(c.Writer, r.Body, s.maxBody)
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				s.respondError(c, http.StatusRequestEntityTooLarge, tooLarge(s.maxBody))
				return
			}
			s.respondError(c, http.StatusBadRequest, "the request body could not be read")
			return
		}
	}
	c.Next()
}

func tooLarge(limit int64) string {
	return "the request body is too large: this API takes parameters in the URL, and bodies of at most " +
		strconv.FormatInt(limit, 10) + " bytes"
}

// checkQueryString answers 400 to a query string that does not parse
// (a bad %-escape, a ";" separator, too many parameters): gin would
// silently drop the broken parameter and answer a different question.
// The detail names the fault and its fix.
func (s *Server) checkQueryString(c *gin.Context) {
	if msg := queryStringProblem(c.Request.URL.RawQuery); msg != "" {
		s.respondError(c, http.StatusBadRequest, msg)
		return
	}
	c.Next()
}

// MaxQueryParams is the most pieces between "&" separators (empty ones
// included) a query string may have: url.ParseQuery's own limit, which
// the server checks first to say so plainly.
const MaxQueryParams = 10000

// queryStringProblem says what is wrong with a raw query string and how
// to fix it, or returns "" when it parses.
func queryStringProblem(raw string) string {
	if n := strings.Count(raw, "&") + 1; n > MaxQueryParams {
		return "the query string has " + strconv.Itoa(n) + " parameters (counting the empty ones between \"&\" separators); at most " +
			strconv.Itoa(MaxQueryParams) + " are read: send only the parameters you mean"
	}
	_, err := url.ParseQuery(raw)
	if err == nil {
		return ""
	}
	var esc url.EscapeError
	switch {
	case errors.As(err, &esc):
		return "the query string is malformed (" + err.Error() + "): a % starts a %-escape of two hex digits, so write a literal % as %25"
	case strings.Contains(raw, ";"):
		return "the query string is malformed (" + err.Error() + "): separate parameters with &, and write a ; inside a value as %3B"
	}
	return "the query string is malformed (" + err.Error() + ")"
}

// checkPathParams answers 400 to path parameters (a term id, a role slug)
// that are not valid text or are longer than any id can be.
func (s *Server) checkPathParams(c *gin.Context) {
	for _, p := range c.Params {
		if err := checkValue("path segment "+p.Key, p.Value, MaxValueLength); err != nil {
			s.fail(c, err)
			return
		}
	}
	c.Next()
}

// checkValue checks that a client-supplied value is valid UTF-8, has no
// control characters and at most limit characters.
func checkValue(what, v string, limit int) error {
	if !utf8.ValidString(v) {
		return badRequest("%s is not valid UTF-8", what)
	}
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		return badRequest("%s contains a control character at byte %d", what, i)
	}
	if n := utf8.RuneCountInString(v); n > limit {
		return badRequest("%s is %d characters long; the limit is %d", what, n, limit)
	}
	return nil
}
