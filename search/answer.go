package search

import (
	"strings"
	"unicode"
)

// AnswerCheck is the verdict on a learner's answer to a practice card.
type AnswerCheck struct {
	Correct bool   `json:"correct"`
	Typos   int    `json:"typos"` // the typos forgiven; 0 for an exact answer
	Name    string `json:"name"`  // the name the answer was taken for; "" when wrong
}

// CheckAnswer checks a practice answer against a term's names (the term,
// then its aliases and forms) with the typo rules of search, so that an
// answer search would have understood counts as right:
//
//   - case, spacing, hyphens and punctuation do not matter ("Load-Balancer"
//     and "loadbalancer" are "load balancer"), as in names;
//   - a one-word answer gets Fuzziness typos: none under 5 letters, 1 from 5,
//     2 from 9;
//   - in an answer of several words, matched word by word against a name of
//     as many words as phrase correction does, a word of 3 letters or more
//     gets at least one typo, and the answer at most correctMaxEdits in all;
//   - a typo is an insertion, a deletion, a substitution or a swap of two
//     neighbouring letters (the optimal string alignment distance), and
//     never changes the first letter of a word.
//
// Unlike phrase correction, which only corrects words that are no word of
// any name, every word of an answer may carry typos: a card has one right
// answer, so there is no other name the word could mean. The closest name
// wins, the first of names among equals. web/static/answer.js is the same
// rules in JavaScript, for the practice page; webtest's TestAnswerRulesAgree
// holds the two to the table in testdata/answers.json.
func CheckAnswer(answer string, names []string) AnswerCheck {
	typed := answerWords(answer)
	if len(typed) == 0 {
		return AnswerCheck{}
	}
	squashed := strings.Join(typed, "")
	runes := make([][]rune, len(typed))
	for i, w := range typed {
		runes[i] = []rune(w)
	}
	best := AnswerCheck{Typos: correctMaxEdits + 1}
	for _, name := range names {
		nw := answerWords(name)
		if len(nw) == 0 {
			continue
		}
		if strings.Join(nw, "") == squashed {
			return AnswerCheck{Correct: true, Name: name}
		}
		if len(nw) != len(typed) {
			continue
		}
		typos := 0
		for j, w := range nw {
			if w == typed[j] {
				continue
			}
			budget := Fuzziness(typed[j])
			if len(typed) > 1 {
				budget = max(1, budget)
			}
			d := budget + 1
			if budget > 0 && len(runes[j]) >= 3 && []rune(w)[0] == runes[j][0] {
				d = wordDistance(runes[j], w, budget)
			}
			if d > budget {
				typos = correctMaxEdits + 1
				break
			}
			typos += d
		}
		if typos <= correctMaxEdits && typos < best.Typos {
			best = AnswerCheck{Correct: true, Typos: typos, Name: name}
		}
	}
	if !best.Correct {
		return AnswerCheck{}
	}
	return best
}

// answerWords splits text into its runs of letters and digits,
// lower-cased: the words the name analyzer makes of plain text.
func answerWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
