package lsp

import (
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func pos(line, char int) protocol.Position {
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}
}

func TestOffset(t *testing.T) {
	t.Parallel()
	// "naïve 🙂 backpressure": ï is 2 bytes and 1 UTF-16 unit, 🙂 is 4 bytes
	// and 2 units. So "backpressure" starts at unit 8 and byte 12.
	const mixed = "naïve 🙂 backpressure"
	tests := []struct {
		name string
		text string
		pos  protocol.Position
		want int
	}{
		{"start", mixed, pos(0, 0), 0},
		{"after ï", mixed, pos(0, 3), 4},
		{"before 🙂", mixed, pos(0, 6), 7},
		{"inside 🙂's surrogate pair rounds down", mixed, pos(0, 7), 7},
		{"after 🙂", mixed, pos(0, 8), 11},
		{"start of backpressure", mixed, pos(0, 9), 12},
		{"end of line", mixed, pos(0, 21), len(mixed)},
		{"past the end of the line", mixed, pos(0, 99), len(mixed)},
		{"second line", "ab\ncd", pos(1, 1), 4},
		{"past a line's end stops at its break", "ab\ncd", pos(0, 9), 2},
		{"CRLF", "ab\r\ncd", pos(1, 0), 4},
		{"past the end before CRLF", "ab\r\ncd", pos(0, 5), 2},
		{"lone CR ends a line", "ab\rcd", pos(1, 2), 5},
		{"empty last line", "ab\n", pos(1, 0), 3},
		{"line past the end", "ab\n", pos(5, 0), 3},
		{"empty text", "", pos(0, 3), 0},
		{"emoji on a later line", "x\n🙂🙂y", pos(1, 4), 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := offset(tt.text, tt.pos); got != tt.want {
				t.Errorf("offset(%q, %v) = %d; want %d", tt.text, tt.pos, got, tt.want)
			}
		})
	}
}

func TestPosition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		off  int
		want protocol.Position
	}{
		{"naïve 🙂 backpressure", 12, pos(0, 9)},
		{"naïve 🙂 backpressure", 11, pos(0, 8)},
		{"naïve 🙂 backpressure", 4, pos(0, 3)},
		{"ab\ncd", 4, pos(1, 1)},
		{"ab\r\ncd", 4, pos(1, 0)},
		{"ab\rcd", 5, pos(1, 2)},
		{"ab\n\n", 4, pos(2, 0)},
		{"ab", 99, pos(0, 2)},
	}
	for _, tt := range tests {
		if got := position(tt.text, tt.off); got != tt.want {
			t.Errorf("position(%q, %d) = %v; want %v", tt.text, tt.off, got, tt.want)
		}
		// Every position maps back to its offset.
		if back := offset(tt.text, tt.want); back != min(tt.off, len(tt.text)) {
			t.Errorf("offset(%q, %v) = %d; want %d", tt.text, tt.want, back, tt.off)
		}
	}
}

func change(startLine, startChar, endLine, endChar int, text string) protocol.TextDocumentContentChangeEvent {
	return protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: pos(startLine, startChar), End: pos(endLine, endChar)}, Text: text}
}

func TestApplyChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		text    string
		changes []any
		want    string
	}{
		{"insert after an emoji", "naïve 🙂 backpressure", []any{change(0, 8, 0, 8, "!")}, "naïve 🙂! backpressure"},
		{"replace a word after non-ASCII", "naïve 🙂 backpresure", []any{change(0, 9, 0, 20, "backpressure")}, "naïve 🙂 backpressure"},
		{"typing one character at a time", "", []any{change(0, 0, 0, 0, "i"), change(0, 1, 0, 1, "d"), change(0, 2, 0, 2, "e")}, "ide"},
		{"delete across lines", "one\ntwo\nthree", []any{change(0, 2, 2, 1, "")}, "onhree"},
		{"insert a line", "a\nc", []any{change(1, 0, 1, 0, "b\n")}, "a\nb\nc"},
		{"CRLF document", "a\r\nb", []any{change(1, 1, 1, 1, "c")}, "a\r\nbc"},
		{"append at the end", "end", []any{change(0, 3, 0, 3, "ing")}, "ending"},
		{"range past the end clamps", "abc", []any{change(0, 1, 9, 9, "")}, "a"},
		{"whole text", "old", []any{protocol.TextDocumentContentChangeEventWhole{Text: "new"}}, "new"},
		{"whole, then incremental", "old", []any{protocol.TextDocumentContentChangeEventWhole{Text: "new"}, change(0, 0, 0, 1, "k")}, "kew"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &document{uri: "file:///x", text: tt.text}
			if err := d.apply(2, tt.changes); err != nil {
				t.Fatal(err)
			}
			if d.text != tt.want || d.version != 2 {
				t.Errorf("apply = %q (version %d); want %q (version 2)", d.text, d.version, tt.want)
			}
		})
	}
}

func TestApplyRejectsBackwardRange(t *testing.T) {
	t.Parallel()
	d := &document{uri: "file:///x", text: "abc"}
	if err := d.apply(2, []any{change(0, 2, 0, 1, "")}); err == nil {
		t.Errorf("apply of a range ending before its start = nil error; want one")
	}
}
