package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/glossary/glossary/corpus"
)

func newIPACheckCmd(stdout, stderr io.Writer) *cobra.Command {
	var top int
	cmd := &cobra.Command{
		Use:   "ipa-check",
		Short: "Compare the corpus's IPA with espeak-ng's and list the largest disagreements",
		Long: `ipa-check asks espeak-ng (Debian's espeak-ng package) how it would say each
term that has a pronunciation (its spoken form when it has one), in
American and British English, and lists the terms whose curated IPA differs
most from it, ignoring differences of notation, stress and length.

It is a second opinion for reviewers, not a check that fails: espeak-ng
guesses technical words and names badly, and the curated IPA wins.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			c, err := loadCorpus(cfg, stderr)
			if err != nil {
				return err
			}
			if _, err := exec.LookPath("espeak-ng"); err != nil {
				return fmt.Errorf("ipa-check needs espeak-ng (apt-get install espeak-ng): %w", err)
			}
			ds, err := ipaDisagreements(cmd.Context(), c, espeak)
			if err != nil {
				return err
			}
			printDisagreements(stdout, ds, top)
			return nil
		},
	}
	cmd.Flags().IntVar(&top, "top", 30, "disagreements to list, largest first")
	return cmd
}

// speaker says a text in IPA in a voice ("en-us", "en-gb"). It is called
// from two goroutines at once.
type speaker func(ctx context.Context, text, voice string) (string, error)

// espeak is the speaker that runs espeak-ng.
func espeak(ctx context.Context, text, voice string) (string, error) {
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, "espeak-ng", "-q", "--ipa", "-v", voice, "--", text)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("espeak-ng %q: %w: %s", text, err, strings.TrimSpace(errb.String()))
	}
	return strings.Join(strings.Fields(out.String()), " "), nil
}

// ipaDisagreement is one term's curated IPA for one accent next to a
// speech synthesiser's.
type ipaDisagreement struct {
	ID, Accent, Curated, Other string
	Distance                   int
	Share                      float64
}

// ipaDisagreements compares every curated pronunciation with speak's, for
// US English and, where the term gives it, UK English; the largest
// differences first. Terms are said by their spoken form when they have
// one ("engine x" for nginx).
func ipaDisagreements(ctx context.Context, c *corpus.Corpus, speak speaker) ([]ipaDisagreement, error) {
	type job struct {
		t              *corpus.Term
		accent, voice  string
		curated, spoke string
	}
	var jobs []*job
	for _, t := range c.Terms {
		p := t.Pronunciation
		if p == nil || p.WrittenOnly {
			continue
		}
		if p.US != "" {
			jobs = append(jobs, &job{t: t, accent: "US", voice: "en-us", curated: p.US})
		}
		if p.UK != "" {
			jobs = append(jobs, &job{t: t, accent: "UK", voice: "en-gb", curated: p.UK})
		}
	}
	// espeak-ng takes a few tens of milliseconds to start: two at a time
	// keeps a full corpus to a minute on two cores.
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				j.spoke, errs[i] = speak(ctx, cmp.Or(j.t.Pronunciation.Say, j.t.Term), j.voice)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make([]ipaDisagreement, 0, len(jobs))
	for _, j := range jobs {
		d, share := corpus.IPADifference(j.curated, j.spoke)
		out = append(out, ipaDisagreement{ID: j.t.ID, Accent: j.accent, Curated: j.curated, Other: j.spoke, Distance: d, Share: share})
	}
	slices.SortStableFunc(out, func(a, b ipaDisagreement) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), cmp.Compare(b.Distance, a.Distance), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// printDisagreements prints the top disagreements and how many
// pronunciations agree.
func printDisagreements(w io.Writer, ds []ipaDisagreement, top int) {
	agree := 0
	for _, d := range ds {
		if d.Distance == 0 {
			agree++
		}
	}
	fmt.Fprintf(w, "%d pronunciations compared with espeak-ng: %d agree, %d differ\n", len(ds), agree, len(ds)-agree)
	if len(ds) > 0 && ds[0].Distance > 0 {
		fmt.Fprintf(w, "\nlargest disagreements (sounds that differ; the curated IPA wins)\n")
	}
	for i, d := range ds {
		if i >= top || d.Distance == 0 {
			break
		}
		fmt.Fprintf(w, "  %-28s %s %2d  %-24s espeak-ng /%s/\n", d.ID, d.Accent, d.Distance, d.Curated, d.Other)
	}
}
