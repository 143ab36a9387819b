package corpus_test

import (
	"errors"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/glossary/glossary/corpus"
)

// FuzzLoad loads a corpus whose files hold arbitrary bytes: Load must
// never panic, and its only errors are corpus.Errors (problems in the
// files) or wrapped file-system errors.
func FuzzLoad(f *testing.F) {
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	good := "../search/testdata/corpus/"
	f.Add("cache", read(good+"terms/cache.yaml"), "backend-developer", read(good+"roles/backend-developer.yaml"), read(good+"categories.yaml"))
	f.Add("cqrs", read(good+"terms/cqrs.yaml"), "sre", []byte("name: x\n"), []byte("api-design: API Design\n"))
	f.Add("Bad Name", []byte("term: [unclosed\n"), "r", []byte("- a\n- b\n"), []byte("- not a mapping\n"))
	f.Add("a", []byte("&a [*a, *a]\n"), "r", []byte("a: &x {b: *x}\n"), []byte("? complex key\n: value\n"))
	f.Add("t", []byte("term: t\nterm: t\nrelated: [{id: t, type: nope}, 3, null]\nexamples: {}\n"), "r", []byte("categories: [{category: 1, terms: [[]]}]\n"), []byte("\xff\xfe: \x00\n"))
	f.Add("t", []byte("--- \n...\n---\nterm: x\n"), "r", []byte(""), []byte("a: !!binary aGVsbG8=\nb: !!int nope\n"))
	f.Add("store", read("testdata/senses/terms/store.yaml"), "r", []byte("spotlight: [store#data-store]\n"), read("testdata/senses/categories.yaml"))
	f.Add("s", []byte("term: s\nsenses: [{id: a, related: [{id: s#a}, {id: '#'}, {id: s#}]}, {id: a}, [], null]\n"), "r", []byte(""), []byte(""))
	// Positions of bad text and a second document (issue 19).
	f.Add("p", []byte("term: p\npart_of_speech: noun\nlevel: B1\ndefinition: x\nexamples: [a]\ncategories: [c]\nnotes: a\x00b \xe9\n---\nterm: q\n"), "r", []byte("spotlight: [p]\n"), []byte("c: C\x07\n"))
	f.Fuzz(func(t *testing.T, termID string, term []byte, roleID string, role, categories []byte) {
		termPath, rolePath := "terms/"+termID+".yaml", "roles/"+roleID+".yaml"
		if !fs.ValidPath(termPath) || !fs.ValidPath(rolePath) {
			t.Skip()
		}
		fsys := fstest.MapFS{
			"categories.yaml": {Data: categories},
			termPath:          {Data: term},
			rolePath:          {Data: role},
		}
		c, err := corpus.Load(fsys, "fuzz")
		var errs corpus.Errors
		var pathErr *fs.PathError
		switch {
		case err == nil:
			if c == nil {
				t.Fatal("Load returned neither a corpus nor an error")
			}
		case errors.As(err, &errs):
			if c != nil || len(errs) == 0 {
				t.Fatalf("Load returned a corpus and %d problems", len(errs))
			}
		case errors.As(err, &pathErr):
		default:
			t.Fatalf("Load error %T %v; want corpus.Errors or a file-system error", err, err)
		}
	})
}
