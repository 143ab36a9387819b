package generation

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Names inside a data folder.
const (
	// PointerFile holds the name of the generation being served.
	PointerFile = "CURRENT"
	// GenerationsDir holds the sealed generations, one folder each.
	GenerationsDir = "generations"
	// LockFile is held (flock) by the one indexer running.
	LockFile = "index.lock"
	// SourcesDir holds the imported glossaries, one JSON file each.
	SourcesDir = "sources"
	// GapsFile holds the queries that found nothing, kept by serve.
	GapsFile = "gaps.json"
)

// Names inside a generation's folder.
const (
	// IndexDir is the bleve index, merged to one segment.
	IndexDir = "index"
	// CorpusFile is the corpus snapshot the generation was built from.
	CorpusFile = "corpus.gob"
	// ManifestFile is the Manifest, written last.
	ManifestFile = "manifest.json"
)

// prefix starts every generation name: "gen-" and its number.
const prefix = "gen-"

// maxDigits bounds the digits of a generation name, so that its number
// fits an int.
const maxDigits = 18

// Name returns the name of generation number n: gen-000012 for 12. Names
// of numbers below a million sort as their numbers do.
func Name(n int) string { return fmt.Sprintf("%s%06d", prefix, n) }

// Number returns the number of the generation called name and whether
// name is a generation name at all: "gen-" and 1 to 18 decimal digits.
// Anything else (a path such as ../x or /etc, garbage, terminal escapes)
// names no generation; callers that show it quote it (%q) so that it is
// never echoed raw.
func Number(name string) (int, bool) {
	digits, ok := strings.CutPrefix(name, prefix)
	if !ok || digits == "" || len(digits) > maxDigits {
		return 0, false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// Dir returns the folder of generation name in dataDir.
func Dir(dataDir, name string) string {
	return filepath.Join(dataDir, GenerationsDir, name)
}

// Manifest describes a sealed generation. The indexer writes it last, into
// the generation's folder (ManifestFile); the query side reads it to check
// what it opens.
type Manifest struct {
	Generation string    `json:"generation"`
	Created    time.Time `json:"created"`
	Terms      int       `json:"terms"`
	Roles      int       `json:"roles"`
	DocCount   uint64    `json:"doc_count"`
	// Files lists every other file of the generation with its size and
	// SHA-256, as sealed; CheckGeneration compares them.
	Files []FileSum `json:"files"`
}
