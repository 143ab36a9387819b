// Package server is the glossary's HTTP interface: the JSON API under
// /api/v1, health checks, and the learner's web pages (home, search, term,
// role and browse pages).
//
// It is built on gin and knows nothing of bleve: it is handed a Source of
// search generations and asks it for one per request, so a reindex can swap
// generations while requests run. API errors are answered as RFC 9457
// application/problem+json bodies whose detail says what to fix; page
// errors as HTML pages with the same status.
//
// The pages are html/template templates and static files embedded from the
// web package. They are rendered on the server, so they work without
// JavaScript and can be bookmarked; a small script adds autocomplete and
// live results. Every page is sent with ContentSecurityPolicy, which allows
// no inline script or style.
package server
