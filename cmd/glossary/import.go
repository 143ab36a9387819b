package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/dictd"
	"github.com/glossary/glossary/generation"
)

// sourcesDir is where imported glossaries are saved, one JSON file per
// source, to be merged with the corpus by every later build.
func sourcesDir(cfg Config) string { return filepath.Join(cfg.DataDir, generation.SourcesDir) }

// loadSources reads the imported glossaries of the data folder, in name
// order (the order in which they are merged).
func loadSources(cfg Config) ([]*corpus.Source, error) {
	dir := sourcesDir(cfg)
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []*corpus.Source
	for _, name := range names {
		s, err := readSourceFile(name)
		if err != nil {
			return nil, err
		}
		if want := strings.TrimSuffix(filepath.Base(name), ".json"); s.Source != want {
			return nil, fmt.Errorf("%s: holds source %q; its file must be named %s.json", name, s.Source, s.Source)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, corpus.SourceOrder)
	return out, nil
}

func readSourceFile(name string) (*corpus.Source, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := corpus.ReadSource(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// writeSourceFile saves a source atomically and durably
// (generation.WriteFile), so a failed import leaves the previous import in
// place.
func writeSourceFile(dir string, s *corpus.Source) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create sources folder: %w", err)
	}
	final := filepath.Join(dir, s.Source+".json")
	if err := generation.WriteFile(final, func(w io.Writer) error { return corpus.WriteSource(w, s) }); err != nil {
		return "", fmt.Errorf("save source %s: %w", s.Source, err)
	}
	return final, nil
}

func newImportCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import a public glossary into the data folder",
	}
	cmd.AddCommand(newImportDictdCmd(stdout, stderr))
	return cmd
}

// importSummary is what "import dictd --json" prints.
type importSummary struct {
	*dictd.Report
	Saved           string         `json:"saved"`
	SensesOfCurated int            `json:"senses_of_curated"`
	NewTerms        int            `json:"new_terms"`
	SkippedByReason map[string]int `json:"skipped_by_reason"`
}

func newImportDictdCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		source  string
		asJSON  bool
		verbose bool
		force   bool
	)
	cmd := &cobra.Command{
		Use:   "dictd [PATH]",
		Short: "Import a dictd glossary: FOLDOC, the Jargon File or V.E.R.A.",
		Long: `dictd reads a dictd database (PATH.index with PATH.dict or PATH.dict.dz)
and saves its entries as a source in the data folder (data_dir/sources/NAME.json).
The next "glossary index" merges it with the curated corpus: an entry with
the headword of a curated term becomes a secondary sense of that term, any
other entry a term of its own, marked with its source and licence.

PATH defaults to where Debian's dict-foldoc, dict-jargon and dict-vera
packages install the databases: /usr/share/dictd/NAME. Malformed entries
are skipped and reported; importing again replaces the source. To remove a
source, delete its file and run "glossary index".

A database that looks truncated (an index whose last line is cut, an
index that points at less than 90 % of the data, index lines pointing
past the end of the data) is refused, and so is an import that has more
than 10 % fewer entries than the one it would replace: both leave the
previous import in place. --force imports it anyway.`,
		Example: `  apt-get install dict-foldoc dict-jargon dict-vera
  glossary import dictd --source foldoc
  glossary import dictd --source jargon /usr/share/dictd/jargon
  glossary import dictd --source vera && glossary index`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			if _, ok := dictd.Sources[source]; !ok {
				return fmt.Errorf("--source must be one of %s", strings.Join(dictd.SourceNames(), ", "))
			}
			path := filepath.Join("/usr/share/dictd", source)
			if len(args) == 1 {
				path = args[0]
			}
			db, err := dictd.Open(path)
			if errors.Is(err, fs.ErrNotExist) && len(args) == 0 {
				return fmt.Errorf("%w (install Debian's dict-%s package, or give the database's path)", err, source)
			}
			if err != nil {
				return err
			}
			src, rep, err := dictd.Convert(db, source)
			if err != nil {
				return err
			}
			if len(src.Entries) == 0 {
				return fmt.Errorf("%s: no entry could be imported (%d skipped); nothing was saved", path, len(rep.Skipped))
			}
			if err := checkComplete(db, src, sourcesDir(cfg), force, stderr); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			// What the merge will do, against the curated corpus alone.
			cur, err := loadCorpus(cfg, stderr)
			if err != nil {
				return err
			}
			_, stats := corpus.Merge(cur, []*corpus.Source{src})
			saved, err := writeSourceFile(sourcesDir(cfg), src)
			if err != nil {
				return err
			}
			sum := importSummary{Report: rep, Saved: saved, SensesOfCurated: stats[0].Merged, NewTerms: stats[0].Added, SkippedByReason: map[string]int{}}
			for _, p := range rep.Skipped {
				sum.SkippedByReason[p.Reason]++
			}
			if asJSON {
				return printJSON(stdout, sum)
			}
			printImport(stdout, src, sum, verbose)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&source, "source", "", "which glossary: "+strings.Join(dictd.SourceNames(), ", "))
	_ = cmd.MarkFlagRequired("source")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.BoolVar(&verbose, "verbose", false, "list every skipped entry")
	f.BoolVar(&force, "force", false, fmt.Sprintf("import a database that looks truncated, or loses more than %d %% of the previous import's entries", int(maxImportLoss*100)))
	return cmd
}

