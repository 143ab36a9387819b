package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/search"
)

// wireMessage is any JSON-RPC message from the server, as read off the
// wire. ID stays raw, to tell null from absent.
type wireMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// wireSession runs Serve over two OS pipes, as an editor runs the server,
// and reads what it writes with a parser of its own.
type wireSession struct {
	t     *testing.T
	in    *os.File // the server's standard input, written here
	msgs  chan wireMessage
	serve chan error // what Serve returned
}

func startWire(t *testing.T) *wireSession {
	t.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	w := &wireSession{t: t, in: inW, msgs: make(chan wireMessage, 100), serve: make(chan error, 1)}
	s := New(NewLocal(search.NewLive(testIndex(t, testCorpusDir))), slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	go func() {
		err := s.Serve(context.Background(), inR, outW)
		outW.Close()
		w.serve <- err
	}()
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(w.msgs)
		r := bufio.NewReader(outR)
		for {
			body, err := readWireFrame(r)
			if err != nil {
				if err != io.EOF {
					t.Errorf("reading the server's output: %v", err)
				}
				return
			}
			var m wireMessage
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent %q: %v", body, err)
				return
			}
			w.msgs <- m
		}
	}()
	t.Cleanup(func() {
		inW.Close() // Serve returns and closes outW: reading ends
		<-read
		inR.Close()
		outR.Close()
	})
	return w
}

// readWireFrame reads one Content-Length framed message, strictly: what
// the server writes must be exactly the base protocol.
func readWireFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("header %q: %w", line, err)
		}
		if line == "\r\n" {
			break
		}
		v, ok := strings.CutPrefix(line, "Content-Length: ")
		if !ok || !strings.HasSuffix(v, "\r\n") {
			return nil, fmt.Errorf("not a Content-Length header: %q", line)
		}
		if length, err = strconv.Atoi(strings.TrimSuffix(v, "\r\n")); err != nil {
			return nil, err
		}
	}
	if length < 0 {
		return nil, errors.New("no Content-Length")
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

// frame frames a body as the protocol says.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (w *wireSession) send(raw string) {
	w.t.Helper()
	if _, err := io.WriteString(w.in, raw); err != nil {
		w.t.Fatalf("write to the server: %v", err)
	}
}

// next returns the next message the server sends.
func (w *wireSession) next() wireMessage {
	w.t.Helper()
	select {
	case m, ok := <-w.msgs:
		if !ok {
			w.t.Fatalf("the server's output ended; Serve returned %v", <-w.serve)
		}
		return m
	case <-time.After(20 * time.Second):
		w.t.Fatal("no message from the server")
	}
	return wireMessage{}
}

// response returns the next response, skipping notifications.
func (w *wireSession) response() wireMessage {
	w.t.Helper()
	for {
		if m := w.next(); m.Method == "" {
			return m
		}
	}
}

// done waits for Serve to return.
func (w *wireSession) done() error {
	w.t.Helper()
	select {
	case err := <-w.serve:
		return err
	case <-time.After(20 * time.Second):
		w.t.Fatal("Serve did not return")
	}
	return nil
}

