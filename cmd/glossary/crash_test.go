package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

// hammer sends searches and suggestions to base from clients goroutines
// until stop is closed, and checks every answer: 2xx, and a generation
// that never goes backwards for a client.
type hammer struct {
	requests atomic.Int64
	mu       sync.Mutex
	failures []string
	gens     map[string]bool
	wg       sync.WaitGroup
	stop     chan struct{}
}

var hammerQueries = []string{
	"/api/v1/search?q=cache", "/api/v1/suggest?q=ca", "/api/v1/search?q=deadlok",
	"/api/v1/suggest?q=circ+br", "/api/v1/search?q=queue&level=B2,C1", "/api/v1/suggest?q=backpresu",
	"/api/v1/search?q=", "/api/v1/search?q=zxqv",
}

func startHammer(base string, clients int) *hammer {
	h := &hammer{gens: map[string]bool{}, stop: make(chan struct{})}
	for i := range clients {
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			client := &http.Client{Transport: &http.Transport{}, Timeout: 30 * time.Second}
			defer client.CloseIdleConnections()
			last := ""
			for n := i; ; n++ {
				select {
				case <-h.stop:
					return
				default:
				}
				path := hammerQueries[n%len(hammerQueries)]
				resp, err := client.Get(base + path)
				if err != nil {
					h.fail("GET " + path + ": " + err.Error())
					continue
				}
				buf := make([]byte, 512)
				for {
					if _, err := resp.Body.Read(buf); err != nil {
						break
					}
				}
				resp.Body.Close()
				h.requests.Add(1)
				gen := resp.Header.Get("X-Glossary-Generation")
				switch {
				case resp.StatusCode < 200 || resp.StatusCode > 299:
					h.fail("GET " + path + ": " + resp.Status)
				case gen < last:
					h.fail("GET " + path + ": generation went back from " + last + " to " + gen)
				}
				last = gen
				h.mu.Lock()
				h.gens[gen] = true
				h.mu.Unlock()
			}
		}()
	}
	return h
}

func (h *hammer) fail(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures = append(h.failures, msg)
}

// finish stops the clients and reports any bad answer.
func (h *hammer) finish(t *testing.T) {
	t.Helper()
	close(h.stop)
	h.wg.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.failures) > 0 {
		t.Errorf("%d of %d requests failed; first ones: %s", len(h.failures), h.requests.Load(), strings.Join(h.failures[:min(5, len(h.failures))], "; "))
	}
}

// TestIndexerKilledAtRandom kills "glossary index" with SIGKILL at random
// moments while a server answers from the same data folder. Every time,
// the server keeps answering (2xx only, generations never going back), the
// CURRENT pointer names a generation that opens and verifies, and the next
// complete run succeeds and removes what the killed ones left.
func TestIndexerKilledAtRandom(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfg := writeConfig(t, dir, "watch_interval: 20ms", "rate_limit_search: 0", "rate_limit_suggest: 0", "rate_limit_lookup: 0")

	if code := startProcess(t, dir, "index", "--data", data).wait(t, 2*time.Minute); code != 0 {
		t.Fatalf("first index exited %d", code)
	}
	srv, base := startServeProcess(t, dir, "--config", cfg, "--data", data)
	h := startHammer(base, 3)

	// One full run under load, to measure how long a build takes.
	start := time.Now()
	if code := startProcess(t, dir, "index", "--data", data).wait(t, 2*time.Minute); code != 0 {
		t.Fatalf("second index exited %d", code)
	}
	buildTime := time.Since(start)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("a full build takes %s; random seed %d", buildTime, seed)
	const kills = 5
	killed := 0
	for i := range kills {
		p := startProcess(t, dir, "index", "--data", data)
		delay := time.Duration(rng.Int64N(int64(buildTime * 11 / 10)))
		time.Sleep(delay)
		p.cmd.Process.Kill()
		code := p.wait(t, time.Minute)
		if code == -1 {
			killed++
		}
		t.Logf("kill %d after %s: exit %d; last output %q", i+1, delay.Round(time.Millisecond), code, lastLine(p.stdout.String()))
		checkPointer(t, data)
	}
	if killed == 0 {
		t.Errorf("every indexer finished before it was killed; the test proved nothing")
	}

	// The next run succeeds and cleans up.
	p := startProcess(t, dir, "index", "--data", data)
	if code := p.wait(t, 2*time.Minute); code != 0 {
		t.Fatalf("index after the kills exited %d\nstdout: %s\nstderr: %s", code, p.stdout.String(), p.stderr.String())
	}
	gen := regexp.MustCompile(`generation (gen-\d+):`).FindStringSubmatch(p.stdout.String())
	if gen == nil {
		t.Fatalf("index printed no generation: %s", p.stdout.String())
	}
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "tmp-") || strings.HasPrefix(e.Name(), ".CURRENT") {
			t.Errorf("leftover %s after a complete run", e.Name())
		}
	}
	checkPointer(t, data)
	waitFor(t, 30*time.Second, "the server to switch to "+gen[1], func() bool {
		return readyGeneration(t, base) == gen[1]
	})
	h.finish(t)
	t.Logf("%d requests answered during %d kills (%d mid-build); generations seen: %d", h.requests.Load(), kills, killed, len(h.gens))
	if h.requests.Load() == 0 {
		t.Error("no request was made")
	}
	srv.cmd.Process.Signal(os.Interrupt)
	if code := srv.wait(t, 30*time.Second); code != 0 {
		t.Errorf("serve exited %d\nstderr: %s", code, srv.stderr.String())
	}
	if logs := srv.stderr.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("server logged errors:\n%s", logs)
	}
}

// checkPointer checks that CURRENT names a generation that opens and
// verifies.
func checkPointer(t *testing.T, data string) {
	t.Helper()
	name, err := search.CurrentGeneration(data)
	if err != nil {
		t.Fatalf("CURRENT: %v", err)
	}
	ix, err := search.OpenVerified(context.Background(), generation.Dir(data, name), search.DefaultVerifyTerms)
	if err != nil {
		t.Fatalf("CURRENT names %s, which does not open: %v", name, err)
	}
	ix.Close()
}

func readyGeneration(t *testing.T, base string) string {
	_, body := httpGet(t, base+"/readyz")
	m := regexp.MustCompile(`"generation":"([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
