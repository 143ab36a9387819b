package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/glossary/glossary/corpus"
)

// Bounds on what a caller may ask for. The server checks them first to
// answer with a precise message; Search checks them again so no caller can
// build an unbounded query.
const (
	MaxSize        = 50
	MaxWindow      = 1000 // from + size
	MaxQueryLength = 200  // characters
	MaxWords       = 8    // words of a query that are searched
	MaxFilterVals  = 20   // values per facet
	// MaxFuzzyWordLength is the longest word matched with typos: the
	// longest name word of the glossary ("internationalization") has 20
	// characters, and the cost of a typo-tolerant match grows with the
	// word's length, so a 200-character word would cost 30 times a normal
	// query for nothing.
	MaxFuzzyWordLength = 32
	DefaultSize        = 10
)

// ErrInvalid is what every error caused by a bad request is: each is an
// *InvalidError, for which errors.Is(err, ErrInvalid) holds.
var ErrInvalid = errors.New("invalid request")

// InvalidError is a bad request. Detail says what to fix ("size must be
// between 1 and 50"), so that a caller can show it without cutting the
// prefix off the error string.
type InvalidError struct{ Detail string }

// Error returns "invalid request: " and the detail.
func (e *InvalidError) Error() string { return ErrInvalid.Error() + ": " + e.Detail }

// Is reports whether target is ErrInvalid.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// invalid returns an *InvalidError with the detail formatted.
func invalid(format string, args ...any) error {
	return &InvalidError{Detail: fmt.Sprintf(format, args...)}
}

// Facet names, as used in filters and results.
const (
	FacetRole     = "role"
	FacetCategory = "category"
	FacetLevel    = "level"
	FacetPOS      = "part_of_speech"
	FacetSource   = "source"
)

// Facets lists the facet names in display order.
var Facets = []string{FacetRole, FacetCategory, FacetLevel, FacetPOS, FacetSource}

// Request is a full-text search.
type Request struct {
	Query string
	// Filters maps a facet name to the values to keep. Values of one facet
	// are OR-ed, different facets AND-ed.
	Filters map[string][]string
	Size    int // 0 means DefaultSize
	From    int
	// Verbatim searches the query as typed, never corrected to a name.
	Verbatim bool

	// exhaustive turns pruning off (tests compare the two).
	exhaustive bool
}

// Result is one page of search results.
type Result struct {
	Query      string                  `json:"query"`
	Total      uint64                  `json:"total"`
	Took       time.Duration           `json:"-"`
	Hits       []Hit                   `json:"hits"`
	Facets     map[string][]FacetValue `json:"facets"`
	DidYouMean string                  `json:"did_you_mean,omitempty"`
	// CorrectedQuery is the name the query was corrected to and searched
	// for instead ("race condition" for "rase condition"); empty when the
	// query was searched as typed.
	CorrectedQuery string `json:"corrected_query,omitempty"`
	// Partial is set when no hit matches every word of the query: the
	// hits are those that match most of them.
	Partial bool `json:"partial,omitempty"`
	// Estimated is set when Total is a lower bound: a search by coverage
	// without filters skips the terms that cannot rank among the hits
	// asked for, and counts no further (facet counts too).
	Estimated  bool   `json:"total_estimated,omitempty"`
	Generation string `json:"generation"`
}

// Hit is one matching term.
type Hit struct {
	ID           string   `json:"id"`
	Term         string   `json:"term"`
	PartOfSpeech string   `json:"part_of_speech"`
	Level        string   `json:"level"`
	Definition   string   `json:"definition"`
	Roles        []string `json:"roles"`
	Categories   []string `json:"categories"`
	Source       string   `json:"source"`
	Score        float64  `json:"score"`
	// Highlights holds the matching fragments by part of the entry
	// (HighlightDefinition, HighlightExamples).
	Highlights map[string][]string `json:"highlights"`
}

// FacetValue is one value of a facet and how many hits have it. Counts of
// a facet are computed with the filters of the other facets only, so a
// learner sees how many more hits each extra value of the same facet adds.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// checkQueryLength checks that q, the text of a search or a suggest
// request, is at most MaxQueryLength characters long.
func checkQueryLength(q string) error {
	if n := utf8.RuneCountInString(q); n > MaxQueryLength {
		return invalid("query is %d characters long; the limit is %d", n, MaxQueryLength)
	}
	return nil
}

