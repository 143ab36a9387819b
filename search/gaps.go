package search

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/glossary/glossary/generation"
)

// Gaps counts searches that found nothing, by normalised query text, so
// that maintainers know which terms learners miss. It keeps no client
// address and no time of a query, and at most a fixed number of distinct
// queries: when full, the least frequent are forgotten first. It is safe
// for concurrent use.
type Gaps struct {
	mu     sync.Mutex
	max    int
	counts map[string]int64
	dirty  bool
}

// Gap is a query that found nothing, and how often it was searched.
type Gap struct {
	Query string `json:"query"`
	Count int64  `json:"count"`
}

// GapReport is the content of the gaps file: the gaps, most frequent first.
type GapReport struct {
	Updated time.Time `json:"updated"`
	Gaps    []Gap     `json:"gaps"`
}

// NewGaps returns an empty record keeping at most max distinct queries.
func NewGaps(max int) *Gaps {
	return &Gaps{max: max, counts: map[string]int64{}}
}

// NormalizeQuery returns the form a query is counted under: lower case,
// punctuation around words removed, one space between words, at most
// MaxQueryLength characters. "  Kubernetes   Operators? " counts as
// "kubernetes operators".
func NormalizeQuery(q string) string {
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(q, ""))
	var words []string
	for _, w := range strings.Fields(strings.ToLower(q)) {
		w = strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.TrimSpace(clip(strings.Join(words, " "), MaxQueryLength))
}

// Record counts one search for q that found nothing.
func (g *Gaps) Record(q string) {
	q = NormalizeQuery(q)
	if q == "" || g.max <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.add(q, 1)
}

func (g *Gaps) add(q string, n int64) {
	if _, ok := g.counts[q]; !ok && len(g.counts) >= g.max {
		g.evict()
	}
	g.counts[q] += n
	g.dirty = true
}

// evict forgets every query with the lowest count: usually the many
// queries searched once, so that a flood of one-off queries costs one scan
// per flood rather than per query, and repeated gaps survive it.
func (g *Gaps) evict() {
	lowest := int64(-1)
	for _, n := range g.counts {
		if lowest < 0 || n < lowest {
			lowest = n
		}
	}
	for q, n := range g.counts {
		if n == lowest {
			delete(g.counts, q)
		}
	}
}

// Top returns the n most frequent gaps (all of them when n <= 0), most
// frequent first, ties in alphabetical order.
func (g *Gaps) Top(n int) []Gap {
	g.mu.Lock()
	out := make([]Gap, 0, len(g.counts))
	for q, c := range g.counts {
		out = append(out, Gap{Query: q, Count: c})
	}
	g.mu.Unlock()
	sortGaps(out)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func sortGaps(gaps []Gap) {
	slices.SortFunc(gaps, func(a, b Gap) int { return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Query, b.Query)) })
}

// Load adds the counts of the gaps file at path, if there is one, so that
// counts survive restarts.
func (g *Gaps) Load(path string) error {
	r, err := ReadGaps(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	dirty := g.dirty
	for _, gap := range r.Gaps {
		if q := NormalizeQuery(gap.Query); q != "" && gap.Count > 0 {
			g.add(q, gap.Count)
		}
	}
	g.dirty = dirty
	return nil
}

// Save writes the gaps to path if anything was recorded since the last
// Save, atomically and durably (generation.WriteFile): a reader sees the
// old file or the new one.
func (g *Gaps) Save(path string) error {
	g.mu.Lock()
	dirty := g.dirty
	g.dirty = false
	g.mu.Unlock()
	if !dirty {
		return nil
	}
	b, err := json.MarshalIndent(GapReport{Updated: time.Now().UTC().Truncate(time.Second), Gaps: g.Top(0)}, "", "  ")
	if err != nil {
		return err
	}
	if err := generation.WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	}); err != nil {
		g.mu.Lock()
		g.dirty = true // try again next time
		g.mu.Unlock()
		return err
	}
	return nil
}

// ReadGaps reads a gaps file.
func ReadGaps(path string) (*GapReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gaps: %w", err)
	}
	var r GapReport
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("read gaps %s: %w", path, err)
	}
	for i := range r.Gaps {
		if !utf8.ValidString(r.Gaps[i].Query) {
			r.Gaps[i].Query = strings.ToValidUTF8(r.Gaps[i].Query, "")
		}
	}
	sortGaps(r.Gaps)
	return &r, nil
}
