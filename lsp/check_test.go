package lsp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

// wordListPath is Debian's wamerican, which the terminology checker's
// tests read as the editors' servers do; bash .ci/test installs it.
const wordListPath = "/usr/share/dict/american-english"

var (
	vocabOnce sync.Once
	vocabTest *vocabulary
	vocabErr  error
)

// testVocabulary returns the vocabulary of the embedded corpus with the
// system word list.
func testVocabulary(tb testing.TB) *vocabulary {
	tb.Helper()
	vocabOnce.Do(func() {
		var c *corpus.Corpus
		if c, vocabErr = corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot); vocabErr != nil {
			return
		}
		f, err := os.Open(wordListPath)
		if err != nil {
			vocabErr = fmt.Errorf("%w: install the word list with bash .ci/test (apt-get install -y wamerican)", err)
			return
		}
		defer f.Close()
		vocabTest, vocabErr = newVocabulary(c, f)
	})
	if vocabErr != nil {
		tb.Fatal(vocabErr)
	}
	return vocabTest
}

// checked renders the findings of a line of prose as "text→fix|fix".
func checked(v *vocabulary, line string) []string {
	var out []string
	fs, _ := v.checkLine(line, []span{{0, len(line)}})
	for _, f := range fs {
		if line[f.start:f.end] != f.text {
			out = append(out, fmt.Sprintf("BAD SPAN %q≠%q", line[f.start:f.end], f.text))
		}
		out = append(out, fmt.Sprintf("%s:%s→%s", f.kind, f.text, strings.Join(f.fixes, "|")))
	}
	return out
}

func TestCheckLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, line string
		want       []string
	}{
		{"typo", "Retries must be idempotant.", []string{"typo:idempotant→idempotent"}},
		{"transposed letters", "Make the handler idempotnet", []string{"typo:idempotnet→idempotent"}},
		{"name with capitals keeps them", "We deploy to Kubernets on Fridays.", []string{"typo:Kubernets→Kubernetes"}},
		{"capital at the start of a sentence", "Backpresure keeps the queue short.", []string{"typo:Backpresure→Backpressure"}},
		{"possessive", "The kubernets's scheduler", []string{"typo:kubernets→Kubernetes"}},
		{"two edits in a long word", "add backpresssure here", []string{"typo:backpresssure→backpressure"}},
		{"one edit only in a shorter word", "the Kubrnetis cluster", nil},
		{"wrong capitals", "Github and Javascript and Mongodb", []string{"name:Github→GitHub", "name:Javascript→JavaScript", "name:Mongodb→MongoDB"}},
		{"wrong capitals, but an English word", "Typescript", nil},
		{"a misspelling of the corpus, two words", "We store it in Postgres SQL and Mongo DB.", []string{"name:Postgres SQL→PostgreSQL", "name:Mongo DB→MongoDB"}},
		{"a misspelling in lower case", "run it on nodejs", []string{"name:nodejs→Node.js"}},
		{"an alias is right", "NodeJS and Node JS and Postgres and k8s", nil},
		{"right names", "JavaScript, GitHub, PostgreSQL, MongoDB, Node.js and Kubernetes", nil},
		{"an ordinary word is never a typo", "a shard is not shared; the cache is cached", nil},
		{"inflections of terms", "two middlewares upserted the rows; sharding", nil},
		{"short words are not checked", "a thred", nil},
		{"six letters are", "the cahche", []string{"typo:cahche→cache"}},
		{"a slip rarely hits the second letter", "a chache, the ccache tool", nil},
		{"but may swap it with the third", "the veiwport", []string{"typo:veiwport→viewport"}},
		{"a name with more letters after it is another name", "sprintf and devtoolset and mutext", nil},
		{"code spans", "call `idempotant()` and ``Kubernets``", nil},
		{"URLs and addresses", "see https://github.com/kubernets/idempotant and www.idempotant.com or ops@kubernets.io", nil},
		{"Markdown link targets, not their text", "[Kubernets](https://example.com/idempotant)", []string{"typo:Kubernets→Kubernetes"}},
		{"identifiers", "set max_idempotant=1, --idempotant, idempotantHandler, $idempotant, @kubernets, #idempotant", nil},
		{"paths and files", "edit idempotant.go in ./kubernets/ and pkg.Idempotant", nil},
		{"calls", "idempotant(x) fails", nil},
		{"acronyms", "IDEMPOTANT KUBERNETS", nil},
		{"HTML tags", `<span class="idempotant">x</span>`, nil},
		{"LaTeX commands", `\idempotant{Kubernets}`, nil},
		{"lower case of a name with capitals is not flagged", "npm install typescript", nil},
		{"all capitals of a name", "GITHUB", nil},
		{"an English word that is also a form of a name", "a restful weekend", nil},
		{"non-ASCII words", "idempotänt naïve", nil},
		{"quoted words are mentions", `the "Kubernets" typo, “Github” and "idempotant`, []string{"typo:idempotant→idempotent"}},
		{"a word the line has in a URL is a name", "[reverst](https://github.com/flipt-io/reverst) and `kubernets` vs kubernets", nil},
		{"one letter for an unlikely other is two edits", "approximate quantiles", nil},
		{"agent nouns, doubled consonants, daemons", "an embedder, a reproducer and statsd", nil},
		{"stems and abbreviations of known words, prefixes", "backward compat, preprocess, repost, the debuggee and its pointee, prototypal", nil},
		{"a proper name", "thanks to Bastian Krol (Shigma)", nil},
		{"the start of a sentence is no proper name", "Kubernets is hard. Backpresure helps.", []string{"typo:Kubernets→Kubernetes", "typo:Backpresure→Backpressure"}},
		{"a truncated name is a typo", "deploy to Kubernete", []string{"typo:Kubernete→Kubernetes"}},
	}
	v := testVocabulary(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, checked(v, tt.line)); diff != "" {
				t.Errorf("checkLine(%q) (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

// osaOracle is the textbook optimal string alignment distance, with
// osaDistance's costs of substitution: the full table, no bound, no early
// exit.
func osaOracle(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+substitution(a[i-1], b[j-1]))
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestOSADistanceMatchesTheTextbook(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = "abcdesz"[r.IntN(7)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		for _, limit := range []int{1, 2, 3, 20} {
			want := min(osaOracle(a, b), limit)
			if got := osaDistance(a, b, limit); got != want {
				t.Fatalf("osaDistance(%q, %q, %d) = %d; want %d", a, b, limit, got, want)
			}
		}
	}
}
