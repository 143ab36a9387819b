package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/glossary/glossary/internal/testutil"
)

// runCmd runs the real program with args, looking for config.yaml in dir
// and with no environment, and returns its output and exit code. Relative
// paths in args are relative to the test's working directory: give
// absolute ones.
func runCmd(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runSetup(context.Background(), args, setup{stdout: &out, stderr: &errb, dir: dir})
	return out.String(), errb.String(), code
}

func TestServeOnLoopback(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := startServe(t, dir, "--data", filepath.Join(dir, "data"))
	base := srv.base
	// The embedded corpus was indexed into the empty data folder.
	resp, err := http.Get(base + "/api/v1/search?q=idempotnet")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body.Hits) == 0 || body.Hits[0].ID != "idempotent" {
		t.Errorf("GET /api/v1/search?q=idempotnet = %d %+v; want idempotent first", resp.StatusCode, body)
	}
	if g := resp.Header.Get("X-Glossary-Generation"); g != "gen-000001" {
		t.Errorf("generation header = %q; want gen-000001", g)
	}

	// A reindex from the CLI is picked up without a restart.
	if _, errOut, code := runCmd(t, dir, "index", "--data", filepath.Join(dir, "data")); code != 0 {
		t.Fatalf("index exited %d: %s", code, errOut)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/api/v1/suggest?q=idem")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("X-Glossary-Generation") == "gen-000002" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server still on %s after reindex", resp.Header.Get("X-Glossary-Generation"))
		}
		time.Sleep(50 * time.Millisecond)
	}

	if code := srv.stop(t); code != 0 {
		t.Errorf("serve exited %d after cancel; stderr:\n%s", code, srv.stderr.String())
	}
}

func TestValidateReportsCorpusErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "c", "categories.yaml"), "api-design: API Design\n")
	write(t, filepath.Join(dir, "c", "terms", "endpoint.yaml"), "term: endpoint\npart_of_speech: noun\nlevel: B9\ndefinition: x\nexamples: [a, b]\ncategories: [api-design]\n")
	write(t, filepath.Join(dir, "c", "roles", ".keep"), "")
	stdout, stderr, code := runCmd(t, dir, "validate", "--corpus", filepath.Join(dir, "c"))
	if code != 1 {
		t.Errorf("validate exited %d; want 1 (stdout %q)", code, stdout)
	}
	if want := filepath.Join(dir, "c/terms/endpoint.yaml") + ":3:8: level \"B9\" is not a CEFR level"; !strings.Contains(stderr, want) {
		t.Errorf("validate stderr = %q; want it to contain %q", stderr, want)
	}
	// index refuses to build from it, and leaves no generation.
	_, stderr, code = runCmd(t, dir, "index", "--corpus", filepath.Join(dir, "c"), "--data", filepath.Join(dir, "d"))
	if code != 1 || !strings.Contains(stderr, "nothing was built") {
		t.Errorf("index from a bad corpus: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "d", "CURRENT")); !os.IsNotExist(err) {
		t.Errorf("index from a bad corpus left a CURRENT pointer (%v)", err)
	}
}

