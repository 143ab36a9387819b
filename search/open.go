package search

import (
	"errors"
	"strings"
	"sync/atomic"
)

// openIndexes counts Index values opened and not yet closed, in this
// process.
var openIndexes atomic.Int64

// OpenIndexes returns how many Index values are open in this process: one
// per generation being served or still held by a running request. Tests and
// the metrics endpoint use it to prove that replaced generations are closed.
func OpenIndexes() int64 { return openIndexes.Load() }

// ErrBadPointer is returned by CurrentGeneration when the data folder's
// CURRENT file holds no valid generation name.
var ErrBadPointer = errors.New("invalid generation pointer")

// validGeneration reports whether name is a generation name as the indexer
// makes them: "gen-" and decimal digits. Anything else in CURRENT (a path
// such as ../x or /etc, garbage, terminal escapes) names no generation;
// errors quote it (%q) so that it is never echoed raw.
func validGeneration(name string) bool {
	digits, ok := strings.CutPrefix(name, "gen-")
	if !ok || digits == "" || len(digits) > 18 {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
