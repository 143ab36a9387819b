// Package lsp is the glossary as a language server: any editor that speaks
// the Language Server Protocol (VS Code, Neovim, Helix, Emacs, Zed,
// Sublime Text) gets completion, hover and a terminology checker from the
// glossary with no plugin of its own.
//
// It owns the protocol side: the open documents, kept in step with the
// editor by incremental changes in LSP's UTF-16 positions (text.go);
// where help is wanted, which is anywhere in prose and inside comments in
// code (comments.go); the word being typed and the phrases around the
// cursor (words.go); and the answers, completion (complete.go) and hover
// (hover.go), rendered as Markdown or plain text (render.go), as the
// client's capabilities ask (capabilities.go).
//
// The terminology checker finds misspelt terms and wrong forms of names
// in prose and comments (check.go), with a vocabulary built from the
// corpus and a word list (vocabulary.go), reading each line as its
// language and the lines above say (segments.go). Its findings are
// published as diagnostics, debounced and cached line by line
// (diagnostics.go), with quick fixes and the code actions "Explain" and
// "Show commonly confused terms" (actions.go). What the user chooses in
// the editor (a role, a level, which diagnostics) arrives as Settings
// (settings.go).
//
// What it needs from the glossary is the Glossary interface: Local answers
// from an index generation opened in this process, Remote from a glossary
// server's JSON API over HTTP.
//
// The protocol's types and the dispatch of its methods come from
// github.com/tliron/glsp (LSP 3.16), JSON-RPC from
// github.com/sourcegraph/jsonrpc2, on which glsp is built. The
// Content-Length framing is ours (framing.go): jsonrpc2's ends the
// connection at the first malformed message, where ours answers it with
// a JSON-RPC error and reads on, and ends only when the framing is lost.
// glsp's own server package is not used: it reads os.Stdin and writes
// os.Stdout itself and logs through its own logging library, where Serve
// takes the streams it is given (the command's, or a test's) and a
// *slog.Logger. Nothing but protocol messages is written to the output
// stream; errors met while answering go to the editor's log
// (window/logMessage).
package lsp