const initializeMsg = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`

// TestBadMessagesKeepTheSession sends a message that is no valid JSON-RPC
// message, but correctly framed, after initialize: the server answers it
// with an error whose id is null (or the message's own id, when it could
// be read), then goes on answering, and ends cleanly at shutdown and exit.
func TestBadMessagesKeepTheSession(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", 200_000)
	tests := []struct {
		name     string
		raw      string
		wantCode int
		wantID   string
		wantMsg  string
	}{
		{"bad JSON", frame(`{"jsonrpc":"2.0","id":2,"method":`), -32700, "null", "parse error"},
		{"200k-deep nesting", frame(deep), -32700, "null", "exceeded max depth"},
		{"200k-deep params", frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":` + deep + strings.Repeat("]", 200_000) + `}`), -32700, "null", "exceeded max depth"},
		{"batch", frame(`[{"jsonrpc":"2.0","id":2,"method":"shutdown"}]`), -32600, "null", "batch"},
		{"empty batch", frame(`[]`), -32600, "null", "batch"},
		{"object id", frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`), -32600, "null", "id"},
		{"negative id", frame(`{"jsonrpc":"2.0","id":-3,"method":"shutdown"}`), -32600, "null", "id"},
		{"fractional id", frame(`{"jsonrpc":"2.0","id":2.5,"method":"shutdown"}`), -32600, "null", "id"},
		{"a number", frame(`42`), -32600, "null", "JSON object"},
		{"no method", frame(`{"jsonrpc":"2.0","id":2}`), -32600, "2", "no method"},
		{"method a number", frame(`{"jsonrpc":"2.0","id":"x","method":5}`), -32600, `"x"`, "method"},
		{"empty body", frame(``), -32700, "null", "parse error"},
		{"line feeds only", "Content-Length: 2\n\n{}", -32600, "null", "no method"},
		{"over the size limit", fmt.Sprintf("Content-Length: %d\r\n\r\n%s", MaxMessageBytes+1, strings.Repeat(" ", MaxMessageBytes+1)), -32600, "null", "over the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := startWire(t)
			w.send(frame(initializeMsg))
			if m := w.response(); m.Error != nil || string(m.ID) != "1" {
				t.Fatalf("initialize: %+v", m)
			}
			w.send(tt.raw)
			m := w.response()
			if m.Error == nil || m.Error.Code != tt.wantCode || string(m.ID) != tt.wantID || !strings.Contains(m.Error.Message, tt.wantMsg) {
				t.Fatalf("answer = id %s %+v; want id %s, code %d, a message saying %q", m.ID, m.Error, tt.wantID, tt.wantCode, tt.wantMsg)
			}
			// The session goes on.
			w.send(frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`))
			if m := w.response(); m.Error != nil || string(m.ID) != "3" {
				t.Fatalf("shutdown after the bad message: %+v", m)
			}
			w.send(frame(`{"jsonrpc":"2.0","method":"exit"}`))
			if err := w.done(); err != nil {
				t.Fatalf("Serve = %v; want nil after shutdown and exit", err)
			}
		})
	}
}

// TestLostFramingEnds sends headers that leave no way to find where the
// message ends: the server says so, to the client and in Serve's error,
// instead of claiming that the client closed the connection.
func TestLostFramingEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		raw  string
		want string
	}{
		{"no Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "no Content-Length header"},
		{"negative Content-Length", "Content-Length: -5\r\n\r\n{}", `Content-Length "-5" is not a length`},
		{"non-numeric Content-Length", "Content-Length: abc\r\n\r\n{}", `Content-Length "abc" is not a length`},
		{"overflowing Content-Length", "Content-Length: 99999999999999999999\r\n\r\n{}", "is not a length"},
		{"two Content-Lengths", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "two Content-Length headers"},
		{"no headers", `{"jsonrpc":"2.0","id":2,"method":"shutdown"}` + "\r\n\r\n", "no Content-Length header"},
		{"not a header", "hello\r\n\r\n{}", `"hello" is not a header`},
		{"header line too long", "X-" + strings.Repeat("a", 5000) + ": b\r\n", "longer than 4096 bytes"},
		{"too many headers", strings.Repeat("X-A: b\r\n", 40), "more than 32 header lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := startWire(t)
			w.send(frame(initializeMsg))
			if m := w.response(); m.Error != nil {
				t.Fatalf("initialize: %+v", m)
			}
			w.send(tt.raw)
			m := w.response()
			if m.Error == nil || m.Error.Code != -32700 || string(m.ID) != "null" || !strings.Contains(m.Error.Message, tt.want) {
				t.Errorf("answer = id %s %+v; want -32700 with id null saying %q", m.ID, m.Error, tt.want)
			}
			err := w.done()
			if err == nil || !strings.Contains(err.Error(), "lost the message framing") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Serve = %v; want the framing lost, saying %q", err, tt.want)
			}
		})
	}
}

