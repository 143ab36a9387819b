package lsp

import (
	"slices"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// clientCaps is what the server reads from the client's capabilities at
// initialize. Clients differ here in ways users see: eglot 1.9 takes
// plain-text hovers unless markdown-mode is installed, and Neovim 0.7's
// omnifunc never calls completionItem/resolve.
type clientCaps struct {
	// hover and docs are the markup kinds of hovers and of completion
	// documentation: the client's first choice among those the server
	// writes, Markdown when it states none.
	hover, docs protocol.MarkupKind
	// resolveDocs is whether the client resolves completion items'
	// documentation lazily (completionItem.resolveSupport names it).
	resolveDocs bool
	// showDocument is whether the client opens URIs on window/showDocument.
	showDocument bool
}

// readCaps reads the capabilities the server adapts to.
func readCaps(c protocol.ClientCapabilities) clientCaps {
	caps := clientCaps{hover: protocol.MarkupKindMarkdown, docs: protocol.MarkupKindMarkdown}
	if td := c.TextDocument; td != nil {
		if td.Hover != nil {
			caps.hover = preferredKind(td.Hover.ContentFormat)
		}
		if comp := td.Completion; comp != nil && comp.CompletionItem != nil {
			caps.docs = preferredKind(comp.CompletionItem.DocumentationFormat)
			if rs := comp.CompletionItem.ResolveSupport; rs != nil {
				caps.resolveDocs = slices.Contains(rs.Properties, "documentation")
			}
		}
	}
	if w := c.Window; w != nil && w.ShowDocument != nil {
		caps.showDocument = w.ShowDocument.Support
	}
	return caps
}

// preferredKind returns the first kind the server writes in a client's
// list, which is in the client's order of preference; Markdown when the
// list is empty or names neither.
func preferredKind(kinds []protocol.MarkupKind) protocol.MarkupKind {
	for _, k := range kinds {
		if k == protocol.MarkupKindMarkdown || k == protocol.MarkupKindPlainText {
			return k
		}
	}
	return protocol.MarkupKindMarkdown
}
