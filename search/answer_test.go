package search

import (
	"encoding/json"
	"os"
	"testing"
)

// answerCase is one row of testdata/answers.json, which the JavaScript
// of the practice page is held to as well (server/webtest).
type answerCase struct {
	Why     string   `json:"why"`
	Answer  string   `json:"answer"`
	Names   []string `json:"names"`
	Correct bool     `json:"correct"`
	Typos   int      `json:"typos"`
	Name    string   `json:"name"`
}

func TestCheckAnswer(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []answerCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Why, func(t *testing.T) {
			got := CheckAnswer(c.Answer, c.Names)
			want := AnswerCheck{Correct: c.Correct, Typos: c.Typos, Name: c.Name}
			if got != want {
				t.Errorf("CheckAnswer(%q, %q) = %+v; want %+v", c.Answer, c.Names, got, want)
			}
		})
	}
}

func FuzzCheckAnswer(f *testing.F) {
	f.Add("rase condtion", "race condition")
	f.Add("Idempotnet", "idempotent")
	f.Fuzz(func(t *testing.T, answer, name string) {
		got := CheckAnswer(answer, []string{name})
		if got.Correct && got.Name != name {
			t.Fatalf("CheckAnswer(%q, [%q]) took it for %q", answer, name, got.Name)
		}
		if got.Typos > correctMaxEdits || got.Typos < 0 {
			t.Fatalf("CheckAnswer(%q, [%q]) = %d typos", answer, name, got.Typos)
		}
		if self := CheckAnswer(name, []string{name}); len(answerWords(name)) > 0 && (!self.Correct || self.Typos != 0) {
			t.Fatalf("CheckAnswer(%q, itself) = %+v", name, self)
		}
	})
}
