package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
)

// The limits of one message. MaxMessageBytes bounds the body a client may
// send (a textDocument/didOpen carries a whole file, and 64 MiB is far
// above any file an editor opens as text); a longer message is skipped,
// its bytes read and dropped without being kept, and answered with
// InvalidRequest. A header line is at most the reader's buffer,
// maxHeaderLine bytes, and a message has at most maxHeaders of them.
// Nesting needs no limit of ours: encoding/json refuses JSON nested deeper
// than 10,000 levels with a syntax error, without recursion (its scanner
// keeps an explicit stack; Go 1.15 and later, 1.26 included, and
// encoding/json/jsontext has the same limit under GOEXPERIMENT=jsonv2),
// so a deeply nested message is a parse error like any other.
const (
	MaxMessageBytes = 64 << 20
	maxHeaderLine   = 4096
	maxHeaders      = 32
)

// JSON-RPC 2.0's and LSP's error codes that jsonrpc2 does not name.
const (
	codeServerNotInitialized = -32002
)

// errFraming is the cause of every error that ends a connection because
// the stream can no longer be cut into messages.
var errFraming = errors.New("lost the message framing")

// frameStream is the jsonrpc2.ObjectStream of a connection, with LSP's
// Content-Length framing (the base protocol). Unlike jsonrpc2's own
// stream, one bad message does not end the connection: a body that is not
// JSON is answered with ParseError, one that is no JSON-RPC message
// (a batch, an id that is an object, no method) with InvalidRequest, both
// with id null as JSON-RPC 2.0 says, and the next message is read. Only
// when the framing itself is lost (no Content-Length, a length that is
// not a number, a header line that is no header) is there no next message
// to find: the stream answers once with ParseError saying so and ends,
// and lost tells Serve why.
type frameStream struct {
	r      *bufio.Reader
	closer io.Closer

	wmu sync.Mutex // one message at a time on w
	w   *bufio.Writer

	mu  sync.Mutex
	err error // why reading stopped, when it was not a clean end
}

func newFrameStream(in io.Reader, out io.Writer, closer io.Closer) *frameStream {
	return &frameStream{r: bufio.NewReaderSize(in, maxHeaderLine), w: bufio.NewWriter(out), closer: closer}
}

// WriteObject implements jsonrpc2.ObjectStream.
func (s *frameStream) WriteObject(obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	if _, err := s.w.Write(data); err != nil {
		return err
	}
	return s.w.Flush()
}

// Close implements jsonrpc2.ObjectStream.
func (s *frameStream) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// lost returns why reading stopped, or nil after a clean end of the input
// between two messages.
func (s *frameStream) lost() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// errorResponse is a JSON-RPC error response whose id may be null, which
// jsonrpc2's Response cannot write.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *jsonrpc2.Error `json:"error"`
}

// reply answers a message the connection never sees.
func (s *frameStream) reply(id json.RawMessage, code int64, msg string) error {
	if id == nil {
		id = json.RawMessage("null")
	}
	return s.WriteObject(errorResponse{JSONRPC: "2.0", ID: id, Error: &jsonrpc2.Error{Code: code, Message: msg}})
}

// ReadObject implements jsonrpc2.ObjectStream: it stores the next valid
// message in v, answering the invalid ones before it. When it cannot go
// on, it records why (see lost) and returns io.EOF, so that jsonrpc2 ends
// the connection without logging a second, vaguer reason.
func (s *frameStream) ReadObject(v any) error {
	for {
		body, err := readFrame(s.r)
		var tooLong *tooLongError
		switch {
		case errors.As(err, &tooLong):
			if err := s.reply(nil, jsonrpc2.CodeInvalidRequest, err.Error()); err != nil {
				return s.stop(fmt.Errorf("answer a message that is too long: %w", err))
			}
			continue
		case errors.Is(err, errFraming):
			// Best effort: the editor may show it; the connection ends
			// whatever it does.
			_ = s.reply(nil, jsonrpc2.CodeParseError, err.Error()+"; closing the connection")
			return s.stop(err)
		case err == io.EOF:
			return io.EOF
		case err != nil:
			return s.stop(err)
		}
		id, code, msg := checkMessage(body)
		if code == 0 {
			err := json.Unmarshal(body, v)
			if err == nil {
				return nil
			}
			code, msg = jsonrpc2.CodeInvalidRequest, "invalid request: "+err.Error()
		}
		if err := s.reply(id, code, msg); err != nil {
			return s.stop(fmt.Errorf("answer an invalid message: %w", err))
		}
	}
}

// stop records why reading ends.
func (s *frameStream) stop(err error) error {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
	return io.EOF
}

// tooLongError is a message over MaxMessageBytes: skipped, the framing kept.
type tooLongError struct{ n int64 }

func (e *tooLongError) Error() string {
	return fmt.Sprintf("a message of %d bytes is over the limit of %d bytes (%d MiB); it was skipped", e.n, MaxMessageBytes, MaxMessageBytes>>20)
}

