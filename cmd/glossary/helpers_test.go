package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/internal/testutil"
)

// testCorpusDir is the small corpus of the search package's tests: indexing
// it takes a fraction of a second, even with the race detector.
var testCorpusDir, _ = filepath.Abs("../../search/testdata/corpus")

func testCorpus(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(testCorpusDir); err != nil {
		t.Fatal(err)
	}
	return testCorpusDir
}

// servedProcess is "glossary serve" running in this process on loopback.
type servedProcess struct {
	base   string
	stderr *testutil.SyncBuffer
	cancel context.CancelFunc
	done   chan int
}

// startServe runs "glossary serve" in this process with args (a --listen
// on a free loopback port is added), looking for config.yaml in dir, and
// waits until it serves: serve reports its address through the setup. The
// server is stopped at the end of the test unless stop was called.
func startServe(t *testing.T, dir string, args ...string) *servedProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	p := &servedProcess{stderr: &testutil.SyncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	serving := make(chan string, 1)
	s := setup{stdout: io.Discard, stderr: p.stderr, dir: dir, serving: func(base string) { serving <- base }}
	go func() {
		p.done <- runSetup(ctx, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...), s)
	}()
	select {
	case p.base = <-serving:
	case code := <-p.done:
		cancel()
		t.Fatalf("serve exited %d before serving; stderr:\n%s", code, p.stderr.String())
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatalf("serve did not serve within 2 minutes; stderr:\n%s", p.stderr.String())
	}
	t.Cleanup(func() { p.stop(t) })
	return p
}

// serveWatching serves the test corpus from the data folder of a new
// temporary folder, watching it every 10ms, and returns the server, the
// folder and the data folder.
func serveWatching(t *testing.T) (srv *servedProcess, dir, data string) {
	t.Helper()
	dir = t.TempDir()
	data = filepath.Join(dir, "data")
	cfg := writeConfig(t, dir, "watch_interval: 10ms")
	return startServe(t, dir, "--config", cfg, "--data", data, "--corpus", testCorpus(t)), dir, data
}

// stop cancels the server and returns its exit code; later calls return
// the same code.
func (p *servedProcess) stop(t *testing.T) int {
	t.Helper()
	p.cancel()
	select {
	case code := <-p.done:
		p.done <- code
		return code
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop; stderr:\n%s", p.stderr.String())
		return -1
	}
}

// waitFor polls cond every 10ms until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// httpGet fetches url and returns the response with its body read, as a
// string.
func httpGet(t testing.TB, url string) (*http.Response, string) {
	t.Helper()
	resp, body := testutil.Get(t, url)
	return resp, string(body)
}

// writeConfig writes a config file into dir and returns its path.
func writeConfig(t *testing.T, dir string, lines ...string) string {
	t.Helper()
	path := filepath.Join(dir, "test-config.yaml")
	write(t, path, strings.Join(lines, "\n")+"\n")
	return path
}

// copyDir copies the folder src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	// os.CopyFS makes the copies writable (0666 less the umask) from
	// sealed, read-only originals.
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}
