package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/lsp"
)

func newLSPCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run a language server on stdin and stdout: glossary completion and hover in any editor",
		Long: `lsp speaks the Language Server Protocol on standard input and output, so
every editor with LSP support (VS Code, Neovim, Helix, Emacs, Zed, Sublime
Text) gets the glossary without a plugin of its own:

  completion  while typing prose (Markdown, plain text, git commit messages)
              and inside comments in code: terms for the word being typed,
              typos tolerated, with part of speech, level, definition and an
              example;
  hover       over a term, an alias or an abbreviation, multi-word ones
              included: its definition, an example, level, part of speech
              and related terms.

By default it answers from the local index of the data folder, building
one from the corpus first when there is none (as search and suggest do).
With --server URL (config lsp_server) it asks a running glossary server's
JSON API instead. Standard output carries protocol messages only; logs go
to standard error, and errors met while answering to the editor's log.`,
		Example: `  glossary lsp
  glossary lsp --server http://127.0.0.1:8080
  GLOSSARY_LSP_SERVER=https://glossary.example.com glossary lsp`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			log := newLogger(cfg, stderr)
			var g lsp.Glossary
			if cfg.LSPServer != "" {
				if g, err = lsp.NewRemote(cfg.LSPServer); err != nil {
					return err
				}
				log.Info("language server ready", "glossary", cfg.LSPServer)
			} else {
				ix, err := localIndex(cmd)
				if err != nil {
					return err
				}
				defer ix.Close()
				g = lsp.NewLocal(ix)
				log.Info("language server ready", "glossary", ix.Manifest().Generation, "data", cfg.DataDir)
			}
			return lsp.New(g, log).Serve(cmd.Context(), cmd.InOrStdin(), stdout)
		},
	}
	cmd.Flags().String("server", "", "glossary server to ask, such as http://127.0.0.1:8080, instead of the local index (config lsp_server)")
	return cmd
}
