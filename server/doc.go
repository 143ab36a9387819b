// Package server is the glossary's HTTP interface: the JSON API under
// /api/v1, health and readiness checks, Prometheus metrics, and the
// learner's web pages (home, search, term, role, roles, levels and browse
// pages, and the my-words and practice pages, whose data lives in the
// browser).
//
// It is built on gin and knows nothing of bleve: it is handed a Source of
// search generations and asks it for one per request, so a reindex can swap
// generations while requests run. API errors are answered as RFC 9457
// application/problem+json bodies whose detail says what to fix; page
// errors as HTML pages with the same status.
//
// The API is a contract for editor plugins and other clients:
// openapi.json describes it (served at /api/v1/openapi.json, held to the
// real routes and answers by openapi_test.go, explained in docs/api.md).
// Its answers carry weak ETags computed from the generation and the URL,
// so a revalidation is answered 304 without searching (cache.go).
//
// The server is meant to face the public internet. Every request passes
// through middleware.go (request id, access log and metrics, panic
// recovery, security headers with a Content-Security-Policy the pages are
// built for, CORS, body and parameter checks) and searches through
// per-client rate limits (ratelimit.go); what it may trust about its
// clients (proxies, origins) is set explicitly in Options.
//
// The pages are html/template templates and static files embedded from the
// web package. They are rendered on the server, so they work without
// JavaScript and can be bookmarked; a small script adds autocomplete and
// live results.
package server
