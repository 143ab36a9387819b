package search

import (
	"cmp"
	"container/heap"
	"context"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/mapping"
)

// Matching strategy. A term need not match every word of a query: terms
// are ranked first by how much of the query they cover, then by how well
// (bleve's scores, with names above definitions above examples, notes and
// imported texts). The design follows Meilisearch's "words" ranking rule
// and Algolia's optional words, and differs from both where learners need
// it:
//
//   - Coverage is weighted by how rare each word is in the index (the
//     square root of its BM25 inverse document frequency: damped, so that
//     one rare word, often an everyday one that IT definitions seldom use,
//     "forever", does not outweigh two telling ones, "threads" and
//     "wait"), so common words count for less. Meilisearch's matchingStrategy
//     "last" drops the words from the end of the query, and "frequency"
//     the commonest first, one at a time; both can only ever return the
//     terms matching a prefix or a rare subset of the words, where a
//     description ("two threads wait for each other forever") is answered
//     by the entry matching most of its words in any combination.
//   - Where a word matches counts too: in a name or the definition a word
//     is covered, in an example, a note, a collocation or an imported text
//     only half (weakShare), so an entry whose definition says most of
//     what the learner described ranks above one whose examples happen to
//     use all of its words.
//   - Words that most entries contain ("the", "is", "for": more than the
//     share functionShare of the documents, and more than functionMinDocs)
//     are function words in a query of functionMinWords words or more:
//     they are matched in names only and count for little towards
//     coverage (functionWeight), like Algolia's optional words. There is
//     no stop list: "IT", "do" or "for" are matched as names whatever
//     their frequency, and in a short query every word is matched
//     everywhere.
//   - Coverage is compared in tiers of coverageTier, so that near-equal
//     coverages are decided by the scores.
//   - A term that matches the whole query at once (an exact name, alias
//     or form; a name that differs only in spaces and hyphens, "oncall")
//     covers all of it.
//
// When every word matches, coverage is complete and the order is the
// scores' alone, as it was when every word had to match.
const (
	weakShare        = 0.5
	functionShare    = 0.25
	functionMinDocs  = 50
	functionMinWords = 3
	functionWeight   = 0.05
	// weakMaxShare bounds the cost of a long query: a word in more than
	// this share of the documents is not looked for in examples, notes
	// and imported texts, whose posting lists for common words are the
	// longest (imported texts run to pages), and where a match counts
	// only half anyway.
	weakMaxShare = 0.2
	coverageTier = 0.05
	// tierScale separates tiers in the combined score: scores within a
	// tier stay far below it.
	tierScale = 1000
)

// coverageWord is one searched word of a query and its expansions: the
// similar name words within its typo budget, and for the word being typed
// the name words it starts.
type coverageWord struct {
	text       string
	similar    []string
	completing []string
}

// coverageQuery ranks terms by weighted query coverage, then by score.
type coverageQuery struct {
	ix    *Index
	words []string
	// typing is set when the last word may be a prefix still being typed.
	typing bool
	// whole are clauses that match the query as a whole: each covers it
	// all.
	whole []query.Query
	// strong requires a hit to have a word of the query in a name or its
	// definition (or the whole query): see partition.
	strong bool
	// top is the number of best hits wanted (from + size), which lets the
	// searcher skip documents that cannot be among them (see prune); 0
	// finds every hit, as counting facets and filtering need.
	top int
	// pruned is set when a document was skipped as one that cannot rank
	// among the top: the total is then a lower bound.
	pruned *bool
}

