// Package indexer builds immutable index generations from a corpus.
//
// A data folder holds:
//
//	CURRENT                 the name of the generation being served
//	generations/<name>/     one sealed generation: index/ (bleve),
//	                        corpus.gob (the entries) and manifest.json
//	tmp-*/                  a build in progress (or left by a crash)
//	index.lock              held by the one indexer running
//
// Build writes a new generation into a temporary folder it alone owns,
// merges it to one segment, seals it, renames it into generations/ and only
// then switches CURRENT (write a temporary file, fsync, rename). What is
// being served is never modified, so a failed or killed build loses nothing.
//
// The field layout and analyzers are defined by Mapping; the search package
// queries the same field names.
package indexer
