package lsp

import (
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// detail is a term's part of speech and level, as in "adjective · C1".
func detail(t *Term) string {
	parts := make([]string, 0, 2)
	for _, p := range []string{t.PartOfSpeech, t.Level} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// documentation is what a completion item explains: the definition and
// the first example, in Markdown or plain text (kind).
func documentation(t *Term, kind protocol.MarkupKind) protocol.MarkupContent {
	if kind == protocol.MarkupKindPlainText {
		s := t.Definition
		if len(t.Examples) > 0 {
			s += "\n\nExample: " + t.Examples[0]
		}
		return plaintext(s)
	}
	var b strings.Builder
	b.WriteString(escape(t.Definition))
	if len(t.Examples) > 0 {
		b.WriteString("\n\n*Example:* ")
		b.WriteString(escape(t.Examples[0]))
	}
	return markdown(b.String())
}

// hoverText is what hover shows: the name with its part of speech and
// level, the definition, an example and the related terms, in Markdown or
// plain text (kind). Plain text is for clients that show the value as it
// is, such as eglot without markdown-mode: no marks, no escapes.
func hoverText(t *Term, kind protocol.MarkupKind) protocol.MarkupContent {
	if kind == protocol.MarkupKindPlainText {
		var b strings.Builder
		b.WriteString(t.Name)
		if d := detail(t); d != "" {
			b.WriteString(" · " + d)
		}
		b.WriteString("\n\n" + t.Definition)
		if len(t.Examples) > 0 {
			b.WriteString("\n\nExample: " + t.Examples[0])
		}
		if len(t.Related) > 0 {
			b.WriteString("\n\nRelated: " + strings.Join(t.Related, ", "))
		}
		return plaintext(b.String())
	}
	var b strings.Builder
	b.WriteString("**" + escape(t.Name) + "**")
	if d := detail(t); d != "" {
		b.WriteString(" · *" + d + "*")
	}
	b.WriteString("\n\n" + escape(t.Definition))
	if len(t.Examples) > 0 {
		b.WriteString("\n\n> " + escape(t.Examples[0]))
	}
	if len(t.Related) > 0 {
		names := make([]string, len(t.Related))
		for i, n := range t.Related {
			names[i] = escape(n)
		}
		b.WriteString("\n\nRelated: " + strings.Join(names, ", "))
	}
	return markdown(b.String())
}

func markdown(s string) protocol.MarkupContent {
	return protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: s}
}

func plaintext(s string) protocol.MarkupContent {
	return protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: s}
}

// markdownEscaper escapes what Markdown would read as markup inside a
// line: the corpus writes max_connections and SELECT *.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`)

func escape(s string) string { return markdownEscaper.Replace(s) }
