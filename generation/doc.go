// Package generation owns the format of an index generation: what the
// indexer package writes and the search package reads. Both import it and
// not each other.
//
// A data folder holds:
//
//	CURRENT                 the name of the generation being served (PointerFile)
//	generations/<name>/     one sealed generation (GenerationsDir, Dir); names
//	                        are gen-NNNNNN (Name, Number)
//	index.lock              held by the one indexer running (LockFile)
//	sources/                the imported glossaries, one JSON file each (SourcesDir)
//	gaps.json               the searches that found nothing (GapsFile)
//	tmp-*/                  a build in progress (or left by a crash)
//
// A generation's folder holds index/ (bleve, built with Mapping),
// corpus.gob (the corpus snapshot), the artifacts its indexer was given
// (such as completions.gob, whose format is Completions) and, written
// last, manifest.json (Manifest), which records every other file's size
// and SHA-256 (Checksums, CheckGeneration).
//
// Mapping defines the fields and analyzers: the indexer indexes documents
// with them and the search package queries the same names. It also
// registers the stemming token filter the mapping names, so that any
// program that opens an index has it.
//
// WriteFile writes a file atomically and durably (a temporary file, fsync,
// rename, fsync of the folder): the indexer for every file of a generation
// and for CURRENT, serve for gaps.json, import for sources/.
package generation
