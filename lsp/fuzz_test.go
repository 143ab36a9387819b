package lsp

import (
	"testing"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzDocument feeds arbitrary text and positions, as an editor might send
// them, through everything that reads a document: positions convert to an
// offset on a rune boundary and back, edits apply or are refused, and
// comment detection and phrase matching stay within the text.
func FuzzDocument(f *testing.F) {
	f.Add("naïve 🙂 backpressure", uint32(0), uint32(9), uint32(0), uint32(21), "x", "go")
	f.Add("a\r\nb\rc\n// d /* e", uint32(1), uint32(0), uint32(3), uint32(2), "*/\n", "go")
	f.Add("x = `a\n# b` # c", uint32(1), uint32(3), uint32(1), uint32(3), "'", "python")
	f.Add("<!-- a\n-- b --> c", uint32(0), uint32(99), uint32(9), uint32(0), "", "html")
	f.Fuzz(func(t *testing.T, text string, l1, c1, l2, c2 uint32, insert, lang string) {
		if !utf8.ValidString(text) || !utf8.ValidString(insert) {
			return // documents arrive as JSON strings: always valid UTF-8
		}
		p1 := protocol.Position{Line: l1 % 64, Character: c1 % 256}
		p2 := protocol.Position{Line: l2 % 64, Character: c2 % 256}
		off := offset(text, p1)
		if off < 0 || off > len(text) || (off < len(text) && !utf8.RuneStart(text[off])) {
			t.Fatalf("offset(%q, %v) = %d: not a rune boundary in the text", text, p1, off)
		}
		if back := offset(text, position(text, off)); back != off {
			t.Fatalf("offset(position(%d)) = %d in %q", off, back, text)
		}
		d := &document{languageID: lang, text: text}
		if got, fresh := d.helpsAt(off), (&document{languageID: lang, text: text}).helpsAt(off); got != fresh {
			t.Fatalf("helpsAt(%d) = %v, then %v", off, got, fresh)
		}
		ls, le := lineAt(text, off)
		for _, ph := range phrasesAt(text[ls:le], off-ls, maxPhraseWords) {
			if ph.start < 0 || ph.start > ph.end || ls+ph.end > le {
				t.Fatalf("phrase %+v outside the line %q", ph, text[ls:le])
			}
		}
		if start := prefixAt(text[ls:off], off-ls); start < 0 || start > off-ls {
			t.Fatalf("prefixAt = %d; want within [0, %d]", start, off-ls)
		}
		err := d.apply(2, []any{protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: p1, End: p2}, Text: insert}})
		if err == nil {
			// Comment state remembered before the edit must not leak past it.
			at := offset(d.text, p1)
			if got, fresh := d.helpsAt(at), (&document{languageID: lang, text: d.text}).helpsAt(at); got != fresh {
				t.Fatalf("after the edit, helpsAt(%d) = %v; a fresh scan says %v", at, got, fresh)
			}
		}
	})
}
