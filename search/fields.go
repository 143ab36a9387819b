package search

import "github.com/glossary/glossary/generation"

// Field and analyzer names of the index mapping (generation.Mapping),
// shared with the indexer through the generation package.
const (
	fieldName       = generation.FieldName
	fieldExact      = generation.FieldExact
	fieldDefinition = generation.FieldDefinition
	fieldExamples   = generation.FieldExamples
	fieldText       = generation.FieldText
	fieldAbout      = generation.FieldAbout
	fieldSquash     = generation.FieldSquash
	fieldSort       = generation.FieldSort

	analyzerName = generation.AnalyzerName
	analyzerText = generation.AnalyzerText
)
