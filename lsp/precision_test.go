package lsp

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/internal/testutil"
)

// The terminology checker's quality is pinned by data (docs/lsp-diagnostics.md
// has the numbers and how to rerun them):
//
//	go test -run 'TestPrecisionRecall|TestCleanProse|TestRepositoryProse' -v ./lsp
//
// -prose DIR also reports the findings in every Markdown file under DIR,
// such as /usr/share/doc, for reading by hand.

var (
	proseDirs = flag.String("prose", "", "also report the findings in the Markdown files under these folders (comma-separated)")
	codespell = flag.String("codespell", "", "also report the recall on the misspellings of glossary terms in this codespell dictionary (wrong->right lines)")
)

// The floors TestPrecisionRecall holds the checker to: what it reached
// when they were set (precision 1.00, recall 0.93), less a little.
const (
	minPrecision = 0.98
	minRecall    = 0.90
)

// labelled is one error of the labelled set.
type labelled struct {
	line, start, end int
	wrong, right     string
}

var markRe = regexp.MustCompile(`\[\[([^|\]]+)\|([^\]]+)\]\]`)

// labelledDocs reads testdata/checker/labelled.txt: documents by
// languageId, with their text and errors.
func labelledDocs(t *testing.T) []struct {
	lang, text string
	errs       []labelled
} {
	t.Helper()
	b, err := os.ReadFile("testdata/checker/labelled.txt")
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct {
		lang, text string
		errs       []labelled
	}
	var lines []string
	for _, raw := range strings.Split(string(b), "\n") {
		if lang, ok := strings.CutPrefix(raw, "## "); ok {
			docs = append(docs, struct {
				lang, text string
				errs       []labelled
			}{lang: lang})
			lines = nil
			continue
		}
		if len(docs) == 0 {
			continue // the notes at the top
		}
		d := &docs[len(docs)-1]
		line, n := "", len(lines)
		last := 0
		for _, m := range markRe.FindAllStringSubmatchIndex(raw, -1) {
			line += raw[last:m[0]]
			wrong, right := raw[m[2]:m[3]], raw[m[4]:m[5]]
			d.errs = append(d.errs, labelled{line: n, start: len(line), end: len(line) + len(wrong), wrong: wrong, right: right})
			line += wrong
			last = m[1]
		}
		line += raw[last:]
		lines = append(lines, line)
		d.text = strings.Join(lines, "\n")
	}
	return docs
}

// TestPrecisionRecall runs the checker over the labelled set: a finding
// is right when it covers an error exactly and its first fix is the
// label's; precision is right findings over all findings, recall right
// findings over all errors.
func TestPrecisionRecall(t *testing.T) {
	t.Parallel()
	v := testVocabulary(t)
	var tp, fp, fn int
	for _, d := range labelledDocs(t) {
		found := (&docCheck{}).findings(v, d.lang, d.text)
		matched := make([]bool, len(d.errs))
		for _, f := range found {
			i := slices.IndexFunc(d.errs, func(e labelled) bool {
				return e.line == f.line && e.start == f.start && e.end == f.end && e.right == f.fixes[0]
			})
			if i < 0 {
				fp++
				t.Logf("false positive (%s, line %d): %q → %q", d.lang, f.line+1, f.text, f.fixes)
				continue
			}
			matched[i] = true
			tp++
		}
		for i, e := range d.errs {
			if !matched[i] {
				fn++
				t.Logf("missed (%s, line %d): %q (%s)", d.lang, e.line+1, e.wrong, e.right)
			}
		}
	}
	precision, recall := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	t.Logf("%d errors: %d found, %d missed, %d false positives: precision %.3f, recall %.3f", tp+fn, tp, fn, fp, precision, recall)
	if tp+fn < 100 {
		t.Errorf("the labelled set has %d errors; keep at least 100", tp+fn)
	}
	if precision < minPrecision || recall < minRecall {
		t.Errorf("precision %.3f, recall %.3f; want at least %.2f and %.2f", precision, recall, minPrecision, minRecall)
	}
	if *codespell != "" {
		codespellRecall(t, v, *codespell)
	}
}

