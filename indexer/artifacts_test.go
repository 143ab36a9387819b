package indexer_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
)

// constArtifact writes a fixed text and the number of terms.
func constArtifact(name, text string) generation.Artifact {
	return generation.Artifact{Name: name, Write: func(w io.Writer, c *corpus.Corpus) error {
		_, err := io.WriteString(w, text+strings.Repeat("+", len(c.Terms)))
		return err
	}}
}

// TestBuildWritesTheArtifactsItIsGiven: a generation holds exactly the
// artifacts its caller passes, sealed in its manifest; names that would
// collide with each other or with the generation's own files are refused
// and leave nothing served.
func TestBuildWritesTheArtifactsItIsGiven(t *testing.T) {
	c := testCorpus(t)
	tests := []struct {
		name      string
		artifacts []generation.Artifact
		want      map[string]string // file -> content; nil: the build fails
	}{
		{"none", nil, map[string]string{}},
		{"two", []generation.Artifact{constArtifact("b.bin", "b"), constArtifact("a.bin", "a")},
			map[string]string{"a.bin": "a" + strings.Repeat("+", len(c.Terms)), "b.bin": "b" + strings.Repeat("+", len(c.Terms))}},
		{"twice the same name", []generation.Artifact{constArtifact("a.bin", "a"), constArtifact("a.bin", "b")}, nil},
		{"the manifest's name", []generation.Artifact{constArtifact(generation.ManifestFile, "{}")}, nil},
		{"the corpus snapshot's name", []generation.Artifact{constArtifact(generation.CorpusFile, "x")}, nil},
		{"a path", []generation.Artifact{constArtifact("../a.bin", "a")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			sum, err := indexer.Build(context.Background(), c, indexer.Options{DataDir: data, Artifacts: tt.artifacts})
			if tt.want == nil {
				if err == nil {
					t.Fatalf("Build with artifacts %s succeeded; want an error", tt.name)
				}
				if _, err := os.Stat(filepath.Join(data, generation.PointerFile)); !os.IsNotExist(err) {
					t.Errorf("a failed build left %s: %v", generation.PointerFile, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range sum.Files {
				if strings.Contains(f.Path, "/") || f.Path == generation.CorpusFile {
					continue
				}
				b, err := os.ReadFile(filepath.Join(sum.Path, f.Path))
				if err != nil {
					t.Fatal(err)
				}
				got[f.Path] = string(b)
			}
			if len(got) != len(tt.want) {
				t.Errorf("generation holds artifacts %v; want %v", got, tt.want)
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("%s = %q; want %q", name, got[name], want)
				}
			}
			if _, err := generation.CheckGeneration(sum.Path); err != nil {
				t.Errorf("CheckGeneration = %v; want nil", err)
			}
		})
	}
}
