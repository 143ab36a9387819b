package lsp

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// checkerClient is a client of a server over the embedded corpus, with
// the system word list, as the editors' servers run.
func checkerClient(t testing.TB, opts Options) *client {
	t.Helper()
	if _, err := os.Stat(wordListPath); err != nil {
		t.Fatalf("%v: install the word list with bash .ci/test (apt-get install -y wamerican)", err)
	}
	opts.WordList = wordListPath
	return newClientWith(t, NewLocal(search.NewLive(testIndex(t, ""))), opts)
}

// summary renders diagnostics as "line:char-line:char severity code: message".
func summary(p protocol.PublishDiagnosticsParams) []string {
	out := []string{}
	for _, d := range p.Diagnostics {
		out = append(out, fmt.Sprintf("%d:%d-%d:%d %d %v: %s", d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character, *d.Severity, d.Code.Value, d.Message))
	}
	return out
}

func TestDiagnostics(t *testing.T) {
	t.Parallel()
	c := checkerClient(t, Options{})
	const uri = "file:///notes.md"
	// A word the document has in code names something ("ccache"), even
	// where it is not in backticks.
	c.open(uri, "markdown", "# Notes\n\nnaïve 🙂 retries must be idempotant on Github.\n\n```\nKubernets\n```\n`Kubernets` is code; `ccache`\n\nand ccache is a tool.\n")
	got := c.diagnostics(uri)
	// "naïve 🙂 retries must be " is 25 UTF-16 units (🙂 is two).
	want := []string{
		`2:25-2:35 3 typo: "idempotant" looks like a misspelling of "idempotent"`,
		`2:39-2:45 4 name: "Github" is written "GitHub"`,
	}
	if diff := cmp.Diff(want, summary(got)); diff != "" {
		t.Fatalf("diagnostics (-want +got):\n%s", diff)
	}
	if got.Version == nil || *got.Version != 1 || *got.Diagnostics[0].Source != "glossary" {
		t.Errorf("diagnostics = %+v; want version 1 and source glossary", got)
	}

	// Fixing the typo clears it; the rest of the document is unchanged.
	c.change(uri, 2, protocol.Range{Start: pos(2, 32), End: pos(2, 33)}, "e")
	if diff := cmp.Diff(want[1:], summary(c.diagnostics(uri))); diff != "" {
		t.Errorf("after the fix (-want +got):\n%s", diff)
	}

	// Settings choose severities, or switch a kind off.
	c.configure(`{"glossary": {"diagnostics": {"name": "warning"}}}`)
	if got := summary(c.diagnostics(uri)); len(got) != 1 || !strings.Contains(got[0], " 2 name: ") {
		t.Errorf("with names at warning: %q", got)
	}
	c.configure(`{"diagnostics": {"name": false}}`)
	if got := summary(c.diagnostics(uri)); len(got) != 0 {
		t.Errorf("with names off: %q; want none", got)
	}

	// Closing the document clears its diagnostics.
	if err := c.s.didClose(c.ctx(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}}); err != nil {
		t.Fatal(err)
	}
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 || got.Diagnostics == nil {
		t.Errorf("after close: %+v; want an empty list", got)
	}
	if len(c.logs) > 0 {
		t.Errorf("logged %q", c.logs)
	}
}

