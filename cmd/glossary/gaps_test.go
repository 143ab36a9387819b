package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/search"
)

func TestGapsRecordedAndListed(t *testing.T) {
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
	path := filepath.Join(data, search.GapsFile)
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
