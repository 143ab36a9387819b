package lsp

import (
	"testing"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzDocument feeds arbitrary text and positions, as an editor might send
// them, through everything that reads a document: positions convert to an
// offset on a rune boundary and back, edits apply or are refused, comment
// detection and phrase matching stay within the text, and the
// terminology checker reads only comments in code and reports findings
// within what it read.
func FuzzDocument(f *testing.F) {
	f.Add("Retries must be idempotant; Github, `x`, Postgres SQL.\n```\nKubernets\n```", uint32(0), uint32(3), uint32(0), uint32(5), "Mongo DB", "markdown")
	f.Add("// idempotant\n/* Kubernets\n */ x := \"nodejs\" // Javascript", uint32(2), uint32(1), uint32(2), uint32(4), "`", "go")
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
		checkSegments(t, d, testVocabulary(t))
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

// checkSegments checks what the terminology checker reads of a document
// and finds there.
func checkSegments(t *testing.T, d *document, v *vocabulary) {
	r := newLineReader(d.languageID)
	var st lineState
	text := d.text
	for n, ls := 0, 0; ls <= len(text); n++ {
		_, le := lineAt(text, ls)
		segs, next := r.segments(text, ls, le, n, st)
		prev := 0
		for _, s := range segs {
			if s.start < prev || s.start > s.end || ls+s.end > le {
				t.Fatalf("line %d %q: segments %v out of order or of the line", n, text[ls:le], segs)
			}
			prev = s.end
			if !r.prose && !d.helpsAt(ls+s.start) {
				t.Fatalf("line %d %q: segment %v is no comment", n, text[ls:le], s)
			}
		}
		fs, _ := v.checkLine(text[ls:le], segs)
		for _, f := range fs {
			inside := false
			for _, s := range segs {
				inside = inside || (s.start <= f.start && f.end <= s.end)
			}
			if !inside || text[ls+f.start:ls+f.end] != f.text || len(f.fixes) == 0 {
				t.Fatalf("line %d %q: finding %+v outside %v, or without a fix", n, text[ls:le], f, segs)
			}
		}
		st = next
		if le == len(text) {
			break
		}
		ls = nextLine(text, le)
	}
}