// codespellRecall reports the recall on the misspellings that codespell's
// dictionary (collected from real code and docs by others) lists for the
// glossary's one-word names: each in the middle of a sentence, where it
// must be found with a fix of the right term first. Misspellings that are words of
// the word list cannot be found, and are counted apart.
func codespellRecall(t *testing.T, v *vocabulary, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	termOf := map[string]string{} // name -> term id
	for _, list := range v.typos {
		for _, n := range list {
			termOf[n.lower] = n.ref.id
		}
	}
	var found, missed, words int
	reasons := map[string]int{}
	for _, l := range strings.Split(string(b), "\n") {
		wrong, right, ok := strings.Cut(strings.TrimSpace(l), "->")
		if !ok || strings.Contains(right, ",") || termOf[right] == "" || !isASCIILetters(wrong) {
			continue
		}
		if v.known[wrong]&(inWordList|inWordListName) != 0 {
			words++
			continue
		}
		line := "We checked the " + wrong + " again."
		fs, _ := v.checkLine(line, []span{{0, len(line)}})
		// Found when the fix is of the same term: "vulnerabilitie" may
		// well mean "vulnerabilities".
		if len(fs) == 1 && fs[0].text == wrong && (fs[0].id == termOf[right] || strings.EqualFold(fs[0].fixes[0], right)) {
			found++
		} else {
			missed++
			why := "other"
			switch {
			case len(wrong) < minTypoLen:
				why = "shorter than 6 letters"
			case wrong[0] != right[0] || !sameStart(wrong, right):
				why = "a slip in the first two letters"
			case osaDistance(wrong, right, 9) > maxEditsFor(len(wrong)):
				why = "more edits than allowed"
			}
			reasons[why]++
			t.Logf("codespell: missed %s (%s): %s", wrong, right, why)
		}
	}
	t.Logf("codespell: %d misspellings of glossary names: %d found, %d missed (recall %.3f), by reason %v; %d more are words of the word list",
		found+missed, found, missed, float64(found)/float64(found+missed), reasons, words)
}

// proseFindings returns the findings in the Markdown and Go files under
// root (Go: comments only), as "path:line: kind text → fix", and the
// number of words read.
func proseFindings(t *testing.T, v *vocabulary, root string, skip func(path string) bool) ([]string, int) {
	t.Helper()
	var out []string
	words := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skip(path) {
				return filepath.SkipDir
			}
			return nil
		}
		lang := map[string]string{".md": "markdown", ".go": "go"}[filepath.Ext(path)]
		if lang == "" || skip(path) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(b)
		rel, _ := filepath.Rel(root, path)
		for _, f := range (&docCheck{}).findings(v, lang, text) {
			out = append(out, fmt.Sprintf("%s:%d: %s %q → %q", filepath.ToSlash(rel), f.line+1, f.kind, f.text, f.fixes))
		}
		if lang == "go" {
			words += countCommentWords(text)
		} else {
			words += len(strings.Fields(text))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, words
}

// countCommentWords counts the words the checker reads in a Go file.
func countCommentWords(text string) int {
	r := newLineReader("go")
	n := 0
	var st lineState
	for i, ls := 0, 0; ls <= len(text); i++ {
		_, le := lineAt(text, ls)
		var segs []span
		segs, st = r.segments(text, ls, le, i, st)
		for _, s := range segs {
			n += len(strings.Fields(text[ls+s.start : ls+s.end]))
		}
		if le == len(text) {
			break
		}
		ls = nextLine(text, le)
	}
	return n
}

// TestCleanProse runs the checker over the READMEs of popular projects
// (testdata/checker/prose, see SOURCES.txt): every finding there is pinned
// in clean.golden, which says by hand which are real errors.
func TestCleanProse(t *testing.T) {
	t.Parallel()
	v := testVocabulary(t)
	got, words := proseFindings(t, v, "testdata/checker/prose", func(string) bool { return false })
	t.Logf("%d findings in %d words", len(got), words)
	const golden = "testdata/checker/clean.golden"
	text := "# The findings of TestCleanProse in testdata/checker/prose, rewritten by\n" +
		"# go test ./lsp -run TestCleanProse -update; a note after \" #\" says what one is.\n"
	for _, f := range got {
		text += f + "\n"
	}
	if *testutil.Update {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	// The golden file may note, after "#", what each finding is.
	var want []string
	for _, l := range strings.Split(string(b), "\n") {
		if l, _, _ = strings.Cut(l, " #"); l != "" && !strings.HasPrefix(l, "#") {
			want = append(want, l)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings in real READMEs (-want +got):\n%s", diff)
	}
	for _, dir := range strings.Split(*proseDirs, ",") {
		if dir == "" {
			continue
		}
		found, words := proseFindings(t, v, dir, func(string) bool { return false })
		for _, f := range found {
			t.Log(f)
		}
		t.Logf("%s: %d findings in %d words", dir, len(found), words)
	}
}

// TestRepositoryProse runs the checker over this repository's own
// Markdown and Go comments, which are written with care: it reports what
// it finds, and fails when findings grow past one in 10,000 words (they
// are errors or false positives; either way, look at them).
func TestRepositoryProse(t *testing.T) {
	t.Parallel()
	v := testVocabulary(t)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	got, words := proseFindings(t, v, root, func(path string) bool {
		base := filepath.Base(path)
		// Fixtures hold errors on purpose.
		return base == "testdata" || base == "node_modules" || strings.HasPrefix(base, ".")
	})
	for _, f := range got {
		t.Log(f)
	}
	t.Logf("%d findings in %d words of Markdown and Go comments", len(got), words)
	if limit := words / 10000; len(got) > limit {
		t.Errorf("%d findings in %d words; want at most %d (one in 10,000)", len(got), words, limit)
	}
}