// Searcher weighs the query's words by the index's document frequencies,
// keeps the MaxWords rarest, and builds their clauses. Capping the words
// bounds a description's cost: each word's clauses read its posting lists
// in the definition, examples, notes and imported texts, and the rarest
// words are both the shortest lists and the ones that decide coverage.
// A function word's posting lists are never read outside names.
func (q *coverageQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	docs, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	short := len(q.words) < functionMinWords
	type weighed struct {
		i        int
		weight   float64
		df       float64
		function bool
	}
	ws := make([]weighed, len(q.words))
	for i, w := range q.words {
		df, err := q.ix.docFreq(ctx, r, w)
		if err != nil {
			return nil, err
		}
		function := isFunctionWord(df, docs)
		ws[i] = weighed{i: i, function: function, weight: math.Sqrt(bm25IDF(docs, df)), df: float64(df)}
		if function && !short {
			ws[i].weight *= functionWeight
		}
	}
	// A term that matches function words only is no answer ("on" of "on
	// call"), unless the query has no other words ("it").
	onlyFunction := !slices.ContainsFunc(ws, func(w weighed) bool { return !w.function })
	if len(ws) > MaxWords {
		// The rarest first; function words last, in the order typed.
		slices.SortStableFunc(ws, func(a, b weighed) int { return cmp.Compare(b.weight, a.weight) })
		ws = ws[:MaxWords]
		slices.SortFunc(ws, func(a, b weighed) int { return cmp.Compare(a.i, b.i) })
	}
	s := &coverageSearcher{scorer: scorer.NewDisjunctionQueryScorer(opts), weight: q.ix.facets.sourceWeight}
	add := func(cq query.Query, word int, weak bool) error {
		cs, err := cq.Searcher(ctx, r, m, opts)
		if err != nil {
			return err
		}
		s.children = append(s.children, coverageChild{Searcher: cs, word: word, weak: weak})
		return nil
	}
	for j, w := range ws {
		s.weights = append(s.weights, w.weight)
		s.content = append(s.content, onlyFunction || !w.function)
		s.total += w.weight
		last := q.typing && w.i == len(q.words)-1
		// In a long query a function word is looked for in names only;
		// in a short one too when the query has no other words, where
		// the names that hold it ("proof of concept" for "of") are the
		// only answers worth ranking, and reading its posting lists in
		// every definition was the slowest search of all.
		restricted := w.function && (!short || onlyFunction)
		strong, weak := wordClauses(q.ix.expand(q.words[w.i], last, !short), restricted)
		if !short && w.df > weakMaxShare*float64(docs) {
			weak = nil // see weakMaxShare
		}
		if err := add(strong, j, false); err != nil {
			s.Close()
			return nil, err
		}
		if weak != nil {
			if err := add(weak, j, true); err != nil {
				s.Close()
				return nil, err
			}
		}
	}
	for _, wq := range q.whole {
		if err := add(wq, -1, false); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.curr = make([]*bsearch.DocumentMatch, len(s.children))
	s.covered = make([]float64, len(ws))
	s.top, s.prunedFlag = q.top, q.pruned
	s.partition(q.strong)
	s.computeQueryNorm()
	return s, nil
}

// isFunctionWord reports whether a word in df of the index's docs
// documents is a function word: in more than functionShare of them, and
// more than functionMinDocs.
func isFunctionWord(df, docs uint64) bool {
	return df > functionMinDocs && float64(df) > functionShare*float64(docs)
}

// functionOnly reports whether every word of a query is a function word,
// as the index's document frequencies say.
func (ix *Index) functionOnly(ctx context.Context, words []string) (bool, error) {
	if len(words) == 0 {
		return false, nil
	}
	// Generations never change: the manifest's count is the index's
	// (Open checks it), and most words' frequencies are already kept, so
	// a reader is opened only for a word not seen before.
	docs := ix.manifest.DocCount
	var r index.IndexReader
	defer func() {
		if r != nil {
			r.Close()
		}
	}()
	for _, w := range words {
		df, ok := ix.knownDocFreq(w)
		if !ok {
			if r == nil {
				if ix.closed.Load() {
					// scorch hands out a nil snapshot once closed.
					return false, bleve.ErrorIndexClosed
				}
				adv, err := ix.bleve.Advanced()
				if err != nil {
					return false, err
				}
				if r, err = adv.Reader(); err != nil {
					return false, err
				}
			}
			var err error
			if df, err = ix.docFreq(ctx, r, w); err != nil {
				return false, err
			}
		}
		if !isFunctionWord(df, docs) {
			return false, nil
		}
	}
	return true, nil
}

// knownDocFreq returns a word's document frequency if docFreq kept it.
func (ix *Index) knownDocFreq(word string) (uint64, bool) {
	n, ok := ix.dfs.Load(word)
	if !ok {
		return 0, false
	}
	return n.(uint64), true
}

// docFreq is the number of documents whose definition, examples or
// imported text hold the word (as the text analyzer indexes it: stemmed),
// whichever is most. Generations never change, so the counts are kept, up
// to maxDocFreqs words: query words repeat ("the", "server"), and each
// count costs three dictionary look-ups.
func (ix *Index) docFreq(ctx context.Context, r index.IndexReader, word string) (uint64, error) {
	if n, ok := ix.knownDocFreq(word); ok {
		return n, nil
	}
	stem := word
	if tokens := ix.textA.Analyze([]byte(word)); len(tokens) == 1 {
		stem = string(tokens[0].Term)
	}
	var most uint64
	for _, f := range []string{fieldDefinition, fieldExamples, fieldText} {
		tfr, err := r.TermFieldReader(ctx, []byte(stem), f, false, false, false)
		if err != nil {
			return 0, err
		}
		most = max(most, tfr.Count())
		if err := tfr.Close(); err != nil {
			return 0, err
		}
	}
	if ix.dfCount.Add(1) <= maxDocFreqs {
		ix.dfs.Store(word, most)
	}
	return most, nil
}

// maxDocFreqs bounds the document frequencies an index remembers.
const maxDocFreqs = 50000

// expand returns a query word with its similar name words (within its
// typo budget) and, for the word being typed, the name words it starts;
// in a long query, fewer of each (maxLongExpansions), since each is a
// posting list to read and one word of many matters less.
func (ix *Index) expand(w string, typing, long bool) coverageWord {
	cw := coverageWord{text: w}
	similar, completions := maxSimilar, maxCompletions
	if long {
		similar, completions = maxLongExpansions, maxLongExpansions
	}
	if f := Fuzziness(w); f > 0 {
		cw.similar = ix.complete.similarWords(w, f, similar)
	}
	if typing && utf8.RuneCountInString(w) >= minPrefix {
		cw.completing = ix.complete.wordsWithPrefix(w, completions)
	}
	return cw
}

// maxLongExpansions bounds the similar and completing name words of each
// word of a long query.
const maxLongExpansions = 3

// bm25IDF is BM25's inverse document frequency, never negative.
func bm25IDF(docs, df uint64) float64 {
	n, d := float64(docs), float64(min(df, docs))
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// wordClauses builds the clauses of one query word: strong matches it in a
// name (exactly, as one of the similar name words within its typo budget,
// or, for the word being typed, as one of the name words it starts) or in
// the definition; weak in examples, notes and collocations, and imported
// texts. A function word is matched in names only.
func wordClauses(w coverageWord, function bool) (strong, weak query.Query) {
	term := func(field, text string, boost float64) query.Query {
		q := query.NewTermQuery(text)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	match := func(field string, boost float64) query.Query {
		q := query.NewMatchQuery(w.text)
		q.SetField(field)
		q.Analyzer = analyzerText
		q.SetBoost(boost)
		return q
	}
	clauses := []query.Query{term(fieldName, w.text, 4)}
	for _, s := range w.completing {
		if s != w.text {
			clauses = append(clauses, term(fieldName, s, 2))
		}
	}
	for _, s := range w.similar {
		if s != w.text {
			clauses = append(clauses, term(fieldName, s, 1.5))
		}
	}
	if function {
		return query.NewDisjunctionQuery(clauses), nil
	}
	clauses = append(clauses, match(fieldDefinition, 1))
	return query.NewDisjunctionQuery(clauses), query.NewDisjunctionQuery([]query.Query{
		match(fieldExamples, 0.5), match(fieldAbout, 0.5), match(fieldText, 0.3),
	})
}

type coverageChild struct {
	bsearch.Searcher
	word int // index of the query word it matches; -1 for the whole query
	weak bool
}

// coverageSearcher merges its children's matches in document order, like
// bleve's disjunction searcher, and scores each document by the tier of
// its coverage, then by the sum of its children's scores.
type coverageSearcher struct {
	children []coverageChild
	curr     []*bsearch.DocumentMatch // each child's current match; nil once done
	num      []uint64                 // its document number; exhausted once done
	started  bool
	weights  []float64 // per query word
	content  []bool    // per query word: whether matching it alone makes a document a match
	total    float64   // sum of weights
	covered  []float64 // per query word, scratch
	matching []*bsearch.DocumentMatch
	at       []int // children at the current document, scratch
	// essential and optional are the children as partition splits them;
	// strong says a hit needs a strong match.
	essential, optional []int
	strong              bool
	// most is what each child can add to a coverage, in weight; byMost
	// the children in increasing order of it.
	most   []float64
	byMost []int
	// optionalMost is what the optional children can add together.
	optionalMost float64
	// top, tiers and need prune (see prune): the hits wanted, the tiers
	// of the best hits so far (a min-heap), and the least coverage, in
	// weight, a document needs to be among them.
	top        int
	tiers      tierHeap
	need       float64
	prunedFlag *bool // set when a document is skipped for it
	scorer     *scorer.DisjunctionQueryScorer
	weight     func(docNum uint64) float64
}

func (s *coverageSearcher) computeQueryNorm() {
	sum := 0.0
	for _, c := range s.children {
		sum += c.Weight()
	}
	if sum == 0 {
		return
	}
	norm := 1 / math.Sqrt(sum)
	for _, c := range s.children {
		c.SetQueryNorm(norm)
	}
}

func (s *coverageSearcher) start(ctx *bsearch.SearchContext) error {
	s.started = true
	s.num = make([]uint64, len(s.children))
	for i, c := range s.children {
		dm, err := c.Next(ctx)
		if err != nil {
			return err
		}
		s.set(i, dm)
	}
	return nil
}

// exhausted is the document number of a child that has no more matches.
const exhausted = math.MaxUint64

// set makes dm child i's current match. Comparing document numbers as
// integers instead of their byte form was a seventh of a description's
// time.
func (s *coverageSearcher) set(i int, dm *bsearch.DocumentMatch) {
	s.curr[i] = dm
	if dm == nil {
		s.num[i] = exhausted
		return
	}
	s.num[i] = dm.IndexInternalID.Value()
}

// Next returns the next document that any child matches, scored.
func (s *coverageSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	return s.next(ctx)
}

// Advance returns the first matching document at or after id.
func (s *coverageSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	target := id.Value()
	for i, c := range s.children {
		if s.num[i] == exhausted || s.num[i] >= target {
			continue
		}
		ctx.DocumentMatchPool.Put(s.curr[i])
		dm, err := c.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.set(i, dm)
	}
	return s.next(ctx)
}

func (s *coverageSearcher) next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		// The next candidate is the first document of a child that can
		// make one; the others are brought to it.
		low, lowAt := uint64(exhausted), -1
		for _, i := range s.essential {
			if s.num[i] < low {
				low, lowAt = s.num[i], i
			}
		}
		if lowAt < 0 {
			return nil, nil
		}
		lowID := s.curr[lowAt].IndexInternalID
		// MaxScore's bound: what the essential children at low and the
		// optional ones not yet ruled out could cover. The optional
		// children are looked up best first, and once the bound is
		// below the need, low is no hit and the rest are not advanced.
		// (Without a need every candidate is looked at: the bound, a
		// difference of floats, may then fall a little below zero.)
		bound := s.need > 0
		most := s.optionalMost
		if bound {
			for _, i := range s.essential {
				if s.num[i] == low {
					most += s.most[i]
				}
			}
		}
		for _, i := range s.optional {
			if bound && most < s.need {
				break
			}
			if s.num[i] < low {
				ctx.DocumentMatchPool.Put(s.curr[i])
				next, err := s.children[i].Advance(ctx, lowID)
				if err != nil {
					return nil, err
				}
				s.set(i, next)
			}
			if s.num[i] != low {
				most -= s.most[i]
			}
		}
		if bound && most < s.need {
			if s.prunedFlag != nil {
				*s.prunedFlag = true
			}
			if err := s.pass(ctx, low); err != nil {
				return nil, err
			}
			continue
		}
		s.matching, s.at = s.matching[:0], s.at[:0]
		clear(s.covered)
		whole, strongMatch := false, false
		for i, dm := range s.curr {
			if s.num[i] != low {
				continue
			}
			s.at = append(s.at, i)
			s.matching = append(s.matching, dm)
			c := s.children[i]
			switch {
			case c.word < 0:
				whole = true
			case c.weak:
				s.covered[c.word] = max(s.covered[c.word], weakShare)
			default:
				s.covered[c.word] = 1
				strongMatch = strongMatch || s.content[c.word]
			}
		}
		coverage, content := 1.0, whole
		if !whole && s.total > 0 {
			sum := 0.0
			for i, f := range s.covered {
				sum += f * s.weights[i]
				content = content || (f > 0 && s.content[i])
			}
			coverage = sum / s.total
		}
		var rv *bsearch.DocumentMatch
		hit := content && coverage > 0 && (whole || strongMatch || !s.strong)
		if hit && coverage*s.total < s.need {
			hit = false
			if s.prunedFlag != nil {
				*s.prunedFlag = true
			}
		}
		if hit {
			rv = s.scorer.Score(ctx, s.matching, len(s.matching), len(s.matching))
			score := rv.Score
			if s.weight != nil {
				score *= s.weight(rv.IndexInternalID.Value())
			}
			rv.Score = math.Floor(coverage/coverageTier+1e-9)*tierScale + score
		}
		for _, i := range s.at {
			if s.curr[i] != rv {
				ctx.DocumentMatchPool.Put(s.curr[i])
			}
			dm, err := s.children[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			s.set(i, dm)
		}
		if rv != nil {
			s.prune(coverage)
			return rv, nil
		}
	}
}

// pass moves the essential children at doc on to their next matches.
func (s *coverageSearcher) pass(ctx *bsearch.SearchContext, doc uint64) error {
	for _, i := range s.essential {
		if s.num[i] != doc {
			continue
		}
		ctx.DocumentMatchPool.Put(s.curr[i])
		dm, err := s.children[i].Next(ctx)
		if err != nil {
			return err
		}
		s.set(i, dm)
	}
	return nil
}

// partition splits the children into essential ones, whose matches are
// candidates, and optional ones, only looked up for those candidates, as
// the MaxScore algorithm does (Turtle and Flood, 1995). With strong, the
// clauses of examples, notes and imported texts are optional: a document
// they alone match is no hit, so their posting lists, the longest by far
// (an imported text runs to pages), are skipped through instead of read;
// when that finds nothing, a description is searched again without it.
// As the best hits so far raise the coverage a document needs (prune),
// the children that cover least become optional too: all of them together
// cannot reach it, so no document they alone match can be one of the best.
func (s *coverageSearcher) partition(strong bool) {
	s.strong = strong
	if s.most == nil {
		s.most = make([]float64, len(s.children))
		s.byMost = make([]int, len(s.children))
		for i, c := range s.children {
			s.byMost[i] = i
			switch {
			case c.word < 0:
				s.most[i] = math.Inf(1)
			case c.weak:
				s.most[i] = weakShare * s.weights[c.word]
			default:
				s.most[i] = s.weights[c.word]
			}
		}
		slices.SortStableFunc(s.byMost, func(a, b int) int { return cmp.Compare(s.most[a], s.most[b]) })
	}
	s.essential, s.optional = s.essential[:0], s.optional[:0]
	// What the optional children together can cover must stay below the
	// need, the weak ones made optional by strong included: a document
	// they alone match is then either no hit (no strong match) or one
	// that cannot rank.
	sum := 0.0
	forced := func(i int) bool { return strong && s.children[i].weak }
	for _, i := range s.byMost {
		if forced(i) {
			sum += s.most[i]
			s.optional = append(s.optional, i)
		}
	}
	for _, i := range s.byMost {
		if forced(i) {
			continue
		}
		if sum+s.most[i] < s.need {
			sum += s.most[i]
			s.optional = append(s.optional, i)
			continue
		}
		s.essential = append(s.essential, i)
	}
	s.optionalMost = sum
	// Best first, so that next rules a candidate out after as few
	// look-ups as it can.
	slices.SortStableFunc(s.optional, func(a, b int) int { return cmp.Compare(s.most[b], s.most[a]) })
}

// prune records the coverage of a hit returned. Once top hits have been
// found, a document whose coverage is in a lower tier than the lowest of
// them can never rank among the best (tiers come before scores), so it is
// skipped and the children that cannot reach that tier become optional.
// The top hits are exactly those an exhaustive search finds; the total
// counts only the hits returned, a lower bound (Result.Estimated). A
// document that only optional children match is not even looked at, so
// it is skipped without a trace: whenever the need is above zero, the
// total may be a lower bound.
func (s *coverageSearcher) prune(coverage float64) {
	if s.top <= 0 {
		return
	}
	tier := math.Floor(coverage/coverageTier + 1e-9)
	switch {
	case len(s.tiers) < s.top:
		heap.Push(&s.tiers, tier)
	case tier > s.tiers[0]:
		s.tiers[0] = tier
		heap.Fix(&s.tiers, 0)
	default:
		return
	}
	if len(s.tiers) < s.top {
		return
	}
	if need := (s.tiers[0]*coverageTier - 1e-9) * s.total; need > s.need {
		s.need = need
		if s.prunedFlag != nil {
			*s.prunedFlag = true
		}
		s.partition(s.strong)
	}
}

// tierHeap is a min-heap of coverage tiers.
type tierHeap []float64

func (h tierHeap) Len() int           { return len(h) }
func (h tierHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h tierHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *tierHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *tierHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// coverageTiers is the tier of complete coverage.
var coverageTiers = math.Floor(1/coverageTier + 1e-9)

// Partial reports whether a combined score is below the tier of complete
// coverage: the term does not match every word of the query.
func partialScore(score float64) bool { return score < coverageTiers*tierScale }

func (s *coverageSearcher) Weight() float64 {
	sum := 0.0
	for _, c := range s.children {
		sum += c.Weight()
	}
	return sum
}

func (s *coverageSearcher) SetQueryNorm(norm float64) {
	for _, c := range s.children {
		c.SetQueryNorm(norm)
	}
}

func (s *coverageSearcher) Count() uint64 {
	var n uint64
	for _, c := range s.children {
		n += c.Count()
	}
	return n
}

func (s *coverageSearcher) Close() error {
	var first error
	for _, c := range s.children {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (s *coverageSearcher) Min() int { return 0 }

func (s *coverageSearcher) Size() int {
	n := 0
	for _, c := range s.children {
		n += c.Size()
	}
	return n
}

func (s *coverageSearcher) DocumentMatchPoolSize() int {
	n := 1
	for _, c := range s.children {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
