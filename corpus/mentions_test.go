package corpus_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/internal/testutil"
)

// sensesFS is a corpus whose definitions name two terms with several
// senses, store and model, in every way the resolution tells apart.
func sensesFS() fstest.MapFS {
	term := func(name, cats, def string, extra ...string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("term: %s\npart_of_speech: noun\nlevel: B2\ndefinition: %s\nexamples: [%s one., %s two.]\ncategories: [%s]\n%s",
			name, def, name, name, cats, strings.Join(extra, "\n")))}
	}
	return fstest.MapFS{
		"roles":           {Mode: fs.ModeDir},
		"categories.yaml": {Data: []byte("architecture: Architecture\ndatabase: Database\nui-frameworks: UI\nmachine-learning: ML\nhiring-career: Hiring\ndata-analysis: Analysis\n")},
		"terms/store.yaml": term("store", "ui-frameworks", "A central object that holds shared data in the browser.",
			"aliases: [state store]", "forms: [stores]", `senses:
  - id: data-store
    aliases: [data store]
    level: B2
    definition: Any system that keeps data for later reads.
    examples: [Pick a store., The store is slow.]
    categories: [database, architecture]`),
		"terms/model.yaml": term("model", "machine-learning", "A program that learned from examples.",
			"forms: [models, modelled]", `senses:
  - id: data-model
    level: B2
    definition: The things a system keeps data about, and how they relate.
    examples: [The model has three tables., Change the model first.]
    categories: [database, architecture]
  - id: design
    part_of_speech: verb
    level: B2
    definition: To describe something in a simplified, structured form.
    examples: [We modelled the flow., Model it first.]
    categories: [data-analysis]`),
		"terms/cqrs.yaml":      term("CQRS", "architecture", "Separate models and separate stores for writes and reads."),
		"terms/reducer.yaml":   term("reducer", "ui-frameworks", "A function that returns the next data of a state store."),
		"terms/warehouse.yaml": term("warehouse", "database", "A big data store for reports."),
		"terms/column.yaml":    term("column", "database", "A field that stores one value per row."),
		"terms/etl.yaml":       term("ETL", "data-analysis", "Copying modelled results between systems."),
		"terms/recruiter.yaml": term("recruiter", "hiring-career", "A person who finds a model for each open job."),
		"terms/dashboard.yaml": term("dashboard", "architecture, machine-learning", "A page that shows what a model does."),
		"terms/inference.yaml": term("inference", "database", "Running a model on new data.", "related: [{id: model, type: see-also}]"),
		"terms/lake.yaml":      term("lake", "database", "A large, cheap store, usually in the cloud."),
		"terms/broker.yaml":    term("broker", "database", "Software that receives messages, stores them and sends them on."),
		"terms/flux.yaml":      term("flux", "ui-frameworks", "The way an application stores, shares and updates data.", "related: [{id: store, type: see-also}]"),
		"terms/nosql.yaml":     term("NoSQL", "database", "Databases that do not store data in tables."),
	}
}

// TestMentionsResolveToSenses pins the sense each name of store and model
// is taken to mean, and the names left unlinked, with the reason.
func TestMentionsResolveToSenses(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(sensesFS(), "mem")
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		From, Name, To string
		Resolved       bool
		Sense          string
	}
	want := []got{
		{"broker", "stores", "store", false, ""},                 // "stores them": a verb, and store has no verb sense
		{"column", "stores", "store", false, ""},                 // "that stores": a verb
		{"cqrs", "models", "model", true, "data-model"},          // architecture
		{"cqrs", "stores", "store", true, "data-store"},          // architecture
		{"dashboard", "model", "model", false, ""},               // architecture and machine-learning: a tie
		{"etl", "modelled", "model", true, "design"},             // a verb form: the verb sense
		{"flux", "stores", "store", false, ""},                   // "an application stores": a verb, though flux links to store
		{"inference", "model", "model", true, ""},                // it links to model, though it shares database with data-model
		{"lake", "store", "store", true, "data-store"},           // "store, usually": a noun, and database
		{"nosql", "store", "store", false, ""},                   // "do not store": a verb
		{"recruiter", "model", "model", false, ""},               // no category or link in common
		{"reducer", "state store", "store", true, ""},            // an alias of the term: its main sense
		{"warehouse", "data store", "store", true, "data-store"}, // an alias of the sense
	}
	var have []got
	for _, m := range c.SenseMentions() {
		have = append(have, got{m.From, m.Name, m.To, m.Resolved, m.Sense})
		if m.Reason == "" || m.Context == "" {
			t.Errorf("mention %+v has no reason or context", m)
		}
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("SenseMentions (-want +got):\n%s", diff)
	}
	cqrs := c.Term("cqrs")
	if diff := cmp.Diff([]string{"model", "store"}, cqrs.Mentions); diff != "" {
		t.Errorf("cqrs mentions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"model": "data-model", "store": "data-store"}, cqrs.MentionSenses); diff != "" {
		t.Errorf("cqrs mention senses (-want +got):\n%s", diff)
	}
	for _, id := range []string{"column", "recruiter", "dashboard"} {
		if m := c.Term(id).Mentions; len(m) != 0 {
			t.Errorf("%s mentions %v; want none (the sense cannot be told)", id, m)
		}
	}
	if got := c.Term("store").Categories; !cmp.Equal(got, []string{"ui-frameworks", "database", "architecture"}) {
		t.Errorf("store categories = %v; want the main sense's, then the further senses'", got)
	}
}

// TestSenseMentionsOfTheCorpus lists every name of a term with several
// senses in the definitions of the embedded corpus, with the sense it
// resolved to or why none was chosen. testdata/mentions.golden is for
// reading: each line was checked by hand when it was written (run with
// -update after changing definitions or senses, and read the diff).
func TestSenseMentionsOfTheCorpus(t *testing.T) {
	t.Parallel()
	c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range c.SenseMentions() {
		to := "-"
		if m.Resolved {
			to = corpus.Ref(m.To, m.Sense)
		}
		fmt.Fprintf(&b, "%s: %q -> %s  [%s]\n    %s\n", m.From, m.Name, to, m.Reason, m.Context)
	}
	got := b.String()
	testutil.Golden(t, "testdata/mentions.golden", []byte(got))
}
