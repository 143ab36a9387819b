package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/lsp"
	"github.com/glossary/glossary/search"
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

By default it answers from a local index, building one from the corpus
first when there is none (as search and suggest do). Editors start
language servers in the project they open, so lsp reads neither
./config.yaml nor ./data there: its config file is
$XDG_CONFIG_HOME/glossary/config.yaml (~/.config/glossary/config.yaml)
when it exists, and its data folder $XDG_CACHE_HOME/glossary/data
(~/.cache/glossary/data) unless --config, --data or GLOSSARY_DATA_DIR say
otherwise. Several lsp processes may start at once: one builds the index,
the others wait for it.
Like serve, it switches to a new generation of the data folder (after
"glossary index") within watch_interval, or at once on SIGHUP.
With --server URL (config lsp_server) it asks a running glossary server's
JSON API instead. Standard output carries protocol messages only; logs go
to standard error, and errors met while answering to the editor's log.`,
		Example: `  glossary lsp
  glossary lsp --server http://127.0.0.1:8080
  GLOSSARY_LSP_SERVER=https://glossary.example.com glossary lsp`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := lspConfig(cmd)
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
				ix, err := openIndex(cmd.Context(), cfg, stderr, stderr)
				if err != nil {
					return err
				}
				live := search.NewLive(ix)
				defer live.Close()
				// Follow reindexes, as serve does: an editor keeps its
				// language server for hours.
				defer watch(cmd.Context(), cfg, live, log, noEvents{})() // stopped before live.Close
				g = lsp.NewLocal(live)
				log.Info("language server ready", "glossary", ix.Manifest().Generation, "data", cfg.DataDir)
			}
			return lsp.New(g, log).Serve(cmd.Context(), cmd.InOrStdin(), stdout)
		},
	}
	// Clients such as vscode-languageclient add --stdio when told the
	// transport is stdio, the only one lsp speaks.
	cmd.Flags().Bool("stdio", true, "speak LSP on standard input and output (the default and only transport)")
	cmd.Flags().String("server", "", "glossary server to ask, such as http://127.0.0.1:8080, instead of the local index (config lsp_server)")
	return cmd
}

// lspConfig loads the settings of the language server: those of the
// user's config folder rather than of the working directory, and a data
// folder in the user's cache folder unless one is set.
func lspConfig(cmd *cobra.Command) (Config, error) {
	def := DefaultConfig()
	implicit := ""
	if dir, err := os.UserConfigDir(); err == nil {
		implicit = filepath.Join(dir, "glossary", "config.yaml")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		def.DataDir = filepath.Join(dir, "glossary", "data")
	}
	return loadConfigWith(cmd.Flags(), os.Environ(), def, implicit)
}

// noEvents ignores the outcome of generation switches: lsp has no metrics,
// and the watcher logs failures itself.
type noEvents struct{}

func (noEvents) Swapped(search.Manifest) {}
func (noEvents) Failed()                 {}
