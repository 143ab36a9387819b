package search

// Highlight keys: the keys of Hit.Highlights, each naming the part of the
// entry its fragments come from (HTML, with the matched words in <mark>).
// They are the names of the fields highlighted, which are the index's
// business; callers read them by these names, never by field names.
const (
	HighlightDefinition = fieldDefinition
	HighlightExamples   = fieldExamples
)

// highlighted lists the fields a text search highlights.
var highlighted = []string{HighlightDefinition, HighlightExamples}
