package search_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

type suggestCase struct {
	Name  string   `json:"name"`
	Query string   `json:"query"`
	Role  string   `json:"role"`
	Want  []string `json:"want"`
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	for _, tc := range loadCases[suggestCase](t, "testdata/suggests.json") {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: tc.Query, Role: tc.Role})
			if err != nil {
				t.Fatalf("Suggest(%q) error: %v", tc.Query, err)
			}
			got := []string{}
			for _, s := range res.Suggestions {
				got = append(got, s.ID)
			}
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("Suggest(%q, role %q) (-want +got):\n%s", tc.Query, tc.Role, diff)
			}
		})
	}
}

func TestSuggestSizeAndBounds(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: "c", Size: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Suggestions) != 2 {
		t.Errorf("Suggest(c, size 2) returned %d suggestions", len(res.Suggestions))
	}
	for _, size := range []int{-1, search.MaxSuggest + 1} {
		if _, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: "c", Size: size}); !errors.Is(err, search.ErrInvalid) {
			t.Errorf("Suggest(size %d) error = %v; want ErrInvalid", size, err)
		}
	}
}

func TestRelated(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	got, err := ix.Related("latency", 50)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for i, r := range got {
		if r.ID == "latency" {
			t.Errorf("Related(latency) includes latency itself")
		}
		if _, dup := reasons[r.ID]; dup {
			t.Errorf("Related(latency) lists %s twice", r.ID)
		}
		reasons[r.ID] = r.Reason
		if i == 0 && (r.ID != "throughput" || r.Reason != "confused-with") {
			t.Errorf("Related(latency)[0] = %+v; want the corpus link to throughput first", r)
		}
	}
	want := map[string]string{
		"throughput":      "confused-with",             // typed link in latency.yaml
		"circuit-breaker": search.ReasonLinkedFrom,     // circuit-breaker links to latency
		"cache":           search.ReasonLinkedFrom,     // so does cache
		"rate-limiting":   search.ReasonSharedCategory, // both in reliability
	}
	for id, reason := range want {
		if reasons[id] != reason {
			t.Errorf("Related(latency) reason for %s = %q; want %q", id, reasons[id], reason)
		}
	}
	got, err = ix.Related("concurrency", 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if r.ID == "thread" && r.Reason != "see-also" {
			t.Errorf("Related(concurrency) thread reason = %q; want see-also", r.Reason)
		}
	}
	if few, _ := ix.Related("latency", 2); len(few) != 2 {
		t.Errorf("Related(latency, 2) returned %d", len(few))
	}
	if _, err := ix.Related("nope", 10); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("Related(nope) error = %v; want ErrNotFound", err)
	}
}

func TestRelatedMentions(t *testing.T) {
	t.Parallel()
	ix := testIndex(t)
	// idempotency's definition names "message queue"; neither links to the other.
	assertReason(t, ix, "idempotency", "message-queue", search.ReasonMentioned)
	assertReason(t, ix, "message-queue", "idempotency", search.ReasonMentionsThis)
}

func assertReason(t *testing.T, ix *search.Index, id, other, reason string) {
	t.Helper()
	rel, err := ix.Related(id, search.MaxRelated)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rel {
		if r.ID == other {
			if r.Reason != reason {
				t.Errorf("Related(%s): %s has reason %q; want %q", id, other, r.Reason, reason)
			}
			return
		}
	}
	t.Errorf("Related(%s) misses %s (want reason %q)", id, other, reason)
}

type matchedCase struct {
	Name  string              `json:"name"`
	Query string              `json:"query"`
	Want  []search.Suggestion `json:"want"`
}

// TestSuggestMatched: over a corpus of names and aliases like those of the
// curated one, a suggestion says which alias or form matched, and a
// term's own name ranks before an alias of another term.
func TestSuggestMatched(t *testing.T) {
	t.Parallel()
	ix := aliasesIndex(t)
	for _, tc := range loadCases[matchedCase](t, "testdata/aliases/suggests.json") {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: tc.Query})
			if err != nil {
				t.Fatalf("Suggest(%q) error: %v", tc.Query, err)
			}
			got := []search.Suggestion{}
			for _, s := range res.Suggestions {
				got = append(got, search.Suggestion{ID: s.ID, Matched: s.Matched})
			}
			if diff := cmp.Diff(tc.Want, got); diff != "" {
				t.Errorf("Suggest(%q) (-want +got):\n%s", tc.Query, diff)
			}
		})
	}
}

// aliasesIndex returns an index of testdata/aliases, built once per test
// binary.
func aliasesIndex(tb testing.TB) *search.Index { return aliasesBuilt.index(tb) }

// TestSuggestOwnNameFirst checks, for every three- and four-letter prefix
// of the curated names' words, that past the names equal to the text, a
// term matched by its own name comes before every term matched by an
// alias, and that what each suggestion says matched does: the text starts
// a word of it (or it folded, as "oncall" for on-call).
func TestSuggestOwnNameFirst(t *testing.T) {
	t.Parallel()
	ix, c := scale(t, "curated")
	prefixes := map[string]bool{}
	for _, term := range c.Terms {
		for _, name := range append([]string{term.Term}, term.Aliases...) {
			for _, w := range nameWords(name) {
				for _, n := range []int{3, 4} {
					if r := []rune(w); len(r) >= n {
						prefixes[string(r[:n])] = true
					}
				}
			}
		}
	}
	checked := 0
	for _, q := range slices.Sorted(maps.Keys(prefixes)) {
		res, err := ix.Suggest(context.Background(), search.SuggestRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		exact := true
		aliasSeen := ""
		for _, s := range res.Suggestions {
			term := c.Term(s.ID)
			name := term.Term
			if s.Matched != "" {
				if !slices.Contains(term.Aliases, s.Matched) {
					t.Errorf("Suggest(%q): %s matched %q, which is no alias of it", q, s.ID, s.Matched)
				}
				name = s.Matched
			}
			if !startsAWord(name, q) {
				t.Errorf("Suggest(%q): %s matched %q, which has no word starting with it", q, s.ID, name)
			}
			if exact = exact && (strings.Join(nameWords(name), " ") == q || corpus.Squash(name) == q); exact {
				continue
			}
			switch {
			case s.Matched != "":
				aliasSeen = s.ID
			case aliasSeen != "":
				t.Errorf("Suggest(%q): %s, matched by its name, comes after %s, matched by an alias", q, s.ID, aliasSeen)
			}
			checked++
		}
	}
	if checked < 5000 {
		t.Errorf("only %d suggestions checked", checked)
	}
}

// nameWords splits a name into lower-case words of letters and digits.
func nameWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// startsAWord reports whether p starts a word of name, or name folded.
func startsAWord(name, p string) bool {
	return strings.HasPrefix(corpus.Squash(name), p) || slices.ContainsFunc(nameWords(name), func(w string) bool { return strings.HasPrefix(w, p) })
}
