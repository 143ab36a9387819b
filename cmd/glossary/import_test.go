package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/search"
)

// writeDictd writes a small dictd database (base.index and an
// uncompressed base.dict) of the given articles, each under its first
// line's headword, plus extra index lines as they are.
func writeDictd(t *testing.T, base string, articles []string, extra ...string) {
	t.Helper()
	number := func(n int) string { // dictd's base-64 numbers
		const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		s := string(digits[n%64])
		for n /= 64; n > 0; n /= 64 {
			s = string(digits[n%64]) + s
		}
		return s
	}
	var data, index strings.Builder
	for _, a := range articles {
		head, _, _ := strings.Cut(a, "\n")
		index.WriteString(strings.ToLower(head) + "\t" + number(data.Len()) + "\t" + number(len(a)) + "\n")
		data.WriteString(a)
	}
	for _, l := range extra {
		index.WriteString(l + "\n")
	}
	if err := os.WriteFile(base+".index", []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".dict", []byte(data.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportDictd imports a small FOLDOC-shaped database, builds an index
// that includes it and finds the imported entry; then checks that bad
// imports say what is wrong and save nothing.
func TestImportDictd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	db := filepath.Join(dir, "mini")
	writeDictd(t, db, []string{
		"thunk\n\n   <programming> A delayed computation, evaluated when its value is\n   first needed, as in {lazy evaluation} or a {cache}.\n\n   (1997-10-11)\n\n",
		"Cache\n\n   <storage> A small fast memory holding recently used data.\n\n",
		"Aleph\n\n   <language> [\"Aleph\", a paper, 1992].\n\n",
	}, "broken index line")
	common := []string{"--data", data, "--corpus", testCorpus(t)}

	out, errOut, code := runCmd(t, dir, append([]string{"import", "dictd", "--source", "foldoc", db}, common...)...)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"3 articles read, 2 entries imported",
		"1 new terms, 1 secondary senses of curated terms",
		"2 skipped",
		`1 no definition, only a subject tag or a reference: "Aleph"`,
		filepath.Join(data, "sources", "foldoc.json"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}

	out, errOut, code = runCmd(t, dir, append([]string{"index"}, common...)...)
	if code != 0 || !strings.Contains(out, "source foldoc: 1 terms added, 1 secondary senses of existing terms") {
		t.Fatalf("index: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = runCmd(t, dir, append([]string{"search", "--json", "thunk"}, common...)...)
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search: exit %d, %v\n%s", code, err, out)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "thunk" || res.Hits[0].Source != "foldoc" {
		t.Errorf("search thunk: hits %+v; want the imported thunk first", res.Hits)
	}

	// --source filters: the curated cache has a FOLDOC sense; nothing is
	// from V.E.R.A.
	for source, want := range map[string]int{"foldoc": 1, "vera": 0} {
		out, _, code = runCmd(t, dir, append([]string{"search", "--json", "--source", source, "cache"}, common...)...)
		var filtered search.Result
		if err := json.Unmarshal([]byte(out), &filtered); code != 0 || err != nil {
			t.Fatalf("search --source %s: exit %d, %v\n%s", source, code, err, out)
		}
		if got := len(filtered.Hits); got < want || (want == 0 && got != 0) || (want > 0 && filtered.Hits[0].ID != "cache") {
			t.Errorf("search --source %s cache: hits %+v; want %d, cache first", source, filtered.Hits, want)
		}
	}

	t.Run("errors", func(t *testing.T) {
		empty := filepath.Join(dir, "empty")
		writeDictd(t, empty, []string{"Aleph\n\n   <language>\n\n"})
		tests := []struct {
			name string
			args []string
			want string
		}{
			{"unknown source", []string{"import", "dictd", "--source", "wikipedia", db}, "--source must be one of foldoc, jargon, vera"},
			{"no source", []string{"import", "dictd", db}, `required flag(s) "source" not set`},
			{"missing database", []string{"import", "dictd", "--source", "jargon", filepath.Join(dir, "nothing")}, "read dictd index"},
			{"nothing importable", []string{"import", "dictd", "--source", "jargon", empty}, "no entry could be imported (1 skipped); nothing was saved"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out, errOut, code := runCmd(t, dir, append(tt.args, common...)...)
				if code == 0 || !strings.Contains(errOut, tt.want) {
					t.Errorf("exit %d; stderr %q; want non-zero and %q\n%s", code, errOut, tt.want, out)
				}
			})
		}
		for _, name := range []string{"jargon.json", "vera.json"} {
			if _, err := os.Stat(filepath.Join(data, "sources", name)); err == nil {
				t.Errorf("a failed import saved %s", name)
			}
		}
	})

	t.Run("damaged source file", func(t *testing.T) {
		bad := filepath.Join(data, "sources", "jargon.json")
		if err := os.WriteFile(bad, []byte(`{"source":"jargon","entries":[{"headword":"x"}]}`), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(bad)
		_, errOut, code := runCmd(t, dir, append([]string{"index"}, common...)...)
		if code == 0 || !strings.Contains(errOut, bad) || !strings.Contains(errOut, "entry 1 has no headword or no definition") {
			t.Errorf("index with a damaged source: exit %d, stderr %q; want an error naming the file and the entry", code, errOut)
		}
		current, err := os.ReadFile(filepath.Join(data, "CURRENT"))
		if err != nil || !strings.Contains(string(current), "gen-000001") {
			t.Errorf("CURRENT = %q, %v; want the first generation still current", current, err)
		}
	})
}

// TestImportRealGlossaries is the end-to-end check of the import, with
// the real databases of Debian's dict-foldoc, dict-jargon and dict-vera
// packages (.ci/test installs them; the test fails when they are
// missing): after three imports and an index, a server finds obscure
// terms with their source, and curated entries still come first.
func TestImportRealGlossaries(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"foldoc", "jargon", "vera"} {
		if _, err := os.Stat("/usr/share/dictd/" + s + ".index"); err != nil {
			t.Fatalf("Debian's dict-%s is not installed (apt-get install dict-%s; .ci/test does): %v", s, s, err)
		}
	}
	dir := t.TempDir()
	for _, s := range []string{"foldoc", "jargon", "vera"} {
		p := startProcess(t, dir, "import", "dictd", "--source", s, "--data", "data")
		if code := p.wait(t, 2*time.Minute); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", s, code, p.stdout.String(), p.stderr.String())
		}
	}
	p := startProcess(t, dir, "index", "--data", "data")
	if code := p.wait(t, 5*time.Minute); code != 0 {
		t.Fatalf("index: exit %d\n%s%s", code, p.stdout.String(), p.stderr.String())
	}
	t.Logf("index: %s", p.stdout.String()[strings.LastIndex(p.stdout.String(), "generation "):])
	// Every one of the 20,000 terms is found by a search of its own name
	// and by autocomplete, symbol-only names ("$", "\\{@}") included: a
	// sample that missed one would make a server refuse the generation.
	v := startProcessEnv(t, dir, []string{"GLOSSARY_VERIFY_TERMS=100000"}, "verify", "--data", "data")
	if code := v.wait(t, 5*time.Minute); code != 0 {
		t.Fatalf("verify of every term: exit %d\n%s%s", code, v.stdout.String(), v.stderr.String())
	}
	_, base := startServeProcessEnv(t, dir, []string{"GLOSSARY_VERIFY_TERMS=20", "GLOSSARY_RATE_LIMIT_SEARCH=0"}, "--data", "data")

	type hit struct{ ID, Term, Source string }
	searchFor := func(q string, filters ...string) ([]hit, map[string][]search.FacetValue) {
		t.Helper()
		resp, body := httpGet(t, base+"/api/v1/search?size=5&q="+q+strings.Join(filters, ""))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("search %s: %d %s", q, resp.StatusCode, body)
		}
		var r struct {
			Hits   []hit
			Facets map[string][]search.FacetValue
		}
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatal(err)
		}
		return r.Hits, r.Facets
	}
	tests := []struct {
		q, wantID, wantSource string
	}{
		{"thunk", "thunk", "foldoc"},
		{"HCF", "hcf", "foldoc"},
		{"halt+and+catch+fire", "halt-and-catch-fire", "foldoc"},
		{"kluge", "kluge", "foldoc"},
		// Curated entries first where we have them, their imported
		// definitions folded in as senses.
		{"cache", "cache", "curated"},
		{"idempotent", "idempotent", "curated"},
		{"race+condition", "race-condition", "curated"},
		{"TCP", "tcp", "curated"},
	}
	for _, tt := range tests {
		hits, _ := searchFor(tt.q)
		if len(hits) == 0 || hits[0].ID != tt.wantID || hits[0].Source != tt.wantSource {
			t.Errorf("search %q: hits %+v; want %s (%s) first", tt.q, hits, tt.wantID, tt.wantSource)
		}
	}
	// A curated or FOLDOC term passes a Jargon File filter through a
	// Jargon File sense.
	hits, facets := searchFor("memory", "&source=jargon")
	if len(hits) == 0 {
		t.Error("search memory with source=jargon found nothing")
	}
	for _, h := range hits {
		var term struct {
			Source string
			Senses []struct{ Source string }
		}
		_, body := httpGet(t, base+"/api/v1/terms/"+h.ID)
		if err := json.Unmarshal([]byte(body), &term); err != nil {
			t.Fatal(err)
		}
		ok := term.Source == "jargon"
		for _, s := range term.Senses {
			ok = ok || s.Source == "jargon"
		}
		if !ok {
			t.Errorf("source=jargon hit %+v has neither source jargon nor a jargon sense", term)
		}
	}
	var sources []string
	for _, fv := range facets["source"] {
		sources = append(sources, fv.Value)
	}
	if strings.Join(sources, ",") != "curated,foldoc,jargon,vera" && strings.Join(sources, ",") != "curated,foldoc,vera,jargon" {
		t.Errorf("source facet values = %v; want curated first, then the three imports", sources)
	}

	var cache struct {
		Source string
		Senses []struct {
			Source      string
			Attribution struct{ License string }
		}
	}
	_, body := httpGet(t, base+"/api/v1/terms/cache")
	if err := json.Unmarshal([]byte(body), &cache); err != nil {
		t.Fatal(err)
	}
	if cache.Source != "curated" || len(cache.Senses) == 0 || cache.Senses[0].Source != "foldoc" || !strings.Contains(cache.Senses[0].Attribution.License, "GNU Free Documentation License") {
		t.Errorf("cache = %+v; want curated with a FOLDOC sense under the GFDL", cache)
	}
	resp, page := httpGet(t, base+"/terms/thunk")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/terms/thunk: %d", resp.StatusCode)
	}
	for _, want := range []string{`class="src"`, "FOLDOC", "The Free On-line Dictionary of Computing", "GNU Free Documentation License", "Full entry", "In other glossaries", "Jargon File"} {
		if !strings.Contains(page, want) {
			t.Errorf("/terms/thunk lacks %q", want)
		}
	}
}