// Validate checks a request's bounds and filter names.
func (r *Request) Validate() error {
	if err := checkQueryLength(r.Query); err != nil {
		return err
	}
	if r.Size < 0 || r.Size > MaxSize {
		return invalid("size must be between 1 and %d", MaxSize)
	}
	if r.From < 0 {
		return invalid("from must not be negative")
	}
	if r.From > MaxWindow-r.size() { // not From+size: that can overflow
		return invalid("from + size must not exceed %d", MaxWindow)
	}
	for name, vals := range r.Filters {
		if !slices.Contains(Facets, name) {
			return invalid("unknown filter %q (use %s)", name, strings.Join(Facets, ", "))
		}
		if len(vals) > MaxFilterVals {
			return invalid("at most %d values of %s", MaxFilterVals, name)
		}
	}
	return nil
}

func (r *Request) size() int {
	if r.Size == 0 {
		return DefaultSize
	}
	return r.Size
}

// Search runs a full-text search: terms matching more of the query's
// words (weighted by how rare each is) first, and among those an exact
// term or alias match first, then matches and prefixes of term names
// (typo-tolerant), then matches in definitions, examples, notes and
// imported texts (see coverage.go). A query of a few words that is a
// known name but for a typo or two in its short words ("rase condition")
// is answered for that name, which Result.CorrectedQuery gives, unless
// the request is verbatim.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := r.Validate(); err != nil {
		return nil, err
	}
	words := ix.words(r.Query)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	raw := r.Query
	var corrected string
	if !r.Verbatim {
		if fixed, name, ok := ix.correctPhrase(words); ok {
			words, raw, corrected = fixed, name, name
		}
	}
	// Attempts in order: a query of a few words is first searched for
	// terms that have every word (as it always was, and cheaply: a
	// conjunction skips what cannot match); only when none has, or for a
	// longer query, by coverage (coverage.go), which reads every posting
	// list of its words.
	// Without filters, only the best hits count: a coverage search may
	// skip the documents that cannot be among them (coverage.go, prune).
	top, pruned := 0, false
	if len(r.Filters) == 0 && !r.exhaustive {
		top = r.From + r.size()
	}
	attempts, err := ix.textQueries(ctx, words, raw, top, &pruned)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Query, err)
	}
	var (
		res       *bleve.SearchResult
		run       *facetRun
		partial   bool
		estimated bool
	)
	for i, text := range attempts {
		inner, coverage := text, false
		if inner == nil {
			inner = query.NewMatchAllQuery()
		} else {
			_, coverage = inner.(*coverageQuery)
		}
		run = ix.facets.run(r.Filters)
		// Filtered and counted, then ranked: equal scores in
		// autocomplete's order, and imported entries weigh less
		// (weigh.go); a coverage query weighs its own, below its tiers.
		wq := &weighQuery{inner: &facetQuery{inner: inner, run: run}, tie: ix.facets.tieWeight}
		if !coverage {
			wq.weight = ix.facets.sourceWeight
		}
		req := bleve.NewSearchRequestOptions(wq, r.size(), r.From, false)
		if text == nil {
			req.SortBy([]string{fieldSort})
		} else {
			// Score only: a secondary sort on a field would read its doc
			// values for every hit, which doubled the cost of broad queries.
			req.Highlight = bleve.NewHighlightWithStyle("html")
			for _, f := range highlighted {
				req.Highlight.AddField(f)
			}
		}
		if res, err = ix.bleve.SearchInContext(ctx, req); err != nil {
			return nil, fmt.Errorf("search %q: %w", r.Query, err)
		}
		partial = coverage && len(res.Hits) > 0 && partialScore(res.Hits[0].Score)
		estimated = coverage && pruned
		// The next attempt only when the words matched nothing at all:
		// terms that match but fail the filters are not made up for by
		// terms with fewer of the words.
		if run.matched > 0 || i == len(attempts)-1 {
			break
		}
	}
	out := &Result{Query: r.Query, CorrectedQuery: corrected, Total: res.Total, Facets: run.results(ix.label), Generation: ix.manifest.Generation, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		t := ix.corpus.Term(h.ID)
		if t == nil {
			continue
		}
		hit := Hit{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level, Definition: t.Definition,
			Roles: t.Roles, Categories: t.Categories, Source: t.Source, Score: h.Score, Highlights: map[string][]string{}}
		for f, frags := range h.Fragments {
			hit.Highlights[f] = frags
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Partial, out.Estimated = partial, estimated
	if out.Total == 0 && len(words) > 0 {
		out.DidYouMean = ix.didYouMean(ctx, words)
	}
	out.Took = time.Since(start)
	return out, nil
}

// maxSimilar bounds the typo variants of one query word that are searched.
const maxSimilar = 8

// maxQueryWords is how many words of a query are read: the rarest
// MaxWords of them are matched (coverage.go), all of them make the exact
// names a query is compared with.
const maxQueryWords = 24

// descriptionWords is the length, in words, from which a query is taken
// for a description: searched by coverage at once, as no term is likely to
// have all of its words.
const descriptionWords = 4

// textQueries builds the scored part of a search, as the queries to try in
// turn until one finds something: a query of fewer than descriptionWords
// words first for the terms with every word, then by coverage; a longer
// one by coverage only. A nil query means "every term". raw is the query
// as typed: a name made of symbols ("$", "C++", "/dev/null") is also
// matched whole, as no word of it (or not all of it) is a word, and so is
// a name that differs from it only in spaces, hyphens and slashes
// ("oncall", "on call" and "on-call"; "ci cd" and "CI/CD").
//
// A short query whose words are all function words (coverage.go) looks
// for them in names only, as a long query does.
//
// top is the number of best hits wanted, 0 for all; pruned is set when a
// coverage search skipped documents that cannot be among them.
func (ix *Index) textQueries(ctx context.Context, words []string, raw string, top int, pruned *bool) ([]query.Query, error) {
	whole := func(field, name string) query.Query {
		q := query.NewTermQuery(name)
		q.SetField(field)
		q.SetBoost(20)
		return q
	}
	var wholes []query.Query
	joined, normal, squashed := strings.Join(words, " "), corpus.Normalize(raw), corpus.Squash(raw)
	if joined != "" {
		wholes = append(wholes, whole(fieldExact, joined))
	}
	if normal != "" && normal != joined {
		wholes = append(wholes, whole(fieldExact, normal))
	}
	if squashed != "" {
		wholes = append(wholes, whole(fieldSquash, squashed))
	}
	if len(words) == 0 {
		if len(wholes) == 0 {
			return []query.Query{nil}, nil
		}
		return []query.Query{query.NewDisjunctionQuery(wholes)}, nil // only the whole query, which has no word
	}
	coverage := &coverageQuery{ix: ix, words: words, typing: true, whole: wholes, top: top, pruned: pruned}
	if len(words) >= descriptionWords {
		strong := *coverage
		strong.strong = true
		return []query.Query{&strong, coverage}, nil
	}
	namesOnly, err := ix.functionOnly(ctx, words)
	if err != nil {
		return nil, err
	}
	perWord := make([]query.Query, len(words))
	for i, w := range words {
		strong, weak := wordClauses(ix.expand(w, i == len(words)-1, false), namesOnly)
		perWord[i] = strong
		if weak != nil {
			perWord[i] = query.NewDisjunctionQuery([]query.Query{strong, weak})
		}
	}
	every := query.NewBooleanQuery(nil, append([]query.Query{query.NewConjunctionQuery(perWord)}, wholes...), nil)
	return []query.Query{every, coverage}, nil
}

// Bounds on the name words a query word expands to.
const (
	minPrefix      = 2  // the word being typed completes from two letters
	maxCompletions = 16 // name words it may complete to, shortest first
)

// Fuzziness is the number of typos tolerated in a word: none under 5
// characters, 1 from 5, 2 from 9, as the best instant-search engines do,
// and none over MaxFuzzyWordLength.
func Fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n > MaxFuzzyWordLength:
		return 0
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

func (ix *Index) label(facet, value string) string {
	switch facet {
	case FacetRole:
		return ix.corpus.RoleName(value)
	case FacetCategory:
		return ix.corpus.CategoryLabel(value)
	case FacetSource:
		return ix.corpus.SourceName(value)
	}
	return value
}

// didYouMean proposes a spelling for a query that found nothing: each word
// of three letters or more that is not a name word is replaced by the
// closest name word (up to two typos, sharing its first letter), and the
// result is kept only if it matches.
func (ix *Index) didYouMean(ctx context.Context, words []string) string {
	fixed := make([]string, len(words))
	changed := false
	for i, w := range words {
		fixed[i] = w
		n := utf8.RuneCountInString(w)
		if n < 3 || n > MaxFuzzyWordLength {
			continue
		}
		if best := ix.complete.similarWords(w, min(2, max(1, n/3)), 1); len(best) == 1 && best[0] != w {
			fixed[i] = best[0]
			changed = true
		}
	}
	if !changed {
		return ""
	}
	attempts, err := ix.textQueries(ctx, fixed, "", 0, nil)
	if err != nil {
		return ""
	}
	req := bleve.NewSearchRequestOptions(attempts[len(attempts)-1], 0, 0, false)
	if res, err := ix.bleve.SearchInContext(ctx, req); err != nil || res.Total == 0 {
		return ""
	}
	return strings.Join(fixed, " ")
}
