package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdown runs the real binary, starts a request, sends
// SIGTERM while the request is still running, and checks that the server
// stops accepting connections, answers the running request in full, and
// exits 0.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p, base := startServeProcess(t, dir, "--data", "data", "--corpus", testCorpus(t))
	addr := strings.TrimPrefix(base, "http://")

	// A request whose body is still arriving: its handler is running (the
	// body limit reads a chunked body to its end) when SIGTERM comes. The
	// server says so: it answers "100 Continue" when the handler first
	// reads the body.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /api/v1/search?q=cache HTTP/1.1\r\nHost: glossary\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	answers := bufio.NewReader(conn)
	if line, err := answers.ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.1 100 ") {
		t.Fatalf("before the body: %q, %v; want 100 Continue\nstderr: %s", line, err, p.stderr.String())
	}
	if line, err := answers.ReadString('\n'); err != nil || line != "\r\n" {
		t.Fatalf("after 100 Continue: %q, %v; want the blank line", line, err)
	}
	if _, err := io.WriteString(conn, "3\r\nabc\r\n"); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	// New connections are refused once shutdown has begun.
	waitFor(t, 10*time.Second, "the listener to close", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case <-p.done:
		t.Fatalf("server exited with a request still running\nstderr: %s", p.stderr.String())
	default:
	}

	// The running request completes.
	if _, err := io.WriteString(conn, "0\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(answers, nil)
	if err != nil {
		t.Fatalf("reading the answer to the running request: %v\nstderr: %s", err, p.stderr.String())
	}
	var body struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(body.Hits) == 0 || body.Hits[0].ID != "cache" {
		t.Errorf("running request = %d, %v, %+v; want 200 with cache first", resp.StatusCode, err, body)
	}

	if code := p.wait(t, 20*time.Second); code != 0 {
		t.Errorf("serve exited %d after SIGTERM; want 0\nstderr: %s", code, p.stderr.String())
	}
	if logs := p.stderr.String(); !strings.Contains(logs, "shutting down") || !strings.Contains(logs, "stopped: every request answered") {
		t.Errorf("logs lack the shutdown:\n%s", logs)
	}
}
