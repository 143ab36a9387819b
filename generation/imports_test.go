package generation_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/glossary/glossary/"

// TestBuildAndQuerySidesImportOnlyTheFormat: the indexer and the search
// package share the generation format through this package and never
// depend on each other, directly or through another package (go list
// -deps lists every package a package's non-test files pull in).
func TestBuildAndQuerySidesImportOnlyTheFormat(t *testing.T) {
	tests := []struct {
		pkg, mustNot string
	}{
		{"search", "indexer"},
		{"indexer", "search"},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			deps := listDeps(t, module+tt.pkg)
			if slices.Contains(deps, module+tt.mustNot) {
				t.Errorf("go list -deps %s lists %s; the two sides must share only the generation package", tt.pkg, tt.mustNot)
			}
			if !slices.Contains(deps, module+"generation") {
				t.Errorf("go list -deps %s does not list generation: %v", tt.pkg, deps)
			}
		})
	}
}

func listDeps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr)
	}
	return strings.Fields(string(out))
}
