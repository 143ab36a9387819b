package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

func TestGapsRecordedAndListed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if stdout, _, code := runCmd(t, dir, "gaps", "--data", data); code != 0 || !strings.Contains(stdout, "no searches without results recorded") {
		t.Errorf("gaps before any search = %d %q", code, stdout)
	}
	cfg := writeConfig(t, dir, "gaps_flush_interval: 20ms")
	srv := startServe(t, dir, "--config", cfg, "--data", data, "--corpus", testCorpus(t))
	for _, q := range []string{"Service Mesh", "service mesh?", "zxqv", "cache"} {
		if resp, body := httpGet(t, srv.base+"/api/v1/search?q="+url.QueryEscape(q)); resp.StatusCode != 200 {
			t.Fatalf("search %q = %d %s", q, resp.StatusCode, body)
		}
	}
	path := filepath.Join(data, generation.GapsFile)
	waitFor(t, 10*time.Second, "gaps.json to be written", func() bool {
		r, err := search.ReadGaps(path)
		return err == nil && len(r.Gaps) == 2
	})
	stdout, stderr, code := runCmd(t, dir, "gaps", "--data", data)
	if code != 0 || !strings.Contains(stdout, "      2  service mesh\n      1  zxqv\n") || strings.Contains(stdout, "cache") {
		t.Errorf("gaps = %d\n%s%s\nwant service mesh (2) then zxqv (1)", code, stdout, stderr)
	}

	// Searches up to the shutdown are saved when the server stops.
	httpGet(t, srv.base+"/api/v1/search?q=zxqv")
	httpGet(t, srv.base+"/api/v1/search?q=zxqv")
	if code := srv.stop(t); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	stdout, _, _ = runCmd(t, dir, "gaps", "--data", data, "--json", "--top", "1")
	var r search.GapReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || len(r.Gaps) != 1 || r.Gaps[0] != (search.Gap{Query: "zxqv", Count: 3}) {
		t.Errorf("gaps --json --top 1 after shutdown = %v %s; want zxqv 3", err, stdout)
	}

	// A restart keeps counting from the saved file.
	srv = startServe(t, dir, "--config", cfg, "--data", data)
	httpGet(t, srv.base+"/api/v1/search?q=service+mesh")
	srv.stop(t)
	if r, err := search.ReadGaps(path); err != nil || r.Gaps[0] != (search.Gap{Query: "service mesh", Count: 3}) {
		t.Errorf("after a restart gaps = %+v, %v; want service mesh 3 first", r, err)
	}
}

// TestPrintable: what the public typed is printed with control, format
// and bidirectional characters escaped, and nothing else changed.
func TestPrintable(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"service mesh", "service mesh"},
		{"café 缓存 кэш", "café 缓存 кэш"},
		{"abc\u202edcba", `abc\u202Edcba`},
		{"\u2066x\u2069 \u200f\u061c", `\u2066x\u2069 \u200F\u061C`},
		{"\x1b[31mred\x1b[0m", `\u001B[31mred\u001B[0m`},
		{"a\tb\nc\rd\x7f", `a\u0009b\u000Ac\u000Dd\u007F`},
		{"zero\u200bwidth\ufeff", `zero\u200Bwidth\uFEFF`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{`back\slash`, `back\\slash`},
		{"bad\xffutf8", `bad\xFFutf8`},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestGapsEscapesQueries: glossary gaps prints a query with a
// right-to-left override or an escape sequence escaped, never raw.
func TestGapsEscapesQueries(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	r := search.GapReport{Updated: time.Now(), Gaps: []search.Gap{{Query: "txt.\u202egpj", Count: 2}, {Query: "\x1b]0;owned\x07", Count: 1}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, generation.GapsFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCmd(t, dir, "gaps", "--data", data)
	if code != 0 || !strings.Contains(stdout, "      2  txt.\\u202Egpj\n") || !strings.Contains(stdout, "      1  \\u001B]0;owned\\u0007\n") {
		t.Errorf("gaps = %d\n%s%s\nwant the queries with U+202E and the escapes written as \\u escapes", code, stdout, stderr)
	}
	if strings.ContainsAny(stdout, "\u202e\x1b\x07") {
		t.Errorf("gaps printed a control or bidi character raw: %q", stdout)
	}
}
