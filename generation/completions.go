package generation

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CompletionsFile is the completion index a generation carries: the search
// package's autocomplete keys and words, which it reads when it opens the
// generation instead of analysing every name again (docs/performance.md).
const CompletionsFile = "completions.gob"

// CompletionsVersion changes whenever Completions or the keys and words
// it holds change meaning (3: key kinds by name and alias, the name of
// each key, short prefixes' candidates as keys).
const CompletionsVersion = 3

// Completions is CompletionsFile's content: the keys sorted by text and
// the words of each term, as offsets into two strings, so that reading
// them allocates two strings instead of one per key and word; the terms
// in place order; and the candidates of short prefixes, as key indices.
// What the keys, kinds and names mean is the search package's business.
type Completions struct {
	Version       int
	Terms         int
	KeyText       string   // every key's text, in key order
	KeyEnds       []uint32 // end of each key's text in KeyText
	KeyTerms      []int32
	KeyKinds      []uint8
	KeyNames      []uint16
	Words         string   // every distinct word, in id order
	WordEnds      []uint32 // end of each word in Words
	TermWords     []uint32 // word ids of each term's names, term after term
	TermWordEnds  []uint32 // end of each term's ids in TermWords
	Order         []int32  // terms in place order
	ShortPrefixes []string
	ShortKeys     [][]int32
}

// completionData is the name gob records for Completions in the file (gob
// writes a struct's type name): the file's bytes stay those of the
// generations built before this package held the format.
type completionData Completions

// Encode writes d in CompletionsFile's format.
func (d *Completions) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := gob.NewEncoder(bw).Encode((*completionData)(d)); err != nil {
		return fmt.Errorf("encode %s: %w", CompletionsFile, err)
	}
	return bw.Flush()
}

// DecodeCompletions reads CompletionsFile's format from r. It returns nil
// and no error for a file of another version.
func DecodeCompletions(r io.Reader) (*Completions, error) {
	var d Completions
	if err := gob.NewDecoder(r).Decode((*completionData)(&d)); err != nil {
		return nil, fmt.Errorf("decode %s: %w", CompletionsFile, err)
	}
	if d.Version != CompletionsVersion {
		return nil, nil
	}
	return &d, nil
}

// ReadCompletions reads the completion index of the generation in dir. It
// returns nil and no error when the generation has none (built before it
// existed, or without it) or one of another version: the query side then
// builds the index itself.
func ReadCompletions(dir string) (*Completions, error) {
	f, err := os.Open(filepath.Join(dir, CompletionsFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return DecodeCompletions(bufio.NewReaderSize(f, 1<<16))
}
