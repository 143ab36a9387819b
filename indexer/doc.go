// Package indexer builds immutable index generations from a corpus, in the
// layout and format the generation package defines: index/ (bleve),
// corpus.gob (the entries), the artifacts it is given (Options.Artifacts)
// and manifest.json, in generations/<name>/ of a data folder.
//
// Build writes a new generation into a temporary folder it alone owns,
// merges it to one segment, seals it, renames it into generations/ and only
// then switches CURRENT (write a temporary file, fsync, rename). What is
// being served is never modified, so a failed or killed build loses nothing.
//
// The field layout and analyzers are generation.Mapping's; the search
// package queries the same field names. The indexer does not import the
// search package, nor the search package the indexer.
package indexer
