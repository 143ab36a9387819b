package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

// TestIPADisagreements checks the report against a fake synthesiser: each
// term is said by its spoken form, US and UK are compared, written-only
// forms are left out, and the largest disagreement comes first.
func TestIPADisagreements(t *testing.T) {
	t.Parallel()
	dir := "../../corpus/testdata/senses"
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	said := map[string]string{
		"en-us store": "stˈoːɹ", "en-gb store": "stˈɔː",
		"en-us model": "mˈɑːdəl", "en-gb model": "mˈɒdəl",
		"en-us C-Q-R-S":  "sˈiːkjˈuːˈɑːɹˈɛs",
		"en-us database": "dˈeɪɾəbeɪs", "en-gb database": "dˈeɪtəbeɪs", // UK: /ˈdætəbeɪs/ in the corpus
		"en-us reducer": "ɹɪdˈuːsɚ", "en-gb reducer": "ɹɪdjˈuːsə",
		"en-us training": "tɹˈeɪnɪŋ",
		"en-us engine x": "ˈɛndʒɪn ˈɛks",
	}
	var mu sync.Mutex
	var asked []string
	fake := func(_ context.Context, text, voice string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, voice+" "+text)
		if ipa, ok := said[voice+" "+text]; ok {
			return ipa, nil
		}
		return "", fmt.Errorf("not said: %s %s", voice, text)
	}
	ds, err := ipaDisagreements(context.Background(), c, fake)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(said) {
		t.Errorf("%d comparisons; want %d (asked %v)", len(ds), len(said), asked)
	}
	first := ds[0]
	if first.ID != "database" || first.Accent != "UK" || first.Distance != 2 {
		t.Errorf("largest disagreement %+v; want database UK, two sounds (æ against eɪ)", first)
	}
	var b strings.Builder
	printDisagreements(&b, ds, 5)
	want := "11 pronunciations compared with espeak-ng: 10 agree, 1 differ\n\nlargest disagreements (sounds that differ; the curated IPA wins)\n" +
		"  database                     UK  2  /ˈdætəbeɪs/              espeak-ng /dˈeɪtəbeɪs/\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}