func TestValidateEmbeddedCorpus(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCmd(t, t.TempDir(), "validate")
	if code != 0 || !strings.HasPrefix(stdout, "ok: ") {
		t.Errorf("validate = %d %q %q", code, stdout, stderr)
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCmd(t, t.TempDir(), "stats")
	if code != 0 {
		t.Fatalf("stats = %d %s", code, stderr)
	}
	for _, want := range []string{"terms per role", "Backend Developer", "terms per level", "terms per category", "averages per term"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stats output lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, _ = runCmd(t, t.TempDir(), "stats", "--json")
	var s struct {
		Terms   int `json:"terms"`
		PerRole []struct {
			Label string `json:"label"`
			Count int    `json:"count"`
		} `json:"per_role"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || s.Terms == 0 || len(s.PerRole) == 0 {
		t.Errorf("stats --json = %v %s", err, stdout)
	}
}

// TestStatsReport pins the whole report of a small corpus with senses,
// pronunciations and roles: testdata/stats.golden (rewritten with -update).
func TestStatsReport(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs("../../corpus/testdata/senses")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := filepath.Abs("testdata/stats.golden")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCmd(t, t.TempDir(), "stats", "--corpus", dir)
	if code != 0 {
		t.Fatalf("stats = %d %s", code, stderr)
	}
	testutil.Golden(t, golden, []byte(stdout))
}

func TestValidateRunsContentRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "c", "categories.yaml"), "documentation: Documentation\n")
	write(t, filepath.Join(dir, "c", "terms", "readme.yaml"), "term: README\npart_of_speech: noun\nlevel: A2\ndefinition: The README of a repository.\nexamples: [Read the README., Update it.]\ncategories: [documentation]\n")
	write(t, filepath.Join(dir, "c", "roles", ".keep"), "")
	_, stderr, code := runCmd(t, dir, "validate", "--corpus", filepath.Join(dir, "c"))
	file := filepath.Join(dir, "c/terms/readme.yaml")
	for _, want := range []string{
		file + `:4:13: definition is circular: it uses "README" to explain "README"`,
		file + `:5:30: example does not use "README", one of its forms or an alias`,
		"content problems in the corpus",
	} {
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("validate = %d, stderr %q; want it to contain %q", code, stderr, want)
		}
	}
}

func TestCLIQueries(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "--data", data, "sharding"}, "sharding  (noun, C1)"},
		{[]string{"search", "--data", data, "--json", "--level", "C1", "sharding"}, `"id": "sharding"`},
		{[]string{"suggest", "--data", data, "backpresu"}, "backpressure"},
		{[]string{"suggest", "--data", data, "--json", "circ", "br"}, `"id": "circuit-breaker"`},
		{[]string{"related", "--data", data, "race-condition"}, "deadlock"},
		{[]string{"related", "--data", data, "--json", "race-condition"}, `"reason": "see-also"`},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCmd(t, dir, tt.args...)
		if code != 0 || !strings.Contains(stdout, tt.want) {
			t.Errorf("glossary %s = %d\nstdout: %s\nstderr: %s\nwant stdout to contain %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.want)
		}
	}
	if _, stderr, code := runCmd(t, dir, "related", "--data", data, "no-such-term"); code != 1 || !strings.Contains(stderr, `term "no-such-term": not found`) {
		t.Errorf("related no-such-term = %d %q", code, stderr)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		file    string
		env     []string
		args    []string
		wantErr string
		check   func(Config) bool
	}{
		{name: "defaults", check: func(c Config) bool { return cmp.Equal(c, DefaultConfig(), cmpopts.EquateEmpty()) }},
		{name: "list from env", env: []string{"GLOSSARY_TRUSTED_PROXIES=10.0.0.1, 10.1.0.0/16"}, check: func(c Config) bool {
			return cmp.Equal(c.TrustedProxies, []string{"10.0.0.1", "10.1.0.0/16"})
		}},
		{name: "list from file", file: "trusted_proxies: [10.0.0.1]\nrate_limit_search: 2.5\n", check: func(c Config) bool {
			return cmp.Equal(c.TrustedProxies, []string{"10.0.0.1"}) && c.RateLimitSearch == 2.5
		}},
		{name: "bad proxy", env: []string{"GLOSSARY_TRUSTED_PROXIES=proxy.example.com"}, wantErr: "config: trusted proxies"},
		{name: "rate without burst", file: "rate_limit_suggest: 5\nrate_limit_suggest_burst: 0\n", wantErr: "burst must be at least 1"},
		{name: "cors origins", env: []string{"GLOSSARY_CORS_ORIGINS=https://a.example.com,chrome-extension://abc"}, check: func(c Config) bool {
			return cmp.Equal(c.CORSOrigins, []string{"https://a.example.com", "chrome-extension://abc"})
		}},
		{name: "bad cors origin", file: "cors_origins: [https://a.example.com/]\n", wantErr: "is not an origin"},
		{name: "negative rate", file: "rate_limit_lookup: -1\n", wantErr: "rate limit of lookup"},
		{name: "file", file: "listen: 0.0.0.0:9000\nread_timeout: 3s\n", check: func(c Config) bool { return c.Listen == "0.0.0.0:9000" && c.ReadTimeout == 3*time.Second }},
		{name: "env beats file", file: "listen: 0.0.0.0:9000\n", env: []string{"GLOSSARY_LISTEN=127.0.0.1:7000", "GLOSSARY_KEEP_GENERATIONS=5"}, check: func(c Config) bool { return c.Listen == "127.0.0.1:7000" && c.KeepGenerations == 5 }},
		{name: "flag beats env", env: []string{"GLOSSARY_DATA_DIR=/env"}, args: []string{"--data", "/flag"}, check: func(c Config) bool { return c.DataDir == "/flag" }},
		{name: "unknown key", file: "lisen: x\n", wantErr: `unknown key "lisen"`},
		{name: "unknown env", env: []string{"GLOSSARY_PORT=1"}, wantErr: `GLOSSARY_PORT: unknown setting "port"`},
		{name: "duration without unit", file: "read_timeout: 5\n", wantErr: "read_timeout must be a duration with a unit"},
		{name: "bad number", file: "keep_generations: many\n", wantErr: "keep_generations"},
		{name: "bad log format", file: "log_format: xml\n", wantErr: "log_format must be text or json"},
		{name: "lsp server from env", env: []string{"GLOSSARY_LSP_SERVER=http://127.0.0.1:8080"}, check: func(c Config) bool { return c.LSPServer == "http://127.0.0.1:8080" }},
		{name: "bad lsp server", file: "lsp_server: 127.0.0.1:8080\n", wantErr: "config: lsp_server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if tt.file != "" {
				write(t, filepath.Join(dir, "config.yaml"), tt.file)
			}
			cmd := newRoot(io.Discard, io.Discard)
			serveCmd, _, _ := cmd.Find([]string{"serve"})
			if err := serveCmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			cfg, err := loadConfig(serveCmd.Flags(), tt.env, dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("loadConfig error = %v; want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(cfg) {
				t.Errorf("loadConfig = %+v", cfg)
			}
		})
	}
}

func TestLSPServerFlag(t *testing.T) {
	t.Parallel()
	cmd := newRoot(io.Discard, io.Discard)
	lspCmd, _, _ := cmd.Find([]string{"lsp"})
	if err := lspCmd.ParseFlags([]string{"--server", "https://glossary.example.com"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(lspCmd.Flags(), []string{"GLOSSARY_LSP_SERVER=http://127.0.0.1:8080"}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LSPServer != "https://glossary.example.com" {
		t.Errorf("lsp_server = %q; want the flag's value", cfg.LSPServer)
	}
}

// TestRepoConfigMatchesDefaults keeps config.yaml, which documents every
// key, in step with DefaultConfig.
func TestRepoConfigMatchesDefaults(t *testing.T) {
	t.Parallel()
	cmd := newRoot(io.Discard, io.Discard)
	serveCmd, _, _ := cmd.Find([]string{"serve"})
	if err := serveCmd.ParseFlags([]string{"--config", "../../config.yaml"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(serveCmd.Flags(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultConfig(), cfg, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("config.yaml differs from DefaultConfig (-default +config.yaml):\n%s", diff)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
