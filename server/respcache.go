package server

import (
	"bytes"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// responseCache keeps the encoded bodies of recent autocomplete and
// search answers, by their request key (cache.go: generation, path,
// canonical query), compared in full on every look-up: the same key is
// the same answer, so a hit is written as it was encoded the first time.
// No hash stands in for the key (the ETag's, which a client sees, least
// of all): a client who finds two URLs whose hashes collide can make
// nobody else get the other's answer. Autocomplete repeats itself
// (every learner and editor types the same first letters), and so do
// popular searches; a hit skips the engine, the corpus look-ups and the
// JSON encoding: the part of a request that is not the HTTP stack itself.
// Entries of a replaced generation are never hit again, as its id is part
// of the key; they go when the cache is full.
type responseCache struct {
	// hits and misses are its metric's counters, resolved once: a label
	// look-up per request cost more than the rest of a hit's bookkeeping.
	hits, misses prometheus.Counter

	mu      sync.RWMutex
	m       map[string]*cachedAnswer
	bytes   int // held by m's keys and answers, entryBytes each besides those
	budget  int // bytes; when full the cache starts over
	maxBody int // bytes of one answer
}

// cachedAnswer is an encoded answer. A search answer is cut around its
// took_ms value, which a hit fills with its own time (cached or not,
// took_ms says how long this request took); gap is what a search that
// was a gap (gaps.go) records in the gaps report on every hit too.
type cachedAnswer struct {
	head, tail []byte
	timed      bool
	gap        gap
}

// Bounds of the caches, in bytes, so that the memory they hold is known
// whatever the answers' sizes (they were 4,096 and 1,024 answers: up to
// 64 MB, against 110 MB for the rest of a 30,000-term server).
// A default autocomplete answer is 1–2 KiB, about 3,000 of them fit; a
// first page of search results is 5–15 KiB, about 800.
const (
	suggestCacheBytes = 4 << 20
	maxCachedSuggest  = 8 << 10
	searchCacheBytes  = 8 << 20
	maxCachedSearch   = 32 << 10
	// entryBytes is what an entry costs besides its body: its place in the
	// map and its cachedAnswer.
	entryBytes = 128
)

// newResponseCache returns a cache of budget bytes counted in metrics
// under name.
func newResponseCache(name string, budget, maxBody int, metrics *Metrics) *responseCache {
	return &responseCache{m: map[string]*cachedAnswer{}, budget: budget, maxBody: maxBody,
		hits: metrics.responseCache.WithLabelValues(name, "hit"), misses: metrics.responseCache.WithLabelValues(name, "miss")}
}

// get returns the answer cached under key, counting a hit.
func (rc *responseCache) get(key string) (*cachedAnswer, bool) {
	rc.mu.RLock()
	a, ok := rc.m[key]
	rc.mu.RUnlock()
	if ok {
		rc.hits.Inc()
	}
	return a, ok
}

// put stores an answer computed after get missed, counting the miss. A
// full cache is emptied first rather than evicting one entry at a time:
// O(1), and the popular queries are back within a few requests.
func (rc *responseCache) put(key string, a *cachedAnswer) {
	rc.misses.Inc()
	size := len(a.head) + len(a.tail)
	if size > rc.maxBody {
		return
	}
	size += len(key) + entryBytes
	rc.mu.Lock()
	if _, ok := rc.m[key]; !ok {
		if rc.bytes+size > rc.budget {
			rc.m, rc.bytes = make(map[string]*cachedAnswer, len(rc.m)), 0
		}
		rc.m[key] = a
		rc.bytes += size
	}
	rc.mu.Unlock()
}

func (rc *responseCache) len() (entries, bytes int) {
	rc.mu.RLock()
	defer rc.mu.RUnlock()
	return len(rc.m), rc.bytes
}

// tookSentinel is the took_ms a search answer is encoded with before it
// is cut: a negative number no real answer has.
const tookSentinel = -1

var tookField = []byte(`"took_ms":-1`)

// timedAnswer cuts an answer encoded with took_ms = tookSentinel around
// that value. User text cannot fake the field: JSON escapes its quotes.
func timedAnswer(body []byte) *cachedAnswer {
	i := bytes.Index(body, tookField)
	if i < 0 {
		return &cachedAnswer{head: body}
	}
	cut := i + len(tookField) - len("-1")
	return &cachedAnswer{head: body[:cut], tail: body[cut+len("-1"):], timed: true}
}

// body is the answer, with took in place of the sentinel.
func (a *cachedAnswer) body(took time.Duration) []byte {
	if !a.timed {
		return a.head
	}
	out := make([]byte, 0, len(a.head)+len(a.tail)+8)
	out = append(out, a.head...)
	out = strconv.AppendFloat(out, tookMS(took), 'f', -1, 64)
	return append(out, a.tail...)
}

// tookMS is a duration as took_ms reports it: milliseconds, to the
// microsecond.
func tookMS(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
