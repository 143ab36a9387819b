package server

import (
	"sync"
)

// responseCache keeps the encoded bodies of recent autocomplete answers,
// by the hash their ETag is made of (build, generation, path, canonical
// query): the same hash is the same answer, so a hit is written as it was
// encoded the first time. Autocomplete repeats itself (every learner and
// editor types the same first letters), and a hit skips the suggester, the
// corpus look-ups and the JSON encoding: the part of a request that is not
// the HTTP stack itself. Entries of a replaced generation are never hit
// again, as its id is part of the hash; they go when the cache is full.
//
// Only autocomplete is cached: search answers carry took_ms, which a
// cached body would misreport, and term pages are cheap already.
type responseCache struct {
	mu  sync.RWMutex
	m   map[uint64][]byte
	max int // entries; when full the cache starts over
}

// Bounds of the autocomplete cache: about 4,096 answers of at most 8 KiB
// (a default answer is 1–2 KiB), so well under 10 MB in practice and 32 MB
// at worst.
const (
	suggestCacheEntries = 4096
	maxCachedBody       = 8 << 10
)

func newResponseCache(max int) *responseCache {
	return &responseCache{m: make(map[uint64][]byte, max), max: max}
}

func (rc *responseCache) get(key uint64) ([]byte, bool) {
	rc.mu.RLock()
	b, ok := rc.m[key]
	rc.mu.RUnlock()
	return b, ok
}

// put stores a body. A full cache is emptied first rather than evicting
// one entry at a time: O(1), and the popular prefixes are back within a
// few requests.
func (rc *responseCache) put(key uint64, body []byte) {
	if len(body) > maxCachedBody {
		return
	}
	rc.mu.Lock()
	if len(rc.m) >= rc.max {
		rc.m = make(map[uint64][]byte, rc.max)
	}
	rc.m[key] = body
	rc.mu.Unlock()
}

func (rc *responseCache) len() int {
	rc.mu.RLock()
	defer rc.mu.RUnlock()
	return len(rc.m)
}
