package server

import (
	"os"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// FuzzOtherName checks the redirects of addresses that name a term or a
// role another way: whatever the name, the page redirected to exists, is
// on this site, and is not the address asked for, so a redirect never
// loops.
func FuzzOtherName(f *testing.F) {
	var corpora []*corpus.Corpus
	var catalogs []*search.Catalog
	for _, dir := range []string{"../search/testdata/corpus", "../corpus/testdata/senses"} {
		cp, err := corpus.Load(os.DirFS(dir), dir)
		if err != nil {
			f.Fatal(err)
		}
		corpora = append(corpora, cp)
		catalogs = append(catalogs, search.NewCatalog(cp))
	}
	for _, seed := range []string{"Idempotent", "MQ", "race conditions", "data-model", "Backend-Developer", "C++", "", "-", "ÉTAT"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for i, cp := range corpora {
			for _, prefix := range []string{"/terms/", "/roles/"} {
				u := otherName(catalogs[i], prefix, name)
				if u == "" {
					continue
				}
				id, _, _ := strings.Cut(strings.TrimPrefix(u, prefix), "#sense-")
				if !strings.HasPrefix(u, prefix) || u == prefix+name || (prefix == "/terms/" && cp.Term(id) == nil) || (prefix == "/roles/" && cp.Role(id) == nil) {
					t.Errorf("otherName(%q, %q) = %q; want an existing page other than the one asked for", prefix, name, u)
				}
			}
		}
	})
}
