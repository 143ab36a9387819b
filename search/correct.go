package search

import (
	"cmp"
	"slices"
)

// Bounds of phrase correction.
const (
	// correctMaxWords is the longest query, in words, that is compared
	// with names as a whole: longer ones are descriptions.
	correctMaxWords = 6
	// correctMaxEdits is the most typos corrected in one query.
	correctMaxEdits = 2
	// correctMaxCandidates bounds the names compared with a query.
	correctMaxCandidates = 256
)

// correctPhrase finds the name a query of a few words means when some of
// its words are no word of any name but are a typo or two away from the
// words of one: "rase condition" is "race condition", "helth check"
// "health check", "lod balancer" "load balancer". Short words get one typo
// each here, where alone they get none (Fuzziness): inside a known name
// the rest of the name says which word was meant. Each corrected word
// keeps its first letter and its place; the name has as many words as the
// query; at most correctMaxEdits typos in all. Names are terms, aliases
// and forms ("rase conditions" is "race conditions"). The closest name wins, then
// the first in autocomplete's order (curated, shorter); it returns the
// name's words and the name as written.
func (ix *Index) correctPhrase(words []string) ([]string, string, bool) {
	if len(words) < 2 || len(words) > correctMaxWords {
		return nil, "", false
	}
	c := ix.complete
	// The candidates are the terms of the known word with the fewest, or
	// when every word is unknown, of the names words closest to the
	// longest query word.
	var lists [][]int32
	unknown, fewest := 0, -1
	for _, w := range words {
		ts, ok := c.wordTerms[w]
		if !ok {
			unknown++
			continue
		}
		if fewest < 0 || len(ts) < fewest {
			lists, fewest = [][]int32{ts}, len(ts)
		}
	}
	if unknown == 0 || unknown > correctMaxEdits {
		return nil, "", false
	}
	if lists == nil {
		longest := slices.MaxFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		for _, s := range c.similarWords(longest, max(1, Fuzziness(longest)), maxSimilar) {
			lists = append(lists, c.wordTerms[s])
		}
	}
	typed := make([][]rune, len(words))
	for i, w := range words {
		typed[i] = []rune(w)
	}
	type found struct {
		words []string
		name  string
		edits int
		place uint64
	}
	var best *found
	n := 0
	for i := range c.byPlace(lists) {
		if n++; n > correctMaxCandidates {
			break
		}
		t := c.terms[i]
		for _, name := range slices.Concat([]string{t.Term}, t.Aliases, t.Forms) {
			nw := ix.words(name)
			if len(nw) != len(words) {
				continue
			}
			edits := 0
			for j, w := range nw {
				if w == words[j] {
					continue
				}
				// Only unknown words are corrected, each within its
				// budget, keeping its first letter.
				budget := max(1, Fuzziness(words[j]))
				d := budget + 1
				if _, known := c.wordTerms[words[j]]; !known && len(typed[j]) >= 3 && []rune(w)[0] == typed[j][0] {
					d = wordDistance(typed[j], w, budget)
				}
				if d > budget {
					edits = correctMaxEdits + 1
					break
				}
				edits += d
			}
			if edits == 0 || edits > correctMaxEdits {
				continue
			}
			if best == nil || edits < best.edits || (edits == best.edits && c.place[i] < best.place) {
				best = &found{words: nw, name: name, edits: edits, place: c.place[i]}
			}
		}
	}
	if best == nil {
		return nil, "", false
	}
	return best.words, best.name, true
}