func printImport(w io.Writer, src *corpus.Source, sum importSummary, verbose bool) {
	fmt.Fprintf(w, "%s (%s, %s)\n", src.Title, src.URL, src.License)
	fmt.Fprintf(w, "  %d articles read, %d entries imported", sum.Articles, sum.Entries)
	if sum.Combined > 0 {
		fmt.Fprintf(w, " (%d articles folded into an entry with the same headword)", sum.Combined)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  merged with the curated corpus: %d new terms, %d secondary senses of curated terms\n", sum.NewTerms, sum.SensesOfCurated)
	fmt.Fprintf(w, "  %d skipped\n", len(sum.Skipped))
	reasons := make([]string, 0, len(sum.SkippedByReason))
	for r := range sum.SkippedByReason {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		var heads []string
		for _, p := range sum.Skipped {
			if p.Reason == r && (verbose || len(heads) < 5) {
				heads = append(heads, fmt.Sprintf("%q", p.Headword))
			}
		}
		more := ""
		if n := sum.SkippedByReason[r]; n > len(heads) {
			more = fmt.Sprintf(", and %d more (--verbose lists them)", n-len(heads))
		}
		fmt.Fprintf(w, "    %d %s: %s%s\n", sum.SkippedByReason[r], r, strings.Join(heads, ", "), more)
	}
	fmt.Fprintf(w, "saved %s\nrun \"glossary index\" to build a generation that includes it\n", sum.Saved)
}

// maxImportLoss is the share of the previous import's entries that a new
// import of the same source may lose before it is refused without
// --force. Editions of FOLDOC, the Jargon File and V.E.R.A. grow or lose a
// few entries; losing a tenth is a damaged or cut database far more often
// than an edition (FOLDOC's index cut at half loses 49 %).
const maxImportLoss = 0.10

// checkComplete refuses, unless force, to save src when db looks
// truncated (see dictd.Database.Incomplete) or when src has more than
// maxImportLoss fewer entries than the import it would replace in dir.
// With force, it says on stderr what it lets through.
func checkComplete(db *dictd.Database, src *corpus.Source, dir string, force bool, stderr io.Writer) error {
	var problems []string
	if err := db.Incomplete(); err != nil {
		problems = append(problems, strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	prevName := filepath.Join(dir, src.Source+".json")
	prev, err := readSourceFile(prevName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		// A previous import that does not read is no import to keep.
		fmt.Fprintf(stderr, "warning: the previous import does not read, so it is replaced: %v\n", err)
	case float64(len(src.Entries)) < (1-maxImportLoss)*float64(len(prev.Entries)):
		lost := len(prev.Entries) - len(src.Entries)
		problems = append(problems, fmt.Sprintf("%d entries, where the import it would replace (%s) has %d: %d %% fewer, more than the %d %% an import may lose",
			len(src.Entries), prevName, len(prev.Entries), lost*100/len(prev.Entries), int(maxImportLoss*100)))
	}
	if len(problems) == 0 {
		return nil
	}
	msg := strings.Join(problems, "; ")
	if force {
		fmt.Fprintf(stderr, "warning: imported with --force: %s\n", msg)
		return nil
	}
	return fmt.Errorf("%s; nothing was saved (--force imports it anyway)", msg)
}
