package corpus

import (
	"embed"
	"io/fs"
)

//go:embed categories.yaml terms roles
var embedded embed.FS

// Embedded returns the curated corpus compiled into the binary. Errors from
// loading it name files under "corpus/", where they live in the repository.
func Embedded() fs.FS { return embedded }

// EmbeddedRoot is the display root for errors in the embedded corpus.
const EmbeddedRoot = "corpus"
