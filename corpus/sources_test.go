package corpus_test

import (
	"bytes"
	"encoding/gob"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
)

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"thunk", "thunk"},
		{"HCF", "hcf"},
		{"Halt and Catch Fire", "halt-and-catch-fire"},
		{"C++", "c-plus-plus"},
		{"C#", "c-sharp"},
		{"/dev/null", "dev-null"},
		{"  spaces  ", "spaces"},
		{"!", "bang"},
		{"!!!batch", "bang-bang-bang-batch"},
		{"naïve", "na-ve"},
		{"\"", "u22"},
		{"λ", "u3bb"},
	}
	for _, tt := range tests {
		if got := corpus.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func loadTestCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(os.DirFS("testdata/lint"), "testdata/lint")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMerge covers the three fates of an imported entry: a new term, a
// secondary sense of a curated term (by name or alias), and a secondary
// sense of an entry imported earlier; and the links between them.
func TestMerge(t *testing.T) {
	t.Parallel()
	c := loadTestCorpus(t)
	before := len(c.Terms)
	foldoc := &corpus.Source{
		Attribution: corpus.Attribution{Source: "foldoc", Title: "FOLDOC", License: "GFDL"},
		Entries: []corpus.Entry{
			{Headword: "Cache", Definition: "A small fast memory.", SeeAlso: []string{"thunk"}},
			{Headword: "thunk", Definition: "A delayed computation.", Text: "A delayed computation.\n\nMore.", SeeAlso: []string{"cache", "thunk", "nowhere", "Latency"}},
			{Headword: "C", Definition: "A language."},
		},
	}
	vera := &corpus.Source{
		Attribution: corpus.Attribution{Source: "vera", Title: "V.E.R.A.", License: "GFDL"},
		Entries: []corpus.Entry{
			{Headword: "THUNK", Definition: "Not an acronym."},
			{Headword: "c", Definition: "Another C."},
			{Headword: "HCF", Aliases: []string{"Halt and Catch Fire", "hcf", "Halt and Catch Fire"}, Definition: "Halt and Catch Fire"},
		},
	}
	m, stats := corpus.Merge(c, []*corpus.Source{foldoc, vera})

	want := []corpus.MergeStats{{Source: "foldoc", Added: 2, Merged: 1}, {Source: "vera", Added: 1, Merged: 2}}
	if d := cmp.Diff(want, stats); d != "" {
		t.Errorf("stats (-want +got):\n%s", d)
	}
	if got := len(m.Terms); got != before+3 {
		t.Errorf("merged corpus has %d terms; want %d", got, before+3)
	}
	if len(c.Term("cache").Senses) != 0 || len(c.Terms) != before {
		t.Error("Merge modified the curated corpus")
	}
	cache := m.Term("cache")
	if cache.Source != corpus.SourceCurated || len(cache.Senses) != 1 || cache.Senses[0].Source != "foldoc" || cache.Senses[0].Attribution.License != "GFDL" {
		t.Errorf("cache = source %q, senses %+v; want curated with one foldoc sense", cache.Source, cache.Senses)
	}
	thunk := m.Term("thunk")
	if thunk == nil || thunk.Source != "foldoc" || thunk.Attribution.Title != "FOLDOC" || thunk.Text == "" {
		t.Fatalf("thunk = %+v; want an imported foldoc term with its text", thunk)
	}
	if len(thunk.Senses) != 1 || thunk.Senses[0].Source != "vera" {
		t.Errorf("thunk senses = %+v; want the vera entry", thunk.Senses)
	}
	wantLinks := []corpus.Link{{ID: "cache", Type: "see-also"}, {ID: "latency", Type: "see-also"}}
	if d := cmp.Diff(wantLinks, thunk.Related, cmp.AllowUnexported(corpus.Link{})); d != "" {
		t.Errorf("thunk links (-want +got):\n%s", d)
	}
	if hcf := m.Term("hcf"); hcf == nil || len(hcf.Aliases) != 1 || hcf.Aliases[0] != "Halt and Catch Fire" {
		t.Errorf("hcf = %+v; want one alias, duplicates and the headword itself dropped", hcf)
	}
	if got := m.Term("c"); got == nil || len(got.Senses) != 1 {
		t.Errorf("c = %+v; want the foldoc entry with the vera one as a sense", got)
	}
	if d := cmp.Diff([]corpus.Attribution{foldoc.Attribution, vera.Attribution}, m.Sources); d != "" {
		t.Errorf("sources (-want +got):\n%s", d)
	}
	for i := 1; i < len(m.Terms); i++ {
		if m.Terms[i-1].ID >= m.Terms[i].ID {
			t.Fatalf("terms not sorted by id: %q before %q", m.Terms[i-1].ID, m.Terms[i].ID)
		}
	}

	// The merged corpus survives a snapshot, sources and senses included.
	var buf bytes.Buffer
	if err := m.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := corpus.ReadSnapshot(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(m.Sources, back.Sources); d != "" {
		t.Errorf("sources after snapshot (-want +got):\n%s", d)
	}
	if got := back.Term("thunk"); got == nil || got.Attribution.License != "GFDL" || len(got.Senses) != 1 {
		t.Errorf("thunk after snapshot = %+v", got)
	}
}

// TestMergeIDCollision gives an imported entry whose slug is taken by a
// differently named term its own id.
func TestMergeIDCollision(t *testing.T) {
	t.Parallel()
	c := loadTestCorpus(t)
	s := &corpus.Source{Attribution: corpus.Attribution{Source: "foldoc"}, Entries: []corpus.Entry{
		{Headword: "Cache!", Definition: "Not the same headword."},
		{Headword: "cache?", Definition: "Nor this one."},
	}}
	m, _ := corpus.Merge(c, []*corpus.Source{s})
	for _, id := range []string{"cache-bang", "cache-2"} {
		if m.Term(id) == nil {
			t.Errorf("no term %q", id)
		}
	}
}

func TestReadSource(t *testing.T) {
	t.Parallel()
	s := &corpus.Source{Attribution: corpus.Attribution{Source: "jargon", Title: "The Jargon File", License: "public domain"},
		Entries: []corpus.Entry{{Headword: "kludge", Definition: "A clumsy fix."}}}
	var buf bytes.Buffer
	if err := corpus.WriteSource(&buf, s); err != nil {
		t.Fatal(err)
	}
	back, err := corpus.ReadSource(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s, back); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	bad := []struct{ name, in, want string }{
		{"no name", `{"entries":[]}`, "source name"},
		{"curated", `{"source":"curated","entries":[]}`, "source name"},
		{"unknown field", `{"source":"x","licence":"GFDL"}`, "unknown field"},
		{"empty definition", `{"source":"x","entries":[{"headword":"a","definition":" "}]}`, "entry 1 has no headword or no definition"},
		{"not json", `{`, "decode source"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.ReadSource(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadSource(%s) = %v; want an error containing %q", tt.in, err, tt.want)
			}
		})
	}
}

// TestSnapshotFormats: a snapshot is written in frames decoded on every
// core, and a snapshot of the single-gob format earlier versions wrote is
// still read.
func TestSnapshotFormats(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	var framed bytes.Buffer
	if err := c.WriteSnapshot(&framed); err != nil {
		t.Fatal(err)
	}
	back, err := corpus.ReadSnapshot(bytes.NewReader(framed.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	last := c.Terms[len(c.Terms)-1]
	if len(back.Terms) != len(c.Terms) || back.Term(last.ID) == nil || back.Term(last.ID).Definition != last.Definition || back.Terms[0].ID != c.Terms[0].ID {
		t.Errorf("framed snapshot: %d terms back of %d", len(back.Terms), len(c.Terms))
	}
	var old bytes.Buffer
	type snapshot struct { // the format before frames
		Categories []corpus.Category
		Terms      []*corpus.Term
		Roles      []*corpus.Role
	}
	if err := gob.NewEncoder(&old).Encode(snapshot{Categories: c.Categories, Terms: c.Terms, Roles: c.Roles}); err != nil {
		t.Fatal(err)
	}
	back, err = corpus.ReadSnapshot(&old)
	if err != nil || len(back.Terms) != len(c.Terms) {
		t.Fatalf("single-gob snapshot: %v, %d terms", err, len(back.Terms))
	}
	damaged := framed.Bytes()[:framed.Len()/2]
	if _, err := corpus.ReadSnapshot(bytes.NewReader(damaged)); err == nil {
		t.Error("a truncated snapshot was read without error")
	}
}
