package webtest

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

type answerCase struct {
	Answer string   `json:"answer"`
	Names  []string `json:"names"`
}

// TestAnswerRulesAgree checks that the practice page's answer checking
// (answer.js) is search.CheckAnswer: on the table of search's
// testdata/answers.json, and on thousands of answers made from the names
// of the embedded corpus with typos of every kind (insertions, deletions,
// substitutions, swaps, a changed first letter, case, hyphens and spaces),
// the JavaScript in Chromium and the Go give the same verdict.
func TestAnswerRulesAgree(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../search/testdata/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []answerCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	table := len(cases)
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := 0; i < 4000; i++ {
		term := c.Terms[rng.IntN(len(c.Terms))]
		names := slices.Concat([]string{term.Term}, term.Forms, term.Aliases)
		cases = append(cases, answerCase{Answer: typos(rng, names[rng.IntN(len(names))]), Names: names})
	}
	tb := newTab(t, testServer(t))
	tb.open("/practice")
	tb.waitFor(`typeof GlossaryAnswer === 'object'`, "answer.js")
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	got := eval[[]search.AnswerCheck](tb, `(`+string(in)+`).map(c => GlossaryAnswer.check(c.answer, c.names))`)
	if len(got) != len(cases) {
		t.Fatalf("%d verdicts for %d cases", len(got), len(cases))
	}
	right, forgiven, disagree := 0, 0, 0
	for i, cs := range cases {
		want := search.CheckAnswer(cs.Answer, cs.Names)
		if got[i] != want {
			if disagree++; disagree <= 20 {
				t.Errorf("answer %q for %q: JavaScript %+v, Go %+v", cs.Answer, cs.Names, got[i], want)
			}
		}
		if i >= table && want.Correct {
			right++
			if want.Typos > 0 {
				forgiven++
			}
		}
	}
	t.Logf("%d table cases and %d made ones (%d right, %d of them with typos forgiven); %d disagree", table, len(cases)-table, right, forgiven, disagree)
	if forgiven < 500 || len(cases)-table-right < 500 {
		t.Errorf("the made cases are too easy: %d right with typos, %d wrong", forgiven, len(cases)-table-right)
	}
}

// typos returns name with up to three random typos, and sometimes in
// capitals or with its spaces changed.
func typos(rng *rand.Rand, name string) string {
	r := []rune(name)
	letters := []rune("abcdefghijklmnopqrstuvwxyzéö0-")
	for n := rng.IntN(4); n > 0 && len(r) > 1; n-- {
		i := rng.IntN(len(r))
		switch rng.IntN(5) {
		case 0: // insert
			r = slices.Insert(r, i, letters[rng.IntN(len(letters))])
		case 1: // delete
			r = slices.Delete(r, i, i+1)
		case 2: // substitute
			r[i] = letters[rng.IntN(len(letters))]
		case 3: // swap
			if i+1 < len(r) {
				r[i], r[i+1] = r[i+1], r[i]
			}
		case 4: // the first letter
			r[0] = letters[rng.IntN(len(letters))]
		}
	}
	s := string(r)
	switch rng.IntN(6) {
	case 0:
		s = strings.ToUpper(s)
	case 1:
		s = strings.ReplaceAll(s, " ", "-")
	case 2:
		s = strings.ReplaceAll(s, " ", "")
	}
	return s
}
