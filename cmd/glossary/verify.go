package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

func newVerifyCmd(stdout io.Writer) *cobra.Command {
	var terms int
	cmd := &cobra.Command{
		Use:   "verify [DIR]",
		Short: "Check that an index generation opens and answers",
		Long: `verify checks an index generation the way serve does before switching to it:
it opens DIR read-only (a generation folder such as data/generations/gen-000003,
or a data folder for its current generation; default: the current generation
of the data folder), checks every file against the SHA-256 its manifest
recorded at sealing and each index segment against its own CRC32, that the
manifest names its folder, that the document count matches the manifest and
the corpus snapshot, and that each of --terms sample terms is found by a
search of its name and by autocomplete of its first letters. It exits 1 with
the reason when anything fails. It is safe to run while serve and index run.`,
		Example: "  glossary verify\n  glossary verify data/generations/gen-000003 --terms 100",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("terms") {
				terms = cfg.VerifyTerms
			}
			if terms < 0 {
				return fmt.Errorf("--terms must not be negative, got %d", terms)
			}
			dir := cfg.DataDir
			if len(args) == 1 {
				dir = args[0]
			}
			gen, err := generationFolder(dir)
			if err != nil {
				return err
			}
			ix, err := search.OpenVerified(cmd.Context(), gen, terms)
			if err != nil {
				return fmt.Errorf("verify %s: %w", gen, err)
			}
			defer ix.Close()
			m := ix.Manifest()
			fmt.Fprintf(stdout, "ok: %s (%s): its files match their checksums; %d documents as its manifest says; %d sample terms found by search and suggest\n",
				m.Generation, gen, m.DocCount, min(terms, m.Terms))
			return nil
		},
	}
	cmd.Flags().IntVar(&terms, "terms", 0, "sample terms to look up, spread over the corpus (config verify_terms)")
	return cmd
}

// generationFolder returns dir when it is a generation folder, or the
// current generation's folder when dir is a data folder.
func generationFolder(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("verify: %w", err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("verify: %s is not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return dir, nil
	}
	name, err := search.CurrentGeneration(dir)
	if errors.Is(err, search.ErrNoGeneration) {
		return "", fmt.Errorf("verify: %s is neither a generation folder (it has no manifest.json) nor a data folder with a current generation (no CURRENT file); run glossary index first", dir)
	}
	if err != nil {
		return "", fmt.Errorf("verify: %w", err)
	}
	return generation.Dir(dir, name), nil
}
