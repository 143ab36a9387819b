package corpus_test

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

func TestMisspellings(t *testing.T) {
	t.Parallel()
	term := func(name, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("term: " + name + "\n" + extra +
			"part_of_speech: noun\nlevel: B1\ndefinition: A thing.\nexamples: [One., Two.]\ncategories: [database]\n")}
	}
	tests := []struct {
		name  string
		terms map[string]*fstest.MapFile
		want  []string // problems; nil for none
	}{
		{
			name: "wrong forms, one differing from an alias only in case",
			terms: map[string]*fstest.MapFile{
				"terms/node-js.yaml": term("Node.js", "aliases: [NodeJS]\nmisspellings: [nodejs, node js]\n"),
			},
		},
		{
			name: "a misspelling written as a name, an alias or a form",
			terms: map[string]*fstest.MapFile{
				"terms/node-js.yaml": term("Node.js", "aliases: [NodeJS]\nmisspellings: [NodeJS, Node.js]\n"),
				"terms/npm.yaml":     term("npm", "forms: [npms]\nmisspellings: [npms]\n"),
			},
			want: []string{
				`terms/node-js.yaml:3:16: misspelling "NodeJS" of node-js is how term node-js is written (its name, an alias or a form)`,
				`terms/node-js.yaml:3:24: misspelling "Node.js" of node-js is how term node-js is written (its name, an alias or a form)`,
				`terms/npm.yaml:3:16: misspelling "npms" of npm is how term npm is written (its name, an alias or a form)`,
			},
		},
		{
			name: "listed twice, or by two terms",
			terms: map[string]*fstest.MapFile{
				"terms/mongodb.yaml":  term("MongoDB", "misspellings: [Mongo DB, mongo  db]\n"),
				"terms/mongoose.yaml": term("Mongoose", "misspellings: [Mongo DB]\n"),
			},
			want: []string{
				`terms/mongodb.yaml:2:26: misspelling "mongo db" is listed twice`,
				`terms/mongoose.yaml:2:16: misspelling "Mongo DB" belongs to mongodb too: an editor could not tell which term to suggest`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"categories.yaml": {Data: []byte("database: Database\n")}, "roles": {Mode: fs.ModeDir}}
			for k, v := range tt.terms {
				fsys[k] = v
			}
			c, err := corpus.Load(fsys, ".")
			var got []string
			var errs corpus.Errors
			if errors.As(err, &errs) {
				for _, e := range errs {
					got = append(got, e.Error())
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("Load problems (-want +got):\n%s", diff)
			}
			if tt.want == nil && len(c.Term("node-js").Misspellings) != 2 {
				t.Errorf("misspellings = %q; want both", c.Term("node-js").Misspellings)
			}
		})
	}
}
