package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem found in a corpus file, with the position it was
// found at. Line and Col are 1-based; they are 0 when unknown.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error formats the problem as path:line:col: message, the form editors and
// terminals turn into links.
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, max(e.Line, 1), max(e.Col, 1), e.Msg)
}

// Errors is every problem found while loading a corpus, sorted by file and
// position. It is returned as the error from Load when it is not empty.
type Errors []*Error

// Error joins the problems, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sort() {
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// Pos is a position in a corpus file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as path:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, max(p.Line, 1), max(p.Col, 1)) }

// problems collects errors while loading.
type problems struct {
	errs Errors
	// unloaded names the files that exist but did not load ("terms/x",
	// "roles/y"), so that references to them are not reported as
	// missing files too: their own error says what to fix.
	unloaded map[string]bool
}

// failed records that the corpus file dir/name.yaml exists but did not
// load.
func (p *problems) failed(dir, name string) {
	if p.unloaded == nil {
		p.unloaded = map[string]bool{}
	}
	p.unloaded[dir+"/"+name] = true
}

func (p *problems) at(pos Pos, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: pos.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...)})
}
