// Package search is the query side of the glossary: full-text search with
// facets and typo tolerance, autocomplete, and related terms, over one
// sealed index generation built by the indexer package, in the format of
// the generation package (the search package does not import the
// indexer). CompletionArtifact is the completion index that a generation
// carries for it, for the indexer's caller to hand to the indexer.
//
// An Index is one opened generation: its bleve index (opened read-only) and
// the corpus snapshot it was built from, held in memory for term look-ups
// and related terms. Live holds the generation being served and lets a new
// one replace it while requests are still running on the old one; a Watcher
// switches a Live to the data folder's current generation when its CURRENT
// pointer changes, once the new one is verified (its caller decides when to
// look: serve on a ticker and on SIGHUP).
//
// An Index's Catalog is what pages list beside search results: look-ups
// by id and by name, labels (a hit's source by its short name), and the
// counts of browsing (terms by letter, category, glossary and level),
// made once per generation.
//
// Verify and OpenVerified check that a generation answers before it is
// served; Gaps counts the searches that found nothing.
//
// User text never reaches bleve's query-string syntax: every query is built
// from words produced by the index's own analyzers, so "+", "*", "~" or
// "field:" in a query are just characters.
package search
