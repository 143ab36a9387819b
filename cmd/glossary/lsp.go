package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/lsp"
	"github.com/glossary/glossary/search"
)

func newLSPCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run a language server on stdin and stdout: glossary completion, hover and a terminology checker in any editor",
		Long: `lsp speaks the Language Server Protocol on standard input and output, so
every editor with LSP support (VS Code, Neovim, Helix, Emacs, Zed, Sublime
Text) gets the glossary without a plugin of its own:

  completion  while typing prose (Markdown, plain text, git commit messages)
              and inside comments in code: terms for the word being typed,
              typos tolerated, with part of speech, level, definition and an
              example;
  hover       over a term, an alias or an abbreviation, multi-word ones
              included: its definition, an example, level, part of speech
              and related terms;
  diagnostics misspelt terms (idempotant) and wrong forms of names
              (Github, Postgres SQL), with quick fixes, and the code
              actions "Explain" (with --server) and "Show commonly
              confused terms". Ordinary words are never flagged: the word
              list lsp_words (/usr/share/dict/words) and the corpus's
              own words keep them out.

The editor chooses a role, a level and each diagnostic's severity
(initializationOptions, workspace/didChangeConfiguration; see
docs/lsp-diagnostics.md).

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
JSON API instead.

Standard output carries protocol messages only. Logs go to standard error,
warnings and errors only unless log_level says otherwise (editors show
that stream as errors); errors met while answering go to the editor's
log. An unknown GLOSSARY_ environment variable is a warning here, not an
error: editors pass their whole environment on. When the server cannot
start (a wrong setting, a corpus with problems, an index that does not
open), it says why in its answer to initialize, which editors show.`,
		Example: `  glossary lsp
  glossary lsp --server http://127.0.0.1:8080
  GLOSSARY_LSP_SERVER=https://glossary.example.com glossary lsp`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, warnings, err := lspConfig(cmd)
			log := newLogger(cfg, stderr)
			for _, w := range warnings {
				log.Warn(w)
			}
			if err != nil {
				return unavailable(cmd, stdout, log, err)
			}
			var g lsp.Glossary
			if cfg.LSPServer != "" {
				r, err := lsp.NewRemote(cfg.LSPServer)
				if err != nil {
					return unavailable(cmd, stdout, log, err)
				}
				// The terminology checker's names come from the corpus
				// here: the API cannot list them.
				g = r.WithCorpus(func() (*corpus.Corpus, error) {
					problems := &linesWriter{}
					c, err := loadCorpus(cfg, problems)
					return c, problems.explain(err)
				})
				log.Info("language server ready", "glossary", cfg.LSPServer)
			} else {
				// Progress and the corpus's problems are logged, not
				// written: an editor shows every line of standard error
				// as an error.
				problems := &linesWriter{}
				ix, err := openIndex(cmd.Context(), cfg, &logWriter{log: log}, problems)
				if err = problems.explain(err); err != nil {
					return unavailable(cmd, stdout, log, err)
				}
				live := search.NewLive(ix)
				defer live.Close()
				// Follow reindexes, as serve does: an editor keeps its
				// language server for hours.
				defer watch(cmd.Context(), cfg, live, log, nil)() // no metrics to tell; stopped before live.Close
				g = lsp.NewLocal(live)
				log.Info("language server ready", "glossary", ix.Manifest().Generation, "data", cfg.DataDir)
			}
			opts := lsp.Options{Warnings: warnings, WordList: cfg.LSPWords, PagesURL: cfg.LSPServer}
			return lsp.New(g, log, opts).Serve(cmd.Context(), cmd.InOrStdin(), stdout)
		},
	}
	// Clients such as vscode-languageclient add --stdio when told the
	// transport is stdio, the only one lsp speaks.
	cmd.Flags().Bool("stdio", true, "speak LSP on standard input and output (the default and only transport)")
	cmd.Flags().String("server", "", "glossary server to ask, such as http://127.0.0.1:8080, instead of the local index (config lsp_server)")
	return cmd
}

// lspConfig loads the settings of the language server: those of the
// user's config folder rather than of the working directory, a data
// folder in the user's cache folder unless one is set, and warnings rather
// than errors for unknown GLOSSARY_ environment variables. Editors start
// language servers with their whole environment, so a variable meant for
// another glossary version or another tool must not turn completion off;
// serve and the other commands keep rejecting them. Logs are at warn and
// above unless log_level says otherwise: editors show a server's standard
// error as errors (Neovim's lsp.log marks each line [ERROR]).
func lspConfig(cmd *cobra.Command) (Config, []string, error) {
	def := DefaultConfig()
	def.LogLevel = "warn"
	implicit := ""
	if dir, err := os.UserConfigDir(); err == nil {
		implicit = filepath.Join(dir, "glossary", "config.yaml")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		def.DataDir = filepath.Join(dir, "glossary", "data")
	}
	var warnings []string
	cfg, err := loadConfigWith(cmd.Flags(), setupOf(cmd.Context()).environ, def, implicit, func(err error) error {
		warnings = append(warnings, err.Error()+"; ignored")
		return nil
	})
	return cfg, warnings, err
}

// unavailable logs why the language server cannot start and tells the
// editor too (see lsp.Unavailable), then exits 1 once the editor lets go.
func unavailable(cmd *cobra.Command, stdout io.Writer, log *slog.Logger, err error) error {
	log.Error("the language server cannot start", "err", err)
	_ = lsp.Unavailable(err, log).Serve(cmd.Context(), cmd.InOrStdin(), stdout)
	return errReported
}

// logWriter logs each line written to it at info level.
type logWriter struct {
	log  *slog.Logger
	part []byte
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.part = append(w.part, p...)
	for {
		i := bytes.IndexByte(w.part, '\n')
		if i < 0 {
			return len(p), nil
		}
		if line := strings.TrimSpace(string(w.part[:i])); line != "" {
			w.log.Info(line)
		}
		w.part = w.part[i+1:]
	}
}

// linesWriter keeps what is written to it, to say it in one error.
type linesWriter struct{ bytes.Buffer }

// explain replaces errReported, which means the problems were written,
// by an error that says them.
func (w *linesWriter) explain(err error) error {
	if errors.Is(err, errReported) {
		return errors.New(w.summary())
	}
	return err
}

// summary is the first lines written, and how many more there were.
func (w *linesWriter) summary() string {
	const keep = 5
	lines := strings.Split(strings.TrimSpace(w.String()), "\n")
	if len(lines) <= keep {
		return strings.Join(lines, "; ")
	}
	return fmt.Sprintf("%s; and %d more lines", strings.Join(lines[:keep], "; "), len(lines)-keep)
}
