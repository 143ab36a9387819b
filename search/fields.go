package search

// Field and analyzer names, as defined by the indexer's mapping (see
// indexer/mapping.go; the tests build real indexes with it, so a mismatch
// fails them). They are repeated here rather than imported so that the
// query side does not depend on the build side.
const (
	fieldName       = "name"
	fieldExact      = "exact"
	fieldDefinition = "definition"
	fieldExamples   = "examples"
	fieldText       = "text"
	fieldAbout      = "about"
	fieldSquash     = "squash"
	fieldSort       = "sort"

	analyzerName = "glossary_name"
	analyzerText = "glossary_text"

	pointerFile    = "CURRENT"
	generationsDir = "generations"
	indexDir       = "index"
	corpusFile     = "corpus.gob"
	manifestFile   = "manifest.json"
)