// TestEndsMidMessage closes the input inside a message: Serve says that,
// not that the client left between messages.
func TestEndsMidMessage(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"Content-Length: 10\r\n\r\n{\"a\"", "Content-Length: 10\r\n"} {
		w := startWire(t)
		w.send(raw)
		w.in.Close()
		if err := w.done(); err == nil || !strings.Contains(err.Error(), "in the middle of a message") {
			t.Errorf("after %q, Serve = %v; want the connection closed in the middle of a message", raw, err)
		}
	}
	w := startWire(t)
	w.in.Close()
	if err := w.done(); err == nil || !strings.Contains(err.Error(), "without exit") {
		t.Errorf("after nothing, Serve = %v; want the connection closed without exit", err)
	}
}

// TestBeforeInitialize checks what the protocol asks before initialize: a
// request gets ServerNotInitialized (-32002), a notification is dropped,
// and initialize then works.
func TestBeforeInitialize(t *testing.T) {
	t.Parallel()
	w := startWire(t)
	w.send(frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":"idempotant"}}}`))
	w.send(frame(`{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.md"},"position":{"line":0,"character":1}}}`))
	m := w.next() // the dropped notification sent nothing
	if m.Error == nil || m.Error.Code != -32002 || string(m.ID) != "7" {
		t.Fatalf("hover before initialize = id %s %+v; want -32002 for id 7", m.ID, m.Error)
	}
	w.send(frame(initializeMsg))
	if m := w.next(); m.Error != nil || string(m.ID) != "1" {
		t.Fatalf("initialize = %+v", m)
	}
	w.send(frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`))
	if m := w.response(); m.Error != nil || string(m.ID) != "2" {
		t.Fatalf("shutdown = %+v", m)
	}
	w.send(frame(`{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.md"},"position":{"line":0,"character":1}}}`))
	if m := w.response(); m.Error == nil || m.Error.Code != -32600 || !strings.Contains(m.Error.Message, "after shutdown") {
		t.Fatalf("hover after shutdown = %+v; want -32600", m.Error)
	}
	w.send(frame(`{"jsonrpc":"2.0","method":"exit"}`))
	if err := w.done(); err != nil {
		t.Fatalf("Serve = %v", err)
	}
}

// FuzzFraming feeds arbitrary bytes to Serve as a client's stream: it
// always returns (no panic, no hang, no unbounded read), and what it
// writes is always well-framed JSON-RPC 2.0 messages, however malformed
// the input.
func FuzzFraming(f *testing.F) {
	seeds := []string{
		frame(initializeMsg) + frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`),
		frame(`{"jsonrpc":"2.0","id":2,"method":`),
		frame(strings.Repeat("[", 20_000)),
		frame(`[{"jsonrpc":"2.0","id":2,"method":"shutdown"}]`),
		frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`),
		frame(`{"jsonrpc":"2.0","id":-1,"method":"shutdown"}`),
		frame(`{"jsonrpc":"2.0","id":2}`),
		frame(`{"jsonrpc":"2.0","id":1,"result":null}`),
		frame(``),
		"Content-Type: x\r\n\r\n{}",
		"Content-Length: -5\r\n\r\n{}",
		"Content-Length: abc\r\n\r\n{}",
		"Content-Length: 99999999999\r\n\r\n{}",
		"Content-Length: 2\n\n{}",
		"\r\n\r\n" + frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`),
		frame(initializeMsg) + frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":"idemp"}}}`) +
			frame(`{"jsonrpc":"2.0","id":3,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///a.md"},"position":{"line":0,"character":5}}}`),
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	g := NewLocal(search.NewLive(testIndex(f, testCorpusDir)))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.Fuzz(func(t *testing.T, in []byte) {
		var out testutil.SyncBuffer
		done := make(chan error, 1)
		go func() { done <- New(g, log, Options{}).Serve(context.Background(), bytes.NewReader(in), &out) }()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("Serve did not return on %q", in)
		}
		r := bufio.NewReader(bytes.NewReader(out.Bytes()))
		for {
			body, err := readWireFrame(r)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("output not framed: %v\n%q", err, out.Bytes())
			}
			var m struct {
				JSONRPC string `json:"jsonrpc"`
			}
			if err := json.Unmarshal(body, &m); err != nil || m.JSONRPC != "2.0" {
				t.Fatalf("output message %q is not JSON-RPC 2.0 (%v)", body, err)
			}
		}
	})
}
