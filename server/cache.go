package server

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// HTTP caching of the JSON API.
//
// The answer of a GET API route depends on nothing but the index
// generation serving it and the request URL: generations are immutable,
// and every handler is a function of its path and parameters. So the
// validator is computed from those, without running the search, and a
// request whose If-None-Match names it is answered 304 for the cost of a
// hash.
//
// The request key (requestKey) is the whole of what the answer depends
// on, written out unambiguously (every string after its length):
//
//   - the generation's id and creation time, from its manifest: different
//     after a reindex, and different even if a wiped data folder numbers a
//     new generation as an old one (the OpenAPI document, which needs no
//     generation, leaves them out);
//   - the path;
//   - the canonical query: parameters sorted by name (the values of one
//     name kept in the order sent, since the first one counts for
//     single-valued parameters), %-escapes and "+" decoded, so q=circ+br
//     and q=circ%20br share a key. Unknown parameters count too: they
//     change nothing in the answer, but a cache buster should bust.
//
// The response cache (respcache.go) is keyed by that key itself, so two
// requests share an answer only when their keys are equal byte for byte;
// a hash picks the bucket (Go's map, seeded at random) and never decides.
//
// The ETag is W/"<16 hex digits>": a keyed hash (hash/maphash) of the
// request key under a secret chosen at random when the process starts
// (etagSecret). It reveals nothing of the key or of the hash's state, so
// nobody can compute another URL's tag or forge two URLs whose tags
// collide; and were a collision found by chance, it would only make a 304
// answer the client that sent the other URL's tag: it never reaches the
// response cache or another client. The price of the secret: a tag is
// good in the process that issued it only. After a restart, or against
// another replica, a revalidation gets a 200 with the whole answer
// instead of a 304 (a transfer, never a wrong answer); and a new binary
// can never be answered 304 with an old binary's tags, which its answers
// might not match.
//
// The tag is weak (RFC 9110 section 8.8.1) because two answers sharing it
// are equivalent, not byte for byte equal: a search reports the time it
// took (took_ms).
//
// Answers are cacheable by browsers and shared caches (public: they
// depend on no cookie or credential) for a minute where a reindex should
// show soon (suggest, search, related terms) and five minutes for entries,
// roles and the OpenAPI document, which change only when their own files
// do. Errors carry Cache-Control: no-store and no ETag (respondError).
//
// A 304 runs no search, so a revalidated search that finds nothing is not
// counted again as a gap (gaps.go): gaps count searches run.

// etagSecret keys the ETag hash: random, chosen once per process and
// never shown.
var etagSecret = maphash.MakeSeed()

// etagHash is the hash an ETag shows. It is a variable only so that a
// test can swap in a weak hash and prove a collision poisons nothing.
var etagHash = func(key string) uint64 { return maphash.String(etagSecret, key) }

// Cache-Control values. Handlers share these slices (as gin shares its
// Content-Type values): header code replaces or appends, never writes
// into them.
var (
	cacheShort = []string{"public, max-age=" + strconv.Itoa(int(time.Minute.Seconds()))}
	cacheLong  = []string{"public, max-age=" + strconv.Itoa(int((5 * time.Minute).Seconds()))}
)

// cacheable is the middleware of a GET API route whose answer depends only
// on the generation and the URL: it sets ETag and Cache-Control (control)
// and, when If-None-Match names the ETag, answers 304 without running the
// handler. If-None-Match: * is left to the handler (see answer). The
// request key is kept in the context under cacheKey for the response
// cache.
func cacheable(control []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		key := requestKey(c)
		etag := etagOf(key)
		c.Set(cacheKey, key)
		h := c.Writer.Header()
		h["Etag"] = []string{etag} // Etag is how Go spells ETag as a map key
		h["Cache-Control"] = control
		if inm := c.Request.Header.Get("If-None-Match"); inm != "" {
			if match, star := ifNoneMatch(inm, etag); match && !star {
				c.AbortWithStatus(http.StatusNotModified)
				return
			}
		}
		c.Next()
	}
}

// answer sends body as the 200 JSON answer of an API route, or a 304 to
// If-None-Match: * (see notModifiedToStar).
func answer(c *gin.Context, body any) {
	if notModifiedToStar(c) {
		return
	}
	c.JSON(http.StatusOK, body)
}

