package indexer

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"

	"github.com/glossary/glossary/corpus"
)

// An Artifact encodes data derived from the corpus, which Build writes as
// a file of each generation before sealing it: data the query side would
// otherwise compute each time it opens the generation.
type Artifact func(w io.Writer, c *corpus.Corpus) error

var artifacts struct {
	sync.Mutex
	byName map[string]Artifact
}

// RegisterArtifact makes every Build write the artifact named name (its
// file name in the generation). The search package registers its
// completion index, so that opening a generation reads it instead of
// rebuilding it; a generation built without it still opens, slower. It
// panics when name is registered twice, like bleve's registries.
func RegisterArtifact(name string, write Artifact) {
	artifacts.Lock()
	defer artifacts.Unlock()
	if _, ok := artifacts.byName[name]; ok {
		panic(fmt.Sprintf("indexer: artifact %s registered twice", name))
	}
	if artifacts.byName == nil {
		artifacts.byName = map[string]Artifact{}
	}
	artifacts.byName[name] = write
}

// writeArtifacts writes every registered artifact into dir, by name order.
func writeArtifacts(dir string, c *corpus.Corpus) error {
	artifacts.Lock()
	names := make([]string, 0, len(artifacts.byName))
	for name := range artifacts.byName {
		names = append(names, name)
	}
	all := artifacts.byName
	artifacts.Unlock()
	slices.Sort(names)
	for _, name := range names {
		write := all[name]
		if err := writeFileSync(filepath.Join(dir, name), func(w io.Writer) error { return write(w, c) }); err != nil {
			return err
		}
	}
	return nil
}
