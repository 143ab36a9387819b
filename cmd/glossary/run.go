package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
)

// errReported marks an error whose details were already printed.
var errReported = errors.New("reported")

// run is the whole program; main only wires signals and the exit code.
// It runs with the process's environment, and finds ./config.yaml in the
// working directory.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runSetup(ctx, args, setup{stdout: stdout, stderr: stderr, environ: os.Environ()})
}

// setup is what the program takes from its process besides its
// arguments. run gives the process's own; tests give their own, so that
// they run in parallel, each with its own environment and folder.
type setup struct {
	stdout, stderr io.Writer
	// environ is the environment (GLOSSARY_* settings), as os.Environ.
	environ []string
	// dir is the folder config.yaml is looked for in when --config is
	// not given; empty means the working directory. Other relative
	// paths are relative to the working directory, as always.
	dir string
	// serving, when not nil, is called by serve with its base URL
	// (http://host:port) once it serves its first generation.
	serving func(base string)
}

// setupKey is the context key of the setup a command runs with.
type setupKey struct{}

// setupOf returns the setup the command of ctx runs with.
func setupOf(ctx context.Context) setup {
	s, _ := ctx.Value(setupKey{}).(setup)
	return s
}

// runSetup is run with the setup given.
func runSetup(ctx context.Context, args []string, s setup) int {
	root := newRoot(s.stdout, s.stderr)
	root.SetArgs(args)
	root.SetOut(s.stdout)
	root.SetErr(s.stderr)
	err := root.ExecuteContext(context.WithValue(ctx, setupKey{}, s))
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errReported):
		return 1
	default:
		fmt.Fprintln(s.stderr, "glossary:", err)
		return 1
	}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "glossary",
		Short: "A search engine for the vocabulary of professional IT English",
		Long: `glossary builds, serves and queries a curated glossary of IT English:
terms with definitions, examples from real work, levels and related terms,
and the vocabulary of 16 IT roles.

The corpus is embedded in the binary; --corpus DIR reads another folder.
Settings come from ./config.yaml in the working directory (or --config
FILE), GLOSSARY_* environment variables and flags, in that order of
precedence (flags win).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("config", "", "config file (default ./config.yaml when present)")
	root.PersistentFlags().String("data", "", "data folder holding index generations (config data_dir)")
	root.PersistentFlags().String("corpus", "", "corpus folder to read instead of the embedded corpus (config corpus)")
	root.AddCommand(
		newServeCmd(stdout, stderr),
		newIndexCmd(stdout, stderr),
		newImportCmd(stdout, stderr),
		newValidateCmd(stdout, stderr),
		newStatsCmd(stdout, stderr),
		newIPACheckCmd(stdout, stderr),
		newSearchCmd(stdout),
		newSuggestCmd(stdout),
		newRelatedCmd(stdout),
		newVerifyCmd(stdout),
		newGapsCmd(stdout),
		newLSPCmd(stdout, stderr),
	)
	return root
}

// config loads the settings for a command, from the environment and the
// folder of its setup.
func config(cmd *cobra.Command) (Config, error) {
	s := setupOf(cmd.Context())
	return loadConfig(cmd.Flags(), s.environ, s.dir)
}

// loadCorpus loads and validates the configured corpus, printing every
// problem to stderr as path:line:col: message.
func loadCorpus(cfg Config, stderr io.Writer) (*corpus.Corpus, error) {
	var fsys fs.FS = corpus.Embedded()
	root := corpus.EmbeddedRoot
	if cfg.Corpus != "" {
		info, err := os.Stat(cfg.Corpus)
		if err != nil {
			return nil, fmt.Errorf("corpus folder: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("corpus folder %s is not a folder", cfg.Corpus)
		}
		fsys, root = os.DirFS(cfg.Corpus), cfg.Corpus
	}
	c, err := corpus.Load(fsys, root)
	var errs corpus.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintln(stderr, e)
		}
		fmt.Fprintf(stderr, "glossary: %d problems in the corpus; nothing was built\n", len(errs))
		return nil, errReported
	}
	return c, err
}

// build indexes the configured corpus into a new generation, grown to
// synthetic terms with generated entries when synthetic is larger than it.
func build(ctx context.Context, cfg Config, synthetic int, progress, stderr io.Writer) (*indexer.Summary, error) {
	c, err := loadCorpus(cfg, stderr)
	if err != nil {
		return nil, err
	}
	sources, err := loadSources(cfg)
	if err != nil {
		return nil, fmt.Errorf("imported sources: %w", err)
	}
	if len(sources) > 0 {
		var stats []corpus.MergeStats
		c, stats = corpus.Merge(c, sources)
		for _, st := range stats {
			fmt.Fprintf(progress, "source %s: %d terms added, %d secondary senses of existing terms\n", st.Source, st.Added, st.Merged)
		}
	}
	if synthetic > len(c.Terms) {
		c = corpus.Synthetic(c, synthetic)
	}
	return indexer.Build(ctx, c, indexer.Options{DataDir: cfg.DataDir, Keep: cfg.KeepGenerations, Progress: progress, Artifacts: artifacts()})
}

// artifacts are the files, derived from the corpus, that each generation
// carries for the query side: the completion index, read at open instead
// of rebuilt.
func artifacts() []generation.Artifact {
	return []generation.Artifact{search.CompletionArtifact()}
}

// openIndex opens the current generation, checked as the server checks it
// (search.OpenVerified: checksums, then sample terms), building one from
// the corpus first when the data folder has none. The language server and
// the CLI's lookups use it, so none of them reads a damaged generation.
func openIndex(ctx context.Context, cfg Config, progress, stderr io.Writer) (*search.Index, error) {
	name, err := search.CurrentGeneration(cfg.DataDir)
	if err == nil {
		ix, err := search.OpenVerified(ctx, generation.Dir(cfg.DataDir, name), cfg.VerifyTerms)
		if err != nil {
			// A damaged generation: the files named in err are rebuilt
			// by a new one.
			return nil, fmt.Errorf("%w (build a new generation with glossary index)", err)
		}
		return ix, nil
	}
	if !errors.Is(err, search.ErrNoGeneration) {
		return nil, fmt.Errorf("%w (build a new generation with glossary index)", err)
	}
	fmt.Fprintf(progress, "no index in %s yet: building one\n", cfg.DataDir)
	_, err = build(ctx, cfg, 0, progress, stderr)
	if errors.Is(err, indexer.ErrLocked) {
		// Another process (a second editor's language server, say) is
		// building it: wait for its generation rather than fail.
		fmt.Fprintf(progress, "another process is building the index in %s: waiting for it\n", cfg.DataDir)
		return waitForGeneration(ctx, cfg.DataDir, 5*time.Minute)
	}
	if err != nil {
		return nil, err
	}
	return search.OpenCurrent(cfg.DataDir)
}

// waitForGeneration polls the data folder until it has a current
// generation, the context ends or the timeout passes.
func waitForGeneration(ctx context.Context, dir string, timeout time.Duration) (*search.Index, error) {
	deadline := time.Now().Add(timeout)
	for {
		ix, err := search.OpenCurrent(dir)
		if !errors.Is(err, search.ErrNoGeneration) {
			return ix, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no index in %s after waiting %s for another indexer", dir, timeout)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