// answerJSON is answer for a body encoded already (as c.JSON encodes it).
func answerJSON(c *gin.Context, body []byte) {
	if notModifiedToStar(c) {
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

// notModifiedToStar answers 304 and returns true when a cacheable route's
// request says If-None-Match: *. "*" matches when the resource exists,
// which only the handler can tell: one that has found it calls this
// before sending it.
func notModifiedToStar(c *gin.Context) bool {
	if inm := c.Request.Header.Get("If-None-Match"); inm != "" && c.Writer.Header().Get("Etag") != "" {
		if _, star := ifNoneMatch(inm, ""); star {
			c.AbortWithStatus(http.StatusNotModified)
			return true
		}
	}
	return false
}

// cacheKey is where cacheable keeps the request key (a string), for the
// response cache.
const cacheKey = "request-key"

// requestKey returns the key of c's request: everything its answer
// depends on (see the top of this file).
func requestKey(c *gin.Context) string {
	b := make([]byte, 0, 64+len(c.Request.URL.Path)+len(c.Request.URL.RawQuery))
	if v, ok := c.Get(searcherKey); ok {
		m := v.(Searcher).Manifest()
		b = append(b, 1)
		b = appendString(b, m.Generation)
		b = binary.BigEndian.AppendUint64(b, uint64(m.Created.UnixNano()))
	} else {
		b = append(b, 0)
	}
	b = appendString(b, c.Request.URL.Path)
	b = appendQuery(b, c.Request.URL.RawQuery)
	return string(b)
}

// etagOf returns the ETag of the answer whose request key is key.
func etagOf(key string) string {
	h := etagHash(key)
	var b [20]byte
	copy(b[:], `W/"`)
	const hex = "0123456789abcdef"
	for i := range 16 {
		b[3+i] = hex[h>>(60-4*i)&0xf]
	}
	b[19] = '"'
	return string(b[:])
}

// ifNoneMatch reports whether an If-None-Match field value names etag by
// weak comparison, where W/"x" and "x" match each other (RFC 9110 section
// 13.1.2), and whether it is "*", which matches any current
// representation. The value is a comma-separated list; entries that are
// not entity tags are skipped.
func ifNoneMatch(field, etag string) (match, star bool) {
	want := strings.TrimPrefix(etag, "W/")
	for field != "" {
		field = strings.TrimLeft(field, " \t,")
		if field == "" {
			break
		}
		if field[0] == '*' {
			return true, true
		}
		field = strings.TrimPrefix(field, "W/")
		if field == "" || field[0] != '"' {
			_, field, _ = strings.Cut(field, ",")
			continue
		}
		end := strings.IndexByte(field[1:], '"')
		if end < 0 {
			return false, false
		}
		if want != "" && field[:end+2] == want {
			return true, false
		}
		field = field[end+2:]
	}
	return false, false
}

// appendString appends s after its length (4 bytes), so that no two
// different lists of strings make the same bytes.
func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// appendQuery appends the parameters of a raw query string in canonical
// order (see the top of this file), each name and value after its
// length. Empty pairs (a&&b) are skipped, as url.ParseQuery skips them.
// It allocates nothing when b has room, for a usual query.
func appendQuery(b []byte, raw string) []byte {
	var buf [8]string // pairs; a longer query allocates, a usual one does not
	pairs := buf[:0]
	encodedName := false
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		pairs = append(pairs, pair)
		name, _, _ := strings.Cut(pair, "=")
		encodedName = encodedName || strings.ContainsAny(name, "%+")
	}
	if encodedName {
		return appendParsedQuery(b, pairs)
	}
	slices.SortStableFunc(pairs, func(a, b string) int {
		an, _, _ := strings.Cut(a, "=")
		bn, _, _ := strings.Cut(b, "=")
		return cmp.Compare(an, bn)
	})
	for _, p := range pairs {
		name, value, _ := strings.Cut(p, "=")
		b = appendString(b, name)
		b = appendUnescaped(b, value)
	}
	return b
}

// appendParsedQuery is appendQuery for the rare query whose parameter
// names are %-escaped: names are decoded before they are sorted, so that
// %71=a&q=b (q is a, then b) and q=b&%71=a (q is b, then a) differ.
func appendParsedQuery(b []byte, pairs []string) []byte {
	q, _ := url.ParseQuery(strings.Join(pairs, "&"))
	for _, name := range slices.Sorted(maps.Keys(q)) {
		for _, v := range q[name] {
			b = appendString(b, name)
			b = appendString(b, v)
		}
	}
	return b
}

// appendUnescaped appends the query value s as url.QueryUnescape decodes
// it ("+" is a space, %XX a byte), after its decoded length. A malformed
// escape, which checkQueryString answers 400 before any handler, is
// appended as it is.
func appendUnescaped(b []byte, s string) []byte {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			i += 2
		}
		n++
	}
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			c = ' '
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		b = append(b, c)
	}
	return b
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func unhex(b byte) byte {
	switch {
	case b <= '9':
		return b - '0'
	case b <= 'F':
		return b - 'A' + 10
	}
	return b - 'a' + 10
}
