package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeConnectionLimits checks the limits the http.Server itself puts
// on clients: header size, body size and a client too slow to send its
// headers.
func TestServeConnectionLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, "read_header_timeout: 300ms")
	srv := startServe(t, dir, "--config", cfg, "--data", filepath.Join(dir, "data"), "--corpus", testCorpus(t))

	req, _ := http.NewRequest(http.MethodGet, srv.base+"/api/v1/search?q=cache", nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 16<<10)) // with the request line, just over 16 KiB
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("16 KiB of headers = %d; want 431", resp.StatusCode)
	}

	req, _ = http.NewRequest(http.MethodGet, srv.base+"/api/v1/search?q=cache", strings.NewReader(strings.Repeat("x", 2000)))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2000-byte body = %d; want 413 (max_body_bytes 1024)", resp.StatusCode)
	}

	// A client that sends its headers too slowly is cut off.
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /api/v1/search?q=cache HTTP/1.1\r\nHost: x\r\n")
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if took := time.Since(start); took > 5*time.Second || err == nil && !strings.Contains(line, "408") {
		t.Errorf("a client slow to send its headers got %q, %v after %s; want the connection closed (or 408) after about 300ms", line, err, took)
	}
	if resp, _ := httpGet(t, srv.base+"/readyz"); resp.StatusCode != 200 {
		t.Errorf("readyz after the limits = %d", resp.StatusCode)
	}
}
