// Package server is the glossary's HTTP interface: the JSON API under
// /api/v1, health and readiness checks, Prometheus metrics, and (later) the
// learner's web pages.
//
// It is built on gin and knows nothing of bleve: it is handed a Source of
// search generations and asks it for one per request, so a reindex can swap
// generations while requests run. Errors are answered as RFC 9457
// application/problem+json bodies whose detail says what to fix.
//
// The server is meant to face the public internet. Every request passes
// through middleware.go (request id, access log and metrics, panic
// recovery, security headers, CORS, body and parameter checks) and API
// requests through per-client rate limits (ratelimit.go); what it may
// trust about its clients (proxies, origins) is set explicitly in Options.
package server
