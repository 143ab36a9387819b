package generation

import (
	"io"

	"github.com/glossary/glossary/corpus"
)

// An Artifact is a file of a generation derived from the corpus alone:
// data the query side would otherwise compute each time it opens the
// generation. The indexer is given the artifacts to write (its caller
// chooses them) and writes each into the generation before sealing it; a
// generation without one still opens, slower.
type Artifact struct {
	// Name is the file's name in the generation's folder.
	Name string
	// Write encodes the artifact of c to w.
	Write func(w io.Writer, c *corpus.Corpus) error
}
