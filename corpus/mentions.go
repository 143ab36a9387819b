package corpus

import (
	"slices"
	"strings"
	"unicode"
)

// maxMentionWords is the longest name, in words, looked for in definitions.
const maxMentionWords = 4

// words splits text into lower-case words of letters and digits; "/", "-"
// and "." inside a word keep it whole ("pub/sub", "node.js").
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' && r != '-' && r != '.' && r != '+' && r != '#'
	})
}

func nameKey(name string) string {
	ws := words(name)
	for i, w := range ws {
		ws[i] = strings.Trim(w, "./-")
	}
	return strings.Join(ws, " ")
}

// deriveMentions fills each term's Mentions: the other terms whose name,
// alias or form appears in its definition, in order of appearance.
func deriveMentions(c *Corpus) {
	byName := map[string]string{}
	for _, t := range c.Terms {
		for _, n := range append(append([]string{t.Term}, t.Aliases...), t.Forms...) {
			k := nameKey(n)
			if len([]rune(k)) < 3 {
				continue // "IT", "Go": too ambiguous to count as a mention
			}
			if _, taken := byName[k]; !taken {
				byName[k] = t.ID
			}
		}
	}
	for _, t := range c.Terms {
		ws := words(t.Definition)
		for i := range ws {
			ws[i] = strings.Trim(ws[i], "./-")
		}
		t.Mentions = []string{}
		for i := range ws {
			// Longest name first: "message queue" before "queue".
			for n := min(maxMentionWords, len(ws)-i); n >= 1; n-- {
				id, ok := byName[strings.Join(ws[i:i+n], " ")]
				if ok && id != t.ID && !slices.Contains(t.Mentions, id) {
					t.Mentions = append(t.Mentions, id)
					break
				}
			}
		}
	}
}