// TestImportRefusesTruncated imports Debian's FOLDOC whole, then with its
// index cut at half: the cut import is refused, says why and how to force
// it, and leaves the whole import in place; --force then saves it.
func TestImportRefusesTruncated(t *testing.T) {
	t.Parallel()
	index, err := os.ReadFile("/usr/share/dictd/foldoc.index")
	if err != nil {
		t.Fatalf("Debian's dict-foldoc is not installed (apt-get install dict-foldoc; .ci/test does): %v", err)
	}
	dz, err := os.ReadFile("/usr/share/dictd/foldoc.dict.dz")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "foldoc")
	write := func(index []byte) {
		t.Helper()
		if err := os.WriteFile(base+".index", index, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(index)
	if err := os.WriteFile(base+".dict.dz", dz, 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"import", "dictd", "--source", "foldoc", base, "--data", filepath.Join(dir, "data"), "--corpus", testCorpus(t)}
	saved := filepath.Join(dir, "data", "sources", "foldoc.json")
	entries := func() int {
		t.Helper()
		s, err := readSourceFile(saved)
		if err != nil {
			t.Fatal(err)
		}
		return len(s.Entries)
	}
	if out, errOut, code := runCmd(t, dir, common...); code != 0 {
		t.Fatalf("whole import: exit %d\n%s%s", code, out, errOut)
	}
	whole := entries()
	if whole < 11000 {
		t.Fatalf("whole FOLDOC: %d entries; want over 11,000", whole)
	}
	before, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}

	cut := index[:len(index)/2]
	if cut[len(cut)-1] == '\n' {
		cut = index[:len(index)/2+1]
	}
	lineEnd := index[:bytes.LastIndexByte(index[:len(index)/2], '\n')+1]
	for _, tt := range []struct {
		name  string
		index []byte
		want  []string
	}{
		{"cut in a line", cut, []string{"last line is cut", "looks truncated", fmt.Sprintf("where the import it would replace (%s) has %d", saved, whole), "fewer, more than the 10 % an import may lose", "nothing was saved (--force imports it anyway)"}},
		{"cut at a line end", lineEnd, []string{"the index points at 5", "looks truncated", "fewer, more than the 10 %", "nothing was saved (--force imports it anyway)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			write(tt.index)
			_, errOut, code := runCmd(t, dir, common...)
			if code == 0 {
				t.Fatalf("truncated import: exit 0; want it refused\n%s", errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if after, err := os.ReadFile(saved); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the refused import changed %s (%v)", saved, err)
			}
		})
	}

	write(cut)
	out, errOut, code := runCmd(t, dir, append(common, "--force")...)
	if code != 0 || !strings.Contains(errOut, "warning: imported with --force: the index's last line is cut") {
		t.Fatalf("--force: exit %d; want 0 and a warning\n%s%s", code, out, errOut)
	}
	if n := entries(); n >= whole*3/4 {
		t.Errorf("after --force: %d entries; want the cut import's, about half of %d", n, whole)
	}
}

// TestImportLossThreshold imports a whole small database of 20 entries,
// then whole ones with fewer: losing 10 % is accepted, more is refused
// without --force.
func TestImportLossThreshold(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	articles := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("Term%02d\n\n   <programming> The definition of the term number %d.\n\n", i, i))
		}
		return out
	}
	db := filepath.Join(dir, "mini")
	common := []string{"import", "dictd", "--source", "jargon", db, "--data", filepath.Join(dir, "data"), "--corpus", testCorpus(t)}
	for _, tt := range []struct {
		n     int
		force bool
		ok    bool
	}{
		{20, false, true},
		{18, false, true},  // 10 % fewer
		{16, false, false}, // 11 % fewer than 18
		{16, true, true},
		{20, false, true}, // more is always fine
	} {
		writeDictd(t, db, articles(tt.n))
		args := common
		if tt.force {
			args = append(args, "--force")
		}
		out, errOut, code := runCmd(t, dir, args...)
		if (code == 0) != tt.ok {
			t.Fatalf("import of %d entries (force %v): exit %d; want ok %v\n%s%s", tt.n, tt.force, code, tt.ok, out, errOut)
		}
		if !tt.ok && !strings.Contains(errOut, "16 entries, where the import it would replace") {
			t.Errorf("refusal does not say why:\n%s", errOut)
		}
	}
}
