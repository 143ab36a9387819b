package corpus_test

import (
	"fmt"
	"log"
	"os"

	"github.com/glossary/glossary/corpus"
)

func ExampleLoad() {
	// A corpus folder holds categories.yaml, terms/<id>.yaml and
	// roles/<slug>.yaml; Load reads and validates all of it.
	c, err := corpus.Load(os.DirFS("../search/testdata/aliases"), "testdata/aliases")
	if err != nil {
		log.Fatal(err) // every problem, as file:line:col: message
	}
	t := c.Term("pipeline")
	fmt.Println(len(c.Terms), "terms")
	fmt.Println(t.Term, t.Aliases, t.Roles)
	// Output:
	// 13 terms
	// pipeline [CI pipeline deployment pipeline build pipeline] [platform-engineer]
}
