package lsp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// document is an open text document as the editor last described it.
type document struct {
	uri        string
	languageID string
	version    int32
	text       string

	// scannedTo is a line start up to which the comment scan of helpsAt
	// has read text, and scanned the state it ended in.
	scannedTo int
	scanned   scanState
}

// LSP positions count lines (split at "\n", "\r\n" or "\r") and, within a
// line, UTF-16 code units: "🙂" is two units, "ï" one, though both are
// several bytes in Go's UTF-8 strings. offset and position convert between
// the two; every handler works on byte offsets in between.

// offset returns the byte offset of p in text. Like the protocol asks, a
// character past the end of its line means the end of the line, and a line
// past the end of the text means the end of the text. A character that
// falls between the two units of a surrogate pair means the start of that
// rune, so an offset never splits a rune.
func offset(text string, p protocol.Position) int {
	start := lineStart(text, int(p.Line))
	if start < 0 {
		return len(text)
	}
	units := int(p.Character)
	i := start
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' {
			break
		}
		n := utf16Len(r)
		if units < n {
			break
		}
		units -= n
		i += size
	}
	return i
}

// lineStart returns the byte offset where line n starts, or -1 when the
// text has fewer lines. Text without "\r" (nearly all of it) is scanned
// with strings.IndexByte, which is vectorised: documents are re-read on
// every keystroke.
func lineStart(text string, n int) int {
	i := 0
	if strings.IndexByte(text, '\r') < 0 {
		for ; n > 0; n-- {
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j + 1
		}
		return i
	}
	for ; n > 0; n-- {
		next := nextLine(text, i)
		if next < 0 {
			return -1
		}
		i = next
	}
	return i
}

// nextLine returns the offset just past the end of the line holding i
// (past its "\n", "\r\n" or "\r"), or -1 when that line is the last.
func nextLine(text string, i int) int {
	for ; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return i + 1
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				return i + 2
			}
			return i + 1
		}
	}
	return -1
}

// position returns the LSP position of the byte offset off in text, which
// must not be inside a rune (offsets clamp to the text).
func position(text string, off int) protocol.Position {
	off = max(0, min(off, len(text)))
	head := text[:off]
	var line, start int
	if strings.IndexByte(head, '\r') < 0 {
		line, start = strings.Count(head, "\n"), strings.LastIndexByte(head, '\n')+1
	} else {
		for i := 0; i < off; i++ {
			switch text[i] {
			case '\n':
				line, start = line+1, i+1
			case '\r':
				if i+1 < len(text) && text[i+1] == '\n' {
					continue // the "\n" ends the line
				}
				line, start = line+1, i+1
			}
		}
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(utf16Count(text[start:off]))}
}

// utf16Count returns how many UTF-16 code units s takes.
func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// utf16Len returns how many UTF-16 code units r takes: two above the Basic
// Multilingual Plane, one otherwise (an invalid byte decodes as U+FFFD).
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// lineAt returns the bounds of the line holding the byte offset off,
// without its line break.
func lineAt(text string, off int) (start, end int) {
	start = off
	for start > 0 && text[start-1] != '\n' && text[start-1] != '\r' {
		start--
	}
	end = off
	for end < len(text) && text[end] != '\n' && text[end] != '\r' {
		end++
	}
	return start, end
}

// apply applies the content changes of a textDocument/didChange to the
// document in order: a change with a range replaces that range, one
// without replaces the whole text.
func (d *document) apply(version int32, changes []any) error {
	for i, c := range changes {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				d.text = c.Text
				d.scannedTo, d.scanned = 0, scanState{}
				continue
			}
			start, end := offset(d.text, c.Range.Start), offset(d.text, c.Range.End)
			if end < start {
				return fmt.Errorf("change %d of %s: range ends before it starts", i, d.uri)
			}
			d.text = d.text[:start] + c.Text + d.text[end:]
			if start <= d.scannedTo {
				d.scannedTo, d.scanned = 0, scanState{}
			}
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = c.Text
			d.scannedTo, d.scanned = 0, scanState{}
		default:
			return fmt.Errorf("change %d of %s: unexpected %T", i, d.uri, c)
		}
	}
	d.version = version
	return nil
}