// readFrame reads one message's headers and body. It returns io.EOF at a
// clean end of the input (before a message begins), a *tooLongError after
// skipping a body over MaxMessageBytes, and an error wrapping errFraming
// when the headers leave no way to find the body's end. Lines may end in
// "\r\n", as the protocol says, or "\n", as some clients write them; empty
// lines before a message's headers are skipped.
func readFrame(r *bufio.Reader) ([]byte, error) {
	length := int64(-1)
	headers := 0
	for {
		line, err := r.ReadSlice('\n')
		switch {
		case err == io.EOF && len(line) == 0 && headers == 0:
			return nil, io.EOF
		case err == io.EOF:
			return nil, errors.New("the client closed the connection in the middle of a message's headers")
		case errors.Is(err, bufio.ErrBufferFull):
			return nil, fmt.Errorf("%w: a header line is longer than %d bytes", errFraming, maxHeaderLine)
		case err != nil:
			return nil, fmt.Errorf("read a message: %w", err)
		}
		text := strings.TrimSuffix(strings.TrimSuffix(string(line), "\n"), "\r")
		if text == "" {
			if headers == 0 {
				continue
			}
			break
		}
		if headers++; headers > maxHeaders {
			return nil, fmt.Errorf("%w: more than %d header lines", errFraming, maxHeaders)
		}
		name, value, ok := strings.Cut(text, ":")
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a header (Name: value)", errFraming, quote(text))
		}
		if !strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			continue // Content-Type, or a header of a later protocol
		}
		value = strings.TrimSpace(value)
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%w: Content-Length %s is not a length in bytes", errFraming, quote(value))
		}
		if length >= 0 && n != length {
			return nil, fmt.Errorf("%w: two Content-Length headers, %d and %d", errFraming, length, n)
		}
		length = n
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: a message has no Content-Length header", errFraming)
	}
	if length > MaxMessageBytes {
		if _, err := io.CopyN(io.Discard, r, length); err != nil {
			return nil, errors.New("the client closed the connection in the middle of a message")
		}
		return nil, &tooLongError{length}
	}
	// The body grows as it arrives: a Content-Length alone reserves no
	// more than 1 MiB.
	var body bytes.Buffer
	body.Grow(int(min(length, 1<<20)))
	if _, err := io.CopyN(&body, r, length); err != nil {
		return nil, errors.New("the client closed the connection in the middle of a message")
	}
	return body.Bytes(), nil
}

// quote quotes a piece of a header for a message, cut to 64 bytes.
func quote(s string) string {
	if len(s) > 64 {
		return strconv.QuoteToASCII(s[:64]) + "…"
	}
	return strconv.QuoteToASCII(s)
}

// checkMessage tells whether body is one JSON-RPC 2.0 message that
// jsonrpc2 can take: code 0, or the error to answer with (ParseError or
// InvalidRequest) and the id to answer to, nil for null. LSP sends one
// message at a time, never a batch; ids are numbers or strings, and
// jsonrpc2 reads only those that are whole numbers from 0 up.
func checkMessage(body []byte) (id json.RawMessage, code int64, msg string) {
	var raw json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, jsonrpc2.CodeParseError, "parse error: " + err.Error()
	}
	switch t := bytes.TrimLeft(body, " \t\r\n"); t[0] {
	case '[':
		return nil, jsonrpc2.CodeInvalidRequest, "invalid request: a batch (an array of messages); the Language Server Protocol sends one message at a time"
	case '{':
	default:
		return nil, jsonrpc2.CodeInvalidRequest, "invalid request: a message is a JSON object"
	}
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, jsonrpc2.CodeInvalidRequest, "invalid request: " + err.Error()
	}
	if m.ID != nil && !validID(m.ID) {
		return nil, jsonrpc2.CodeInvalidRequest, "invalid request: the id must be a string or a whole number from 0 up, not " + quote(string(m.ID))
	}
	if m.ID != nil && string(m.ID) != "null" {
		id = m.ID
	}
	var method string
	switch {
	case m.Method == nil && m.Result == nil && m.Error == nil:
		return id, jsonrpc2.CodeInvalidRequest, "invalid request: no method (nor a result or error, as a response has)"
	case m.Method != nil && json.Unmarshal(m.Method, &method) != nil:
		return id, jsonrpc2.CodeInvalidRequest, "invalid request: the method must be a string"
	}
	return id, 0, ""
}

// validID tells whether id is one jsonrpc2 reads: a string, a whole number
// from 0 up to 2⁶³-1, or null.
func validID(id json.RawMessage) bool {
	if string(id) == "null" {
		return true
	}
	var n int64
	if json.Unmarshal(id, &n) == nil {
		return n >= 0
	}
	var s string
	return json.Unmarshal(id, &s) == nil
}
