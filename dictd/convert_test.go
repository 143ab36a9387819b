package dictd

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

// Articles shaped like those of Debian's dict-foldoc, dict-jargon and
// dict-vera, and the entries they must become.
func TestConvert(t *testing.T) {
	t.Parallel()
	tests := []struct {
		source string
		arts   []testArticle
		want   []corpus.Entry
		skip   []string // headwords skipped
	}{
		{
			source: "foldoc",
			arts: []testArticle{
				{[]string{"thunk"}, "thunk\n\n   <programming> /thuhnk/ 1. \"A piece of coding which provides an\n   address\", according to P. Z. Ingerman, who invented thunks in\n   1961 as a way of binding {actual\n   parameters} to their formal definitions.  More text here.\n\n   2. An expression frozen with its {environment}.\n\n   [{Jargon File}]\n\n   (1997-10-11)\n\n"},
				{[]string{"dollar", "$", "&#36;"}, "dollar\n$\n&#36;\n\n   <character> The sign \"$\", used by {Perl}.\n\n"},
				{[]string{"algol d"}, "ALGOL D\n\n   <language>\n\n   [\"A Proposal\", B.A. Galler et al, 1967].\n\n"},
				{[]string{"c++"}, "C++\n\n   <language> A language by {Bjarne Stroustrup}\n   <bs@alice.att.com> at {AT&T}.\n\n"},
			},
			want: []corpus.Entry{
				{Headword: "thunk",
					Definition: "\"A piece of coding which provides an address\", according to P. Z. Ingerman, who invented thunks in 1961 as a way of binding actual parameters to their formal definitions.",
					Text:       "<programming> /thuhnk/ 1. \"A piece of coding which provides an address\", according to P. Z. Ingerman, who invented thunks in 1961 as a way of binding actual parameters to their formal definitions. More text here.\n\n2. An expression frozen with its environment.\n\n[Jargon File]",
					SeeAlso:    []string{"actual parameters", "environment", "Jargon File"}},
				{Headword: "dollar", Aliases: []string{"$"}, Definition: "The sign \"$\", used by Perl.",
					Text: "<character> The sign \"$\", used by Perl.", SeeAlso: []string{"Perl"}},
				{Headword: "C++", Definition: "A language by Bjarne Stroustrup at AT&T.",
					Text: "<language> A language by Bjarne Stroustrup <bs@alice.att.com> at AT&T.", SeeAlso: []string{"Bjarne Stroustrup", "AT&T"}},
			},
			skip: []string{"ALGOL D"},
		},
		{
			source: "jargon",
			arts: []testArticle{
				{[]string{"hcf"}, "HCF\n /H·C·F/, n.\n\n    Mnemonic for ‘Halt and Catch Fire’, any of several undocumented\n    machine instructions. Compare {\n    killer poke}.\n\n"},
				{[]string{"afaik"}, "AFAIK\n //, n.\n\n    [Usenet; common] Abbrev. for “As Far As I Know”.\n\n"},
				{[]string{"kluge"}, "kluge\n /klooj/\n\n    [from the German ‘klug’, clever]\n\n    1. n. A clever device.\n\n    2. vt. To insert a kluge.\n\n"},
				{[]string{"empty"}, "\n\n"},
			},
			want: []corpus.Entry{
				{Headword: "HCF", PartOfSpeech: "noun", Definition: "Mnemonic for ‘Halt and Catch Fire’, any of several undocumented machine instructions.",
					Text: "Mnemonic for ‘Halt and Catch Fire’, any of several undocumented machine instructions. Compare killer poke.", SeeAlso: []string{"killer poke"}},
				{Headword: "AFAIK", PartOfSpeech: "noun", Definition: "Abbrev. for “As Far As I Know”.", Text: "[Usenet; common] Abbrev. for “As Far As I Know”."},
				{Headword: "kluge", PartOfSpeech: "noun", Definition: "A clever device.", Text: "[from the German ‘klug’, clever]\n\n1. n. A clever device.\n\n2. vt. To insert a kluge."},
			},
			skip: []string{"empty"},
		},
		{
			source: "vera",
			arts: []testArticle{
				{[]string{"00databaseshort"}, "00-database-short\n     V.E.R.A. (August 2020)\n"},
				{[]string{"tcp"}, "TCP\n       Tape Carrier Package (CPU)\n       \n"},
				{[]string{"tcp"}, "TCP\n       Transmission Control Protocol (ARPANET)\n       \n"},
				{[]string{"ciu"}, "CIU\n       Customer-Initiated Upgrade [switch] ??? (IBM)\n       \n"},
				{[]string{"arpdp"}, "ARPDP\n       Association of Rehabilitation Programs in Data Processing (org.,\n       USA)\n       \n"},
				{[]string{"nothing"}, "NOTHING\n"},
			},
			want: []corpus.Entry{
				{Headword: "TCP", Aliases: []string{"Tape Carrier Package", "Transmission Control Protocol"},
					Definition: "Tape Carrier Package (CPU); Transmission Control Protocol (ARPANET)"},
				{Headword: "CIU", Aliases: []string{"Customer-Initiated Upgrade"}, Definition: "Customer-Initiated Upgrade [switch] ??? (IBM)"},
				{Headword: "ARPDP", Aliases: []string{"Association of Rehabilitation Programs in Data Processing"}, Definition: "Association of Rehabilitation Programs in Data Processing (org., USA)"},
			},
			skip: []string{"NOTHING"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			db, err := Open(writeDB(t, tt.arts, true))
			if err != nil {
				t.Fatal(err)
			}
			src, rep, err := Convert(db, tt.source)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, src.Entries); d != "" {
				t.Errorf("entries (-want +got):\n%s", d)
			}
			var skipped []string
			for _, p := range rep.Skipped {
				skipped = append(skipped, p.Headword)
			}
			if d := cmp.Diff(tt.skip, skipped); d != "" {
				t.Errorf("skipped (-want +got):\n%s", d)
			}
			if rep.Entries != len(tt.want) || rep.Articles != len(db.Entries) {
				t.Errorf("report = %+v; want %d entries of %d articles", rep, len(tt.want), len(db.Entries))
			}
			if src.Source != tt.source || src.License == "" || src.URL == "" {
				t.Errorf("attribution = %+v; want source %q with licence and URL", src.Attribution, tt.source)
			}
		})
	}
}

