// Package server is the glossary's HTTP interface: the JSON API under
// /api/v1, health checks, and (later) the learner's web pages.
//
// It is built on gin and knows nothing of bleve: it is handed a Source of
// search generations and asks it for one per request, so a reindex can swap
// generations while requests run. Errors are answered as RFC 9457
// application/problem+json bodies whose detail says what to fix.
package server
