package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

func TestCORS(t *testing.T) {
	t.Parallel()
	const editor = "https://editor.example.com"
	const extension = "chrome-extension://abcdefghijklmnop"
	tests := []struct {
		name     string
		allowed  []string
		method   string
		path     string
		origin   string
		status   int
		wantACAO string // Access-Control-Allow-Origin; "" means none
	}{
		{"off by default", nil, "GET", "/api/v1/search?q=cache", editor, 200, ""},
		{"allowed origin", []string{editor}, "GET", "/api/v1/search?q=cache", editor, 200, editor},
		{"allowed extension", []string{editor, extension}, "GET", "/api/v1/suggest?q=ca", extension, 200, extension},
		{"allowed origin gets errors too", []string{editor}, "GET", "/api/v1/search?size=0", editor, 400, editor},
		{"allowed preflight", []string{editor}, "OPTIONS", "/api/v1/suggest?q=ca", editor, 204, editor},
		{"other origin served without CORS", []string{editor}, "GET", "/api/v1/search?q=cache", "https://evil.example.net", 200, ""},
		{"other origin's preflight refused", []string{editor}, "OPTIONS", "/api/v1/search?q=cache", "https://evil.example.net", 405, ""},
		{"look-alike origin", []string{editor}, "GET", "/api/v1/search?q=cache", editor + ".evil.net", 200, ""},
		{"no origin", []string{editor}, "GET", "/api/v1/search?q=cache", "", 200, ""},
		{"any origin", []string{"*"}, "GET", "/api/v1/search?q=cache", "https://anyone.example.org", 200, "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(t, server.Options{AllowedOrigins: tt.allowed})
			req := newRequest(t, tt.method, srv.URL+tt.path, nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "GET")
				req.Header.Set("Access-Control-Request-Headers", "x-request-id")
			}
			resp, body := testutil.Do(t, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s from %q = %d %s; want %d", tt.method, tt.path, tt.origin, resp.StatusCode, body, tt.status)
			}
			h := resp.Header
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.wantACAO {
				t.Errorf("Access-Control-Allow-Origin = %q; want %q", got, tt.wantACAO)
			}
			if tt.wantACAO == "" {
				for k := range h {
					if strings.HasPrefix(k, "Access-Control-") {
						t.Errorf("header %s: %q sent to an origin not allowed", k, h.Get(k))
					}
				}
				return
			}
			if h.Get("Access-Control-Allow-Credentials") != "" {
				t.Errorf("Access-Control-Allow-Credentials = %q; want none (the API has no cookies)", h.Get("Access-Control-Allow-Credentials"))
			}
			if tt.method == "OPTIONS" {
				if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "GET") || !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "x-request-id") || h.Get("Access-Control-Max-Age") == "" {
					t.Errorf("preflight headers = %v", h)
				}
				return
			}
			if exp := strings.ToLower(h.Get("Access-Control-Expose-Headers")); !strings.Contains(exp, strings.ToLower(server.GenerationHeader)) || !strings.Contains(exp, strings.ToLower(server.RequestIDHeader)) {
				t.Errorf("Access-Control-Expose-Headers = %q; want the generation and request id headers", exp)
			}
		})
	}
}

func TestCORSVaryOrigin(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t, server.Options{AllowedOrigins: []string{"https://editor.example.com"}})
	resp, _ := testutil.Get(t, srv.URL+"/api/v1/search?q=cache")
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Origin") {
		t.Errorf("Vary = %q; want Origin, so caches keep answers per origin", resp.Header.Values("Vary"))
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d", resp.StatusCode)
	}
}

func TestAllowedOriginsValidated(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"editor.example.com", "https://editor.example.com/", "https://editor.example.com/path", "https://*.example.com", "HTTPS://Editor.example.com"} {
		if err := (server.Options{AllowedOrigins: []string{bad}}).Validate(); err == nil {
			t.Errorf("Validate(allowed origin %q) = nil; want an error", bad)
		}
	}
	for _, good := range []string{"https://editor.example.com", "http://localhost:5173", "chrome-extension://abcdefghijklmnop", "vscode-webview://abc", "*"} {
		if err := (server.Options{AllowedOrigins: []string{good}}).Validate(); err != nil {
			t.Errorf("Validate(allowed origin %q) = %v; want nil", good, err)
		}
	}
}
