package server

import (
	"cmp"
	"maps"
	"net/http"
	"net/url"
	"runtime/debug"
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
// hash. The ETag is W/"<16 hex digits>", FNV-1a 64 of:
//
//   - the build of the server (etagSeed), since a new binary may answer
//     differently from the same generation (a field added, a better
//     ranking) and caches should not keep the old answers;
//   - the generation's id and creation time, from its manifest: the same in
//     every process serving it, different after a reindex, and different
//     even if a wiped data folder numbers a new generation as an old one
//     (the OpenAPI document, which needs no generation, leaves them out);
//   - the path;
//   - the canonical query: parameters sorted by name (the values of one
//     name kept in the order sent, since the first one counts for
//     single-valued parameters), %-escapes and "+" decoded, so q=circ+br
//     and q=circ%20br share a tag. Unknown parameters count too: they
//     change nothing in the answer, but a cache buster should bust.
//
// No random seed: every process of the same build serving a generation
// gives the same URL the same tag, so a client revalidating against
// another replica still gets its 304. The tag is weak (RFC 9110 section 8.8.1) because two
// answers sharing it are equivalent, not byte for byte equal: a search
// reports the time it took (took_ms). It is a cache validator, not a
// security boundary: a client that forges a collision only fools its own
// cache.
//
// Answers are cacheable by browsers and shared caches (public: they
// depend on no cookie or credential) for a minute where a reindex should
// show soon (suggest, search, related terms) and five minutes for entries,
// roles and the OpenAPI document, which change only when their own files
// do. Errors carry Cache-Control: no-store and no ETag (respondError).
//
// A 304 runs no search, so a revalidated search that finds nothing is not
// counted again as a gap (gaps.go): gaps count searches run.

// etagSeed is the first input of every ETag: a hash of the API's
// contract (the OpenAPI document) and of the build information Go records
// in the binary (the module versions, and the version control revision
// when the binary was built from a checkout). Every process running the
// same build has the same seed. A binary built without version control
// information (go run, go build -buildvcs=false) changes its seed only
// with the contract or a dependency.
var etagSeed = func() uint64 {
	h := hashString(fnvOffset, string(openapiDoc))
	if bi, ok := debug.ReadBuildInfo(); ok {
		h = hashString(h, bi.String())
	}
	return h
}()

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
// handler. If-None-Match: * is left to the handler (see answer).
func cacheable(control []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		etag, key := etagOf(c)
		c.Set(etagKey, key)
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

// notModifiedToStar answers 304 and returns true when a cacheable route's
// request says If-None-Match: *. "*" matches when the resource exists,
// which only the handler can tell: one that has found it calls this
// before sending it.
// answerJSON is answer for a body encoded already (as c.JSON encodes it).
func answerJSON(c *gin.Context, body []byte) {
	if notModifiedToStar(c) {
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

func notModifiedToStar(c *gin.Context) bool {
	if inm := c.Request.Header.Get("If-None-Match"); inm != "" && c.Writer.Header().Get("Etag") != "" {
		if _, star := ifNoneMatch(inm, ""); star {
			c.AbortWithStatus(http.StatusNotModified)
			return true
		}
	}
	return false
}

// etagOf returns the ETag of the answer to c's request (see above).
// etagKey is where cacheable keeps the hash of the ETag, for the
// response cache.
const etagKey = "etag-hash"

func etagOf(c *gin.Context) (string, uint64) {
	h := etagSeed
	if v, ok := c.Get(searcherKey); ok {
		m := v.(Searcher).Manifest()
		h = hashString(h, m.Generation)
		h = hashUint64(h, uint64(m.Created.UnixNano()))
	}
	h = hashString(h, c.Request.URL.Path)
	h = hashQuery(h, c.Request.URL.RawQuery)
	var b [20]byte
	copy(b[:], `W/"`)
	const hex = "0123456789abcdef"
	for i := range 16 {
		b[3+i] = hex[h>>(60-4*i)&0xf]
	}
	b[19] = '"'
	return string(b[:]), h
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

// FNV-1a, 64 bits, written out so that hashing strings allocates nothing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashUint64(h, v uint64) uint64 {
	for i := range 8 {
		h = hashByte(h, byte(v>>(8*i)))
	}
	return h
}

// hashString adds s and then its length, so that no two different lists
// of strings hash the same sequence of bytes.
func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = hashByte(h, s[i])
	}
	return hashUint64(h, uint64(len(s)))
}

// hashQuery adds the parameters of a raw query string in canonical order
// (see the comment at the top of this file). Empty pairs (a&&b) are
// skipped, as url.ParseQuery skips them.
func hashQuery(h uint64, raw string) uint64 {
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
		return hashParsedQuery(h, pairs)
	}
	slices.SortStableFunc(pairs, func(a, b string) int {
		an, _, _ := strings.Cut(a, "=")
		bn, _, _ := strings.Cut(b, "=")
		return cmp.Compare(an, bn)
	})
	for _, p := range pairs {
		name, value, _ := strings.Cut(p, "=")
		h = hashString(h, name)
		h = hashUnescaped(h, value)
	}
	return h
}

// hashParsedQuery is hashQuery for the rare query whose parameter names
// are %-escaped: names are decoded before they are sorted, so that
// %71=a&q=b (q is a, then b) and q=b&%71=a (q is b, then a) differ.
func hashParsedQuery(h uint64, pairs []string) uint64 {
	q, _ := url.ParseQuery(strings.Join(pairs, "&"))
	for _, name := range slices.Sorted(maps.Keys(q)) {
		for _, v := range q[name] {
			h = hashString(h, name)
			h = hashString(h, v)
		}
	}
	return h
}

// hashUnescaped adds the query value s as url.QueryUnescape decodes it
// ("+" is a space, %XX a byte), then its decoded length. A malformed
// escape, which checkQueryString answers 400 before any handler, is added
// as it is.
func hashUnescaped(h uint64, s string) uint64 {
	n := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == '+':
			b = ' '
		case b == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		h = hashByte(h, b)
		n++
	}
	return hashUint64(h, uint64(n))
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
