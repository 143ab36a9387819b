package search

import (
	"errors"
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
