package generation

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names registered in the mapping. The search package analyses
// query text with the same names, through the index's own mapping.
const (
	// AnalyzerName splits names into lower-case words, with no stemming and
	// no stop words, so "IT", "do" or "if" stay searchable.
	AnalyzerName = "glossary_name"
	// AnalyzerExact keeps a whole name as one lower-case token.
	AnalyzerExact = "glossary_exact"
	// AnalyzerText is English with stemming but without a stop list.
	AnalyzerText = "glossary_text"
)

// Field names of an indexed term.
const (
	FieldName        = "name"         // term, aliases and forms, as words
	FieldExact       = "exact"        // term, aliases and forms, each whole
	FieldAliasPrefix = "alias_prefix" // aliases, prefixes of each whole alias
	FieldDefinition  = "definition"
	FieldExamples    = "examples"
	FieldAbout       = "about"  // notes and collocations: what else an entry says
	FieldSquash      = "squash" // term, aliases and forms folded to letters and digits (corpus.Squash)
	FieldText        = "text"   // imported entries' whole text and secondary senses
	FieldSort        = "sort"   // lower-cased display term, for stable ordering
	FieldLength      = "length" // characters in the display term: shorter completions first
)

// Mapping returns the index mapping for glossary terms. It is lean on
// purpose: no _all field, no dynamic fields, term vectors and stored values
// only where highlighting needs them. Prefixes are not indexed either:
// autocomplete and the word being typed in a search complete from the
// search package's in-memory word list. Facets (role, category, level, part
// of speech) are not indexed: the search package counts and filters them
// in memory from the corpus snapshot, which was faster than doc values.
func Mapping() (mapping.IndexMapping, error) {
	im := mapping.NewIndexMapping()
	im.DefaultAnalyzer = AnalyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	analyzers := map[string]map[string]any{
		AnalyzerName:  {"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []any{lowercase.Name}},
		AnalyzerExact: {"type": custom.Name, "tokenizer": single.Name, "token_filters": []any{lowercase.Name}},
		AnalyzerText:  {"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []any{en.PossessiveName, lowercase.Name, StemmerName}},
	}
	for name, a := range analyzers {
		if err := im.AddCustomAnalyzer(name, a); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", name, err)
		}
	}

	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}

	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldName, text(AnalyzerName, false, false))
	dm.AddFieldMappingsAt(FieldExact, text(AnalyzerExact, false, false))
	dm.AddFieldMappingsAt(FieldSquash, text(keyword.Name, false, false))
	dm.AddFieldMappingsAt(FieldDefinition, text(AnalyzerText, true, true))
	dm.AddFieldMappingsAt(FieldExamples, text(AnalyzerText, true, true))
	// Searched but neither stored nor highlighted: results show the
	// definition, and long imported texts would make the index heavy.
	dm.AddFieldMappingsAt(FieldText, text(AnalyzerText, false, false))
	// Notes and collocations are searched, for descriptions ("what's the
	// word for ..."), but not shown in results.
	dm.AddFieldMappingsAt(FieldAbout, text(AnalyzerText, false, false))
	dm.AddFieldMappingsAt(FieldSort, kw())
	im.DefaultMapping = dm
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("validate mapping: %w", err)
	}
	return im, nil
}
