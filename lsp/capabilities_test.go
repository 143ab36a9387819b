package lsp

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/search"
)

// Clients say in their capabilities which markup they show; eglot 1.9
// without markdown-mode takes plain text only, and would show Markdown's
// marks as they are.
func TestHoverFollowsContentFormat(t *testing.T) {
	t.Parallel()
	const md = "**backpressure** · *noun · C1*\n\n" +
		"A way for a slow consumer to make producers slow down, so data does not pile up faster than it can be handled.\n\n" +
		"> We implemented a queue with backpressure to avoid overwhelming the processor.\n\n" +
		"Related: message queue, rate limiting, throughput, cache, circuit breaker"
	const plain = "backpressure · noun · C1\n\n" +
		"A way for a slow consumer to make producers slow down, so data does not pile up faster than it can be handled.\n\n" +
		"Example: We implemented a queue with backpressure to avoid overwhelming the processor.\n\n" +
		"Related: message queue, rate limiting, throughput, cache, circuit breaker"
	tests := []struct {
		name, caps string
		want       protocol.MarkupContent
	}{
		{"no capabilities", `{}`, markdown(md)},
		{"plain text only (eglot without markdown-mode)", `{"textDocument": {"hover": {"contentFormat": ["plaintext"]}}}`, plaintext(plain)},
		{"Markdown first (Neovim, eglot with markdown-mode)", `{"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}`, markdown(md)},
		{"plain text first", `{"textDocument": {"hover": {"contentFormat": ["plaintext", "markdown"]}}}`, plaintext(plain)},
		{"an unknown kind is passed over", `{"textDocument": {"hover": {"contentFormat": ["html", "plaintext"]}}}`, plaintext(plain)},
		{"empty list", `{"textDocument": {"hover": {"contentFormat": []}}}`, markdown(md)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, NewLocal(search.NewLive(testIndex(t, testCorpusDir))))
			c.initialize(tt.caps)
			at := c.open("file:///doc", "markdown", "back|pressure")
			h := c.hover("file:///doc", at)
			if h == nil {
				t.Fatal("no hover")
			}
			if diff := cmp.Diff(tt.want, h.Contents); diff != "" {
				t.Errorf("hover (-want +got):\n%s", diff)
			}
		})
	}
}

// Completion documentation follows completionItem.documentationFormat,
// and a remote glossary's items carry their definition unless the client
// resolves documentation lazily: Neovim 0.7's omnifunc never calls
// completionItem/resolve.
func TestCompletionDocumentation(t *testing.T) {
	t.Parallel()
	const def = "Describes an operation that gives the same result whether it runs once or many times."
	const example = "PUT requests should be idempotent by design."
	tests := []struct {
		name, caps string
		remote     bool
		want       *protocol.MarkupContent // nil: none, left to resolve
		resolved   protocol.MarkupContent  // after completionItem/resolve
	}{
		{name: "local, Markdown", caps: `{}`,
			want:     ptr(markdown(def + "\n\n*Example:* " + example)),
			resolved: markdown(def + "\n\n*Example:* " + example)},
		{name: "local, plain text", caps: `{"textDocument": {"completion": {"completionItem": {"documentationFormat": ["plaintext"]}}}}`,
			want:     ptr(plaintext(def + "\n\nExample: " + example)),
			resolved: plaintext(def + "\n\nExample: " + example)},
		{name: "remote, a client that may not resolve", caps: `{}`, remote: true,
			want:     ptr(markdown(def)),
			resolved: markdown(def + "\n\n*Example:* " + example)},
		{name: "remote, a client that resolves documentation", remote: true,
			caps:     `{"textDocument": {"completion": {"completionItem": {"resolveSupport": {"properties": ["documentation", "detail"]}}}}}`,
			want:     nil,
			resolved: markdown(def + "\n\n*Example:* " + example)},
		{name: "remote, a client that resolves something else", remote: true,
			caps:     `{"textDocument": {"completion": {"completionItem": {"resolveSupport": {"properties": ["additionalTextEdits"]}}}}}`,
			want:     ptr(markdown(def)),
			resolved: markdown(def + "\n\n*Example:* " + example)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g Glossary = NewLocal(search.NewLive(testIndex(t, testCorpusDir)))
			if tt.remote {
				g = remoteGlossary(t)
			}
			c := newClient(t, g)
			c.initialize(tt.caps)
			at := c.open("file:///doc", "markdown", "Retries must be idemp|")
			list := c.complete("file:///doc", at)
			if len(list.Items) == 0 || list.Items[0].Label != "idempotent" {
				t.Fatalf("completion = %q; want idempotent first", labels(list))
			}
			it := list.Items[0]
			var got *protocol.MarkupContent
			if it.Documentation != nil {
				got = ptr(it.Documentation.(protocol.MarkupContent))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("documentation (-want +got):\n%s", diff)
			}
			if *it.Detail != "adjective · C1" {
				t.Errorf("detail = %q; want adjective · C1", *it.Detail)
			}
			resolved, err := c.s.resolve(c.ctx(), &it)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.resolved, resolved.Documentation); diff != "" {
				t.Errorf("resolved documentation (-want +got):\n%s", diff)
			}
		})
	}
}
