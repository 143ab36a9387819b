package indexer

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
)

// writeArtifacts writes each of artifacts of c into dir, in order.
func writeArtifacts(dir string, c *corpus.Corpus, artifacts []generation.Artifact) error {
	seen := make(map[string]bool, len(artifacts))
	for _, a := range artifacts {
		if seen[a.Name] || a.Name != filepath.Base(a.Name) || a.Name == generation.ManifestFile || a.Name == generation.CorpusFile || a.Name == generation.IndexDir {
			return fmt.Errorf("artifact %q: not a file name of its own in a generation", a.Name)
		}
		seen[a.Name] = true
		if err := generation.WriteFile(filepath.Join(dir, a.Name), func(w io.Writer) error { return a.Write(w, c) }); err != nil {
			return err
		}
	}
	return nil
}
