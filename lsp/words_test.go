package lsp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func wordTexts(line string) []string {
	var out []string
	for _, w := range words(line) {
		out = append(out, line[w.start:w.end])
	}
	return out
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line string
		want []string
	}{
		{"Make it idempotent.", []string{"Make", "it", "idempotent"}},
		{"back-pressure, pub/sub and node.js", []string{"back-pressure", "pub/sub", "and", "node.js"}},
		{"C++ and C# (but not #tags)", []string{"C++", "and", "C#", "but", "not", "tags"}},
		{"don't, it’s", []string{"don't", "it’s"}},
		{"-- a --flag", []string{"a", "flag"}},
		{"naïve 🙂 backpressure", []string{"naïve", "backpressure"}},
		{"**race** condition", []string{"race", "condition"}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, wordTexts(tt.line)); diff != "" {
			t.Errorf("words(%q) (-want +got):\n%s", tt.line, diff)
		}
	}
}

func TestPrefixAt(t *testing.T) {
	t.Parallel()
	// | marks the cursor; the want is the partial word before it.
	tests := []struct {
		line string
		want string
	}{
		{"We made it idemp|", "idemp"},
		{"idemp|", "idemp"},
		{"naïve 🙂 backpre|", "backpre"},
		{"a back-|", "back-"},
		{"a back-pre|", "back-pre"},
		{"// TODO: thrott|", "thrott"},
		{"(circ|", "circ"},
		{"word |", ""},
		{"#hashta|", "hashta"},
		{"idem|potent", "idem"},
	}
	for _, tt := range tests {
		off := strings.Index(tt.line, "|")
		line := strings.Replace(tt.line, "|", "", 1)
		if got := line[prefixAt(line, off):off]; got != tt.want {
			t.Errorf("prefix at | in %q = %q; want %q", tt.line, got, tt.want)
		}
	}
}

func TestPhrasesAt(t *testing.T) {
	t.Parallel()
	keys := func(line string, maxWords int) []string {
		off := strings.Index(line, "|")
		line = strings.Replace(line, "|", "", 1)
		var out []string
		for _, p := range phrasesAt(line, off, maxWords) {
			if got := nameKey(line[p.start:p.end]); !strings.HasPrefix(got, strings.Fields(p.key)[0]) {
				t.Errorf("phrase %q has bounds of %q", p.key, got)
			}
			out = append(out, p.key)
		}
		return out
	}
	tests := []struct {
		name     string
		line     string
		maxWords int
		want     []string
	}{
		{"longest first, leftmost first", "a ra|ce condition here", 3,
			[]string{"a race condition", "race condition here", "a race", "race condition", "race"}},
		{"cursor just after the word", "a race| condition", 2, []string{"a race", "race condition", "race"}},
		{"punctuation ends a phrase", "a cache, race| condition.", 4, []string{"race condition", "race"}},
		{"markdown marks do not", "the **circuit** bre|aker", 2, []string{"circuit breaker", "breaker"}},
		{"case folded", "The Race| Condition", 1, []string{"race"}},
		{"hyphens stay in words", "back-pres|sure", 4, []string{"back-pressure"}},
		{"not on a word", "a  | b", 4, nil},
		{"an emoji between words is no gap", "naïve 🙂 back|pressure", 4, []string{"backpressure"}},
		{"non-ASCII words join", "naïve back|pressure", 4, []string{"naïve backpressure", "backpressure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, keys(tt.line, tt.maxWords)); diff != "" {
				t.Errorf("phrasesAt(%q) (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

func TestNameKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want []string
	}{
		{"Backpressure", []string{"backpressure"}},
		{"race  condition", []string{"race condition"}},
		{"bronze, silver and gold layers", []string{"bronze, silver and gold layers", "bronze silver and gold layers"}},
		{"CI/CD", []string{"ci/cd"}},
		{"it’s", []string{"it's"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, nameKeys(tt.name)); diff != "" {
			t.Errorf("nameKeys(%q) (-want +got):\n%s", tt.name, diff)
		}
	}
}
