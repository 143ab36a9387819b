package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
)

// OpenStep is one step of opening a generation, for BenchmarkOpenSteps.
type OpenStep struct {
	Name string
	Run  func() error // may run again; needs the steps before it to have run
}

// OpenSteps returns the steps that OpenVerified takes on the generation in
// dir, one after another (Open runs the file reads side by side, and the
// completion index beside the related graph and the facets), so that each
// step's cost can be measured alone; then open-all, which is Open, and
// verify, which searches what open-all opened.
func OpenSteps(dir string) (steps []OpenStep, done func()) {
	var (
		cd     *generation.Completions
		c      *corpus.Corpus
		idx    bleve.Index
		ix     = &Index{}
		opened *Index
	)
	closeIndex := func() {
		if idx != nil {
			idx.Close()
			idx = nil
		}
	}
	closeOpened := func() {
		if opened != nil {
			opened.Close()
			opened = nil
		}
	}
	steps = []OpenStep{
		{"checksums", func() error { _, err := generation.CheckGeneration(dir); return err }},
		{"completion-file", func() (err error) { cd, err = generation.ReadCompletions(dir); return err }},
		{"corpus-snapshot", func() (err error) { c, err = readCorpus(dir); return err }},
		{"bleve-open", func() (err error) { closeIndex(); idx, err = openBleve(dir); return err }},
		{"completion-index", func() (err error) { ix.complete, err = completionsFrom(cd, c.Terms); return err }},
		{"related-graph", func() error { ix.related = newRelatedGraph(c); return nil }},
		{"facet-index", func() (err error) { ix.facets, err = newFacetIndex(idx, c); return err }},
		{"open-all", func() (err error) { closeOpened(); opened, err = Open(dir); return err }},
		{"verify", func() error { return Verify(context.Background(), opened, DefaultVerifyTerms) }},
	}
	return steps, func() { closeIndex(); closeOpened() }
}
