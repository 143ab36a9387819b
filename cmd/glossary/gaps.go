package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

// gapsPath is where serve saves the searches that found nothing.
func gapsPath(cfg Config) string { return filepath.Join(cfg.DataDir, generation.GapsFile) }

// loadGaps returns the record of searches that found nothing, with the
// counts saved by an earlier run. A damaged file is logged and started
// afresh (it is overwritten at the next save): it must not stop serving.
func loadGaps(cfg Config, log *slog.Logger) *search.Gaps {
	gaps := search.NewGaps(cfg.GapsMaxQueries)
	if err := gaps.Load(gapsPath(cfg)); err != nil {
		log.Warn("earlier zero-result queries not loaded; counting afresh", slog.Any("error", err))
	}
	return gaps
}

// flushGaps saves gaps every cfg.GapsFlushInterval, and once more when ctx
// is done.
func flushGaps(ctx context.Context, cfg Config, gaps *search.Gaps, log *slog.Logger) {
	tick := time.NewTicker(cfg.GapsFlushInterval)
	defer tick.Stop()
	save := func() {
		if err := gaps.Save(gapsPath(cfg)); err != nil {
			log.Error("zero-result queries not saved", slog.Any("error", err))
		}
	}
	for {
		select {
		case <-ctx.Done():
			save()
			return
		case <-tick.C:
			save()
		}
	}
}

func newGapsCmd(stdout io.Writer) *cobra.Command {
	var (
		top    int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "gaps",
		Short: "List the searches that found nothing, most frequent first",
		Long: `gaps lists what learners searched for and did not find, most frequent first,
so maintainers know which terms to write next. serve records a search when
it has a query, no filters, finds nothing and has no "did you mean"; the
text is normalised (lower case, punctuation around words removed) and no
client address is kept. serve saves the counts to data_dir/gaps.json every
gaps_flush_interval and when it stops; this command reads that file.`,
		Example: "  glossary gaps\n  glossary gaps --top 50 --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			path := gapsPath(cfg)
			r, err := search.ReadGaps(path)
			if errors.Is(err, os.ErrNotExist) {
				r = &search.GapReport{Gaps: []search.Gap{}}
			} else if err != nil {
				return err
			}
			total := len(r.Gaps)
			if top > 0 && len(r.Gaps) > top {
				r.Gaps = r.Gaps[:top]
			}
			if asJSON {
				return printJSON(stdout, r)
			}
			if total == 0 {
				fmt.Fprintf(stdout, "no searches without results recorded in %s yet\n", path)
				return nil
			}
			fmt.Fprintf(stdout, "%d of %d queries that found nothing (saved %s):\n\n", len(r.Gaps), total, r.Updated.Local().Format(time.DateTime))
			fmt.Fprintf(stdout, "%7s  %s\n", "count", "query")
			for _, g := range r.Gaps {
				fmt.Fprintf(stdout, "%7d  %s\n", g.Count, printable(g.Query))
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&top, "top", 20, "how many to list (0: all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printable returns text typed by the public (a query) safe to print on
// a terminal: control characters (an escape sequence could recolour or
// rewrite the screen) and invisible format characters, the bidirectional
// overrides and isolates among them (U+202E would show the rest of the
// line reversed), are written as \u escapes, invalid UTF-8 bytes as \x
// escapes, and a backslash as \\ so that the escapes are unambiguous.
// Everything else, letters of any script included, is printed as it is.
func printable(s string) string {
	if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// needsEscape reports whether printable escapes r: a control character
// (Unicode category Cc), a format character (Cf: bidirectional controls,
// zero-width characters, the byte order mark), a line or paragraph
// separator, or the backslash that starts an escape.
func needsEscape(r rune) bool {
	return r == '\\' || unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}
