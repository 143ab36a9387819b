package server_test

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/glossary/glossary/server"
)

// TestMaxRequestHead: with MaxHeaderBytes set as the server's main sets
// it, a request whose line and headers take MaxRequestHeadBytes is
// served, and one byte more is 431 (net/http allows 4 KiB beyond
// MaxHeaderBytes itself).
func TestMaxRequestHead(t *testing.T) {
	t.Parallel()
	api, _ := newTestServer(t)
	srv := httptest.NewUnstartedServer(api.Config.Handler)
	srv.Config.MaxHeaderBytes = server.MaxHeaderBytes
	srv.Start()
	t.Cleanup(srv.Close)
	for _, tt := range []struct {
		size   int
		status int
	}{
		{server.MaxRequestHeadBytes, http.StatusOK},
		{server.MaxRequestHeadBytes + 1, http.StatusRequestHeaderFieldsTooLarge},
		{20 << 10, http.StatusRequestHeaderFieldsTooLarge},
	} {
		if got := headStatus(t, srv.Listener.Addr().String(), tt.size); got != tt.status {
			t.Errorf("a request head of %d bytes = %d; want %d", tt.size, got, tt.status)
		}
	}
}

// headStatus sends a GET /healthz whose request line and headers take
// exactly size bytes and returns the status of its answer.
func headStatus(t *testing.T, addr string, size int) int {
	t.Helper()
	const start = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Padding: "
	const end = "\r\n\r\n"
	head := start + strings.Repeat("x", size-len(start)-len(end)) + end
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("a request head of %d bytes: %v", size, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
