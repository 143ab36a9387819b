package search_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// openExample builds a generation of the small corpus in testdata/aliases
// into a temporary folder and opens it, as `glossary index` and `glossary
// serve` do; done closes it and removes the folder.
func openExample() (ix *search.Index, done func()) {
	c, err := corpus.Load(os.DirFS("testdata/aliases"), "testdata/aliases")
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "search-example-")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: dir}); err != nil {
		log.Fatal(err)
	}
	if ix, err = search.OpenCurrent(dir); err != nil {
		log.Fatal(err)
	}
	return ix, func() { ix.Close(); os.RemoveAll(dir) }
}

func ExampleIndex_Search() {
	ix, done := openExample()
	defer done()
	res, err := ix.Search(context.Background(), search.Request{Query: "deploy", Size: 3})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Total, "hits")
	for _, h := range res.Hits {
		fmt.Printf("%s: %s\n", h.Term, h.Definition)
	}
	// Output:
	// 6 hits
	// deploy: To put a new version of software where its users can reach it.
	// deployment: Putting a new version of software where its users can reach it.
	// blue-green deployment: Running the new version beside the old one and switching all traffic to it at once.
}

func ExampleIndex_Suggest() {
	ix, done := openExample()
	defer done()
	res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: "depl", Size: 5})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Suggestions {
		if s.Matched != "" {
			fmt.Printf("%s (%s)\n", s.Term, s.Matched)
		} else {
			fmt.Println(s.Term)
		}
	}
	// Output:
	// deploy
	// deployment
	// blue-green deployment
	// pipeline (deployment pipeline)
	// manual approval (deployment approval)
}