func TestDiagnosticsInCode(t *testing.T) {
	t.Parallel()
	c := checkerClient(t, Options{})
	const uri = "file:///main.go"
	c.open(uri, "go", "// Package x talks to Postgres SQL.\npackage x\n\nvar idempotant = \"Kubernets\" // retries are idempotant\n//go:generate kubernets\n")
	want := []string{
		`0:22-0:34 4 name: "Postgres SQL" is written "PostgreSQL"`,
		`3:44-3:54 3 typo: "idempotant" looks like a misspelling of "idempotent"`,
	}
	if diff := cmp.Diff(want, summary(c.diagnostics(uri))); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestQuickFixes(t *testing.T) {
	t.Parallel()
	c := checkerClient(t, Options{})
	const uri = "file:///notes.md"
	c.open(uri, "markdown", "intro\nWe deploy Kubernets to Mongo DB.\n")
	c.diagnostics(uri)
	actions := c.codeActions(uri, protocol.Range{Start: pos(1, 12), End: pos(1, 12)})
	var got []string
	for _, a := range actions {
		if a.Kind == nil || *a.Kind != protocol.CodeActionKindQuickFix {
			continue
		}
		e := a.Edit.Changes[uri][0]
		got = append(got, fmt.Sprintf("%s [%d:%d-%d:%d %q] preferred=%v", a.Title, e.Range.Start.Line, e.Range.Start.Character, e.Range.End.Line, e.Range.End.Character, e.NewText, *a.IsPreferred))
	}
	want := []string{
		`Replace with 'Kubernetes' [1:10-1:19 "Kubernetes"] preferred=true`,
		`Replace with 'MongoDB' [1:23-1:31 "MongoDB"] preferred=true`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quick fixes on line 1 (-want +got):\n%s", diff)
	}
	if got := c.codeActions(uri, protocol.Range{Start: pos(0, 0), End: pos(0, 0)}); len(got) != 0 {
		t.Errorf("code actions on a clean line = %+v; want none", got)
	}
}

func TestTermActions(t *testing.T) {
	t.Parallel()
	const uri = "file:///notes.md"
	titles := func(as []protocol.CodeAction) []string {
		out := []string{}
		for _, a := range as {
			out = append(out, a.Title)
		}
		return out
	}
	t.Run("explain opens the page with showDocument", func(t *testing.T) {
		c := checkerClient(t, Options{PagesURL: "https://glossary.example.com/"})
		c.initialize(`{"window": {"showDocument": {"support": true}}}`)
		c.open(uri, "markdown", "Add backpressure to the consumer.")
		actions := c.codeActions(uri, protocol.Range{Start: pos(0, 6), End: pos(0, 6)})
		if diff := cmp.Diff([]string{"Explain 'backpressure'"}, titles(actions)); diff != "" {
			t.Fatalf("actions (-want +got):\n%s", diff)
		}
		cmd := actions[0].Command
		if _, err := c.s.executeCommand(c.ctx(), &protocol.ExecuteCommandParams{Command: cmd.Command, Arguments: cmd.Arguments}); err != nil {
			t.Fatal(err)
		}
		m := <-c.peer.calls
		want := protocol.ShowDocumentParams{URI: "https://glossary.example.com/terms/backpressure", External: ptr(true)}
		if m.method != "window/showDocument" || !cmp.Equal(m.params, want) {
			t.Errorf("request = %s %+v; want window/showDocument %+v", m.method, m.params, want)
		}
	})
	t.Run("explain shows the address to a client without showDocument", func(t *testing.T) {
		c := checkerClient(t, Options{PagesURL: "https://glossary.example.com"})
		c.open(uri, "markdown", "Add backpressure to the consumer.")
		cmd := c.codeActions(uri, protocol.Range{Start: pos(0, 6), End: pos(0, 6)})[0].Command
		if _, err := c.s.executeCommand(c.ctx(), &protocol.ExecuteCommandParams{Command: cmd.Command, Arguments: cmd.Arguments}); err != nil {
			t.Fatal(err)
		}
		if want := []string{"backpressure: https://glossary.example.com/terms/backpressure"}; !cmp.Equal(want, c.shown) {
			t.Errorf("shown %q; want %q", c.shown, want)
		}
	})
	t.Run("commonly confused terms", func(t *testing.T) {
		c := checkerClient(t, Options{})
		c.open(uri, "markdown", "Check the latency first.")
		actions := c.codeActions(uri, protocol.Range{Start: pos(0, 12), End: pos(0, 12)})
		if diff := cmp.Diff([]string{"Show commonly confused terms"}, titles(actions)); diff != "" {
			t.Fatalf("actions without a server (-want +got):\n%s", diff)
		}
		cmd := actions[0].Command
		if _, err := c.s.executeCommand(c.ctx(), &protocol.ExecuteCommandParams{Command: cmd.Command, Arguments: cmd.Arguments}); err != nil {
			t.Fatal(err)
		}
		if len(c.shown) != 1 || !strings.HasPrefix(c.shown[0], "latency is often confused with throughput.\nlatency: ") ||
			!strings.Contains(c.shown[0], "\nthroughput: ") {
			t.Errorf("shown %q; want latency and throughput with their definitions", c.shown)
		}
	})
	t.Run("no term, no action", func(t *testing.T) {
		c := checkerClient(t, Options{PagesURL: "https://glossary.example.com"})
		c.open(uri, "markdown", "The weather is fine.")
		if got := c.codeActions(uri, protocol.Range{Start: pos(0, 6), End: pos(0, 6)}); len(got) != 0 {
			t.Errorf("actions = %q; want none", titles(got))
		}
	})
}

func TestSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json string
		want       Settings
		wantErr    string
	}{
		{name: "null", json: `null`},
		{name: "an empty Lua table", json: `[]`},
		{name: "an empty Lua table under glossary", json: `{"glossary": []}`},
		{name: "under glossary", json: `{"glossary": {"role": "backend-developer", "level": "b2", "diagnostics": {"typo": "warning"}}}`,
			want: Settings{Role: "backend-developer", Level: "B2", Diagnostics: DiagnosticSettings{Typo: "warning"}}},
		{name: "as they are", json: `{"role": "qa-test-engineer"}`, want: Settings{Role: "qa-test-engineer"}},
		{name: "false is off, true the default", json: `{"diagnostics": {"typo": false, "name": true}}`,
			want: Settings{Diagnostics: DiagnosticSettings{Typo: "off"}}},
		{name: "bad level", json: `{"level": "D1"}`, wantErr: `level "D1" is not one of A2, B1, B2, C1, C2`},
		{name: "bad severity", json: `{"diagnostics": {"name": "loud"}}`, wantErr: `diagnostics.name is "loud"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := jsonUnmarshal(tt.json, &v); err != nil {
				t.Fatal(err)
			}
			got, err := parseSettings(v)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseSettings(%s) error = %v; want %q", tt.json, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parseSettings(%s) (-want +got):\n%s", tt.json, diff)
			}
		})
	}
}

// The role and level of the settings rank completions: the role's terms
// first, then those at or below the level.
func TestCompletionRanking(t *testing.T) {
	t.Parallel()
	c0, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
	if err != nil {
		t.Fatal(err)
	}
	inRole := map[string]bool{}
	for _, id := range c0.Role("frontend-developer").TermIDs() {
		inRole[c0.Term(id).Term] = true
	}
	levelOf := func(it protocol.CompletionItem) string {
		if it.Detail == nil {
			return ""
		}
		_, level, _ := strings.Cut(*it.Detail, " · ")
		return level
	}
	atOrBelow := func(level, max string) bool {
		return level != "" && slices.Index(corpus.Levels, level) <= slices.Index(corpus.Levels, max)
	}
	tests := []struct {
		name, options, typed string
		// first says whether an item belongs in the leading group: those
		// come first, then the others, each group in the glossary's order.
		first func(protocol.CompletionItem) bool
	}{
		{name: "no settings: the glossary's order", options: `{}`, typed: "sta"},
		{name: "a role's terms first", options: `{"role": "frontend-developer"}`, typed: "sta",
			first: func(it protocol.CompletionItem) bool { return inRole[it.Label] }},
		{name: "the level's terms first", options: `{"level": "B1"}`, typed: "sta",
			first: func(it protocol.CompletionItem) bool { return atOrBelow(levelOf(it), "B1") }},
	}
	// The glossary's order, as autocomplete gives it with no settings.
	plain := checkerClient(t, Options{})
	plain.initialize(`{}`)
	order := labels(plain.complete("file:///doc", plain.open("file:///doc", "markdown", "sta|")))
	if len(order) < 5 {
		t.Fatalf("completion of sta = %q; want a full list", order)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkerClient(t, Options{})
			c.initialize(`{}`)
			c.configure(tt.options)
			at := c.open("file:///doc", "markdown", tt.typed+"|")
			list := c.complete("file:///doc", at)
			got := labels(list)
			if tt.first == nil {
				if !cmp.Equal(got, order) {
					t.Errorf("completion of %q = %q; want %q", tt.typed, got, order)
				}
				return
			}
			leading, rest := 0, false
			for _, it := range list.Items {
				switch {
				case tt.first(it) && rest:
					t.Errorf("completion of %q with %s = %q: %q comes after items that should follow it", tt.typed, tt.options, got, it.Label)
				case tt.first(it):
					leading++
				default:
					rest = true
				}
			}
			if leading == 0 {
				t.Errorf("completion of %q with %s = %q: none of the leading group", tt.typed, tt.options, got)
			}
			if cmp.Equal(got, order) {
				t.Errorf("completion of %q with %s = %q, as without settings", tt.typed, tt.options, got)
			}
		})
	}
}