func TestConvertUnknownSource(t *testing.T) {
	t.Parallel()
	db, err := Parse([]byte("a\tA\tB\n"), []byte("a"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Convert(db, "wikipedia"); err == nil || !strings.Contains(err.Error(), "foldoc, jargon, vera") {
		t.Errorf("Convert(wikipedia) = %v; want an error listing the known sources", err)
	}
}

// TestRealFOLDOC imports Debian's dict-foldoc, which .ci/test installs. It
// fails, rather than skips, when the package is missing.
func TestRealFOLDOC(t *testing.T) {
	t.Parallel()
	const base = "/usr/share/dictd/foldoc"
	if _, err := os.Stat(base + ".index"); err != nil {
		t.Fatalf("Debian's dict-foldoc is not installed (apt-get install dict-foldoc; .ci/test does): %v", err)
	}
	db, err := Open(base)
	if err != nil {
		t.Fatal(err)
	}
	src, rep, err := Convert(db, "foldoc")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Entries < 10000 || len(rep.Skipped) > rep.Articles/100 {
		t.Errorf("report: %d entries, %d skipped of %d articles; want over 10,000 entries and under 1%% skipped", rep.Entries, len(rep.Skipped), rep.Articles)
	}
	if !strings.Contains(src.Title, "Free On-line Dictionary of Computing") {
		t.Errorf("title = %q", src.Title)
	}
	found := map[string]corpus.Entry{}
	for _, e := range src.Entries {
		found[corpus.Normalize(e.Headword)] = e
		if strayBrace.MatchString(e.Definition) || crossRef.MatchString(e.Definition) || strings.HasPrefix(e.Definition, "<") {
			t.Errorf("%s: definition %q keeps dictd markup", e.Headword, e.Definition)
		}
		if n := len(strings.Fields(e.Definition)); n > summaryWords+1 {
			t.Errorf("%s: definition has %d words; want at most %d", e.Headword, n, summaryWords)
		}
	}
	for _, h := range []string{"thunk", "hcf", "idempotent", "c++"} {
		if _, ok := found[h]; !ok {
			t.Errorf("no entry %q", h)
		}
	}
	if e := found["thunk"]; !strings.Contains(e.Definition, "piece of coding") || len(e.SeeAlso) < 5 {
		t.Errorf("thunk = %+v", e)
	}
}
