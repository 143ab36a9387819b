// Package dictd imports public glossaries distributed in the dictd format
// (FOLDOC, the Jargon File and V.E.R.A., as Debian's dict-foldoc,
// dict-jargon and dict-vera packages install them under /usr/share/dictd):
// Open reads a database's .index and .dict (or dictzip'ed .dict.dz) files,
// and Convert turns its entries into a corpus.Source that the indexer
// merges with the curated corpus.
//
// Open reads the data by offsets: a dictzip file a chunk at a time
// (dictzip.go), never inflated whole, and in the order of the articles'
// offsets, so that each chunk is inflated once. The data is bounded by
// MaxDataBytes (64 MiB; FOLDOC has 5.3 MiB) and the index by
// MaxIndexBytes, so a small compressed file cannot fill the memory.
// Incomplete tells whether a database looks truncated, for the importer
// to refuse it.
//
// No data file of these packages is part of this repository: the importer
// reads them where the package installs them, and keeps each entry's source
// and licence so that pages and the API can attribute it.
package dictd
