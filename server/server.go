package server

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server/web"
)

// Searcher is what the server needs from one index generation: its
// searches, and its catalog for everything else a page lists (look-ups,
// labels and counts, made once per generation).
type Searcher interface {
	Search(ctx context.Context, r search.Request) (*search.Result, error)
	Suggest(ctx context.Context, r search.SuggestRequest) (*search.SuggestResult, error)
	Related(id string, size int) ([]search.Related, error)
	Catalog() *search.Catalog
	Manifest() search.Manifest
}

// Source hands out the generation to serve a request with; release must be
// called when the request is done with it.
type Source interface {
	Acquire() (s Searcher, release func(), err error)
}

// LiveSource serves the generation held by a search.Live.
type LiveSource struct{ Live *search.Live }

// Acquire implements Source.
func (l LiveSource) Acquire() (Searcher, func(), error) {
	ix, release, err := l.Live.Acquire()
	if err != nil {
		return nil, nil, err
	}
	return ix, release, nil
}

// GenerationHeader names the header that says which generation answered.
const GenerationHeader = "X-Glossary-Generation"

// Options configures a Server.
type Options struct {
	Logger       *slog.Logger // nil discards logs
	MaxBodyBytes int64        // larger request bodies get 413; 0 means DefaultMaxBodyBytes
	Metrics      *Metrics     // served at /metrics; nil means a new one
	RateLimits   RateLimits   // per client and route class; zero means no limits
	// TrustedProxies lists the proxies (IP addresses or CIDR ranges) whose
	// X-Forwarded-For and X-Real-IP headers name the client. None by
	// default: the client is the peer address, and those headers cannot
	// be spoofed to dodge rate limits.
	TrustedProxies []string
	// AllowedOrigins lists the origins (https://editor.example.com,
	// chrome-extension://id) whose browser scripts may call the API; "*"
	// allows any. Empty means no CORS headers at all.
	AllowedOrigins []string
	// Gaps records searches that found nothing; nil records none.
	Gaps GapRecorder
}

// Server serves the API and the web pages over a Source.
type Server struct {
	src     Source
	log     *slog.Logger
	engine  *gin.Engine
	tmpl    *renderer
	maxBody int64
	metrics *Metrics
	// suggestCache and searchCache hold recent answers (see
	// responseCache).
	suggestCache, searchCache *responseCache
	limiters                  limiters
	cors                      gin.HandlerFunc // nil when CORS is off
	gaps                      GapRecorder
}

// New returns a server answering from src, or the error that stops it:
// options that Validate rejects, or page templates that do not parse.
// It leaves process-wide state alone: the caller sets gin's mode.
func New(src Source, opts Options) (*Server, error) {
	return newServer(src, opts, web.Templates())
}

// newServer is New with the page templates given, so that a test can
// hand it broken ones.
func newServer(src Source, opts Options, templates fs.FS) (*Server, error) {
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("server options: %w", err)
	}
	tmpl, err := newRenderer(templates)
	if err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{src: src, log: log, engine: gin.New(), tmpl: tmpl, maxBody: cmp.Or(opts.MaxBodyBytes, DefaultMaxBodyBytes), metrics: opts.Metrics, gaps: opts.Gaps}
	if s.metrics == nil {
		s.metrics = NewMetrics()
	}
	s.suggestCache = newResponseCache("suggest", suggestCacheBytes, maxCachedSuggest, s.metrics)
	s.searchCache = newResponseCache("search", searchCacheBytes, maxCachedSearch, s.metrics)
	if err := s.configure(opts); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// readMethods are the methods every route answers: the server only reads.
var readMethods = []string{http.MethodGet, http.MethodHead}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() {
	e := s.engine
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.Use(s.middleware()...)
	// Every route answers HEAD as it answers GET, headers, ETag, 304 and
	// status alike (RFC 9110 section 9.3.2): get registers both, and
	// net/http drops what the handler writes as the body of a HEAD.
	get := func(r gin.IRoutes, path string, handlers ...gin.HandlerFunc) { r.Match(readMethods, path, handlers...) }
	get(e, "/healthz", s.healthz)
	get(e, "/readyz", s.readyz)
	get(e, "/metrics", gin.WrapH(s.metrics.handler()))
	// Every API answer can be cached and revalidated (cache.go): for a
	// minute where a reindex should show soon, five where it rarely does.
	short, long := cacheable(cacheShort), cacheable(cacheLong)
	api := e.Group("/api/v1", s.rateLimit, s.withGeneration)
	get(api, "/search", short, s.search)
	get(api, "/suggest", short, s.suggest)
	get(api, "/terms/:id", long, s.term)
	get(api, "/terms/:id/related", short, s.related)
	get(api, "/roles", long, s.roles)
	get(api, "/roles/:slug", long, s.role)
	get(api, "/practice/roles/:slug", long, s.practiceRole)
	get(api, "/practice/terms", long, s.practiceTerms)
	get(e, "/api/v1/openapi.json", s.rateLimit, long, s.openapi)
	get(e, "/static/*file", s.static)
	pages := e.Group("", s.rateLimit, s.withGeneration)
	get(pages, "/", s.home)
	get(pages, "/search", s.searchPage)
	get(pages, "/search/results", s.searchFragment)
	get(pages, "/terms/:id", s.termPage)
	get(pages, "/roles/:slug", s.rolePage)
	get(pages, "/browse", s.browse)
	get(pages, "/browse/:letter", s.browseLetter)
	get(pages, "/roles", s.rolesPage)
	get(pages, "/levels", s.levelsPage)
	get(pages, "/my-words", s.myWordsPage)
	get(pages, "/practice", s.practicePage)
	get(e, "/sw.js", s.serviceWorker)
	e.NoRoute(func(c *gin.Context) {
		s.respondError(c, http.StatusNotFound, "no such page: see /api/v1/search, /api/v1/suggest, /api/v1/terms/{id}, /api/v1/roles, and /api/v1/openapi.json for all of them")
	})
	e.NoMethod(func(c *gin.Context) {
		s.respondError(c, http.StatusMethodNotAllowed, "only GET and HEAD are supported here")
	})
}

// recover turns a panic into a 500 problem, logged with the request id and
// the stack.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v) // the client went away: net/http handles it quietly
			}
			s.log.Error("panic", slog.String("request_id", RequestID(c)), slog.String("route", c.FullPath()),
				slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
			s.respondError(c, http.StatusInternalServerError, "internal error")
		}
	}()
	c.Next()
}

const searcherKey = "searcher"

// withGeneration acquires a generation for the request, releases it when
// the request ends, and names it in a header.
func (s *Server) withGeneration(c *gin.Context) {
	g, release, err := s.src.Acquire()
	if err != nil {
		s.fail(c, err)
		return
	}
	defer release()
	c.Header(GenerationHeader, g.Manifest().Generation)
	c.Set(searcherKey, g)
	c.Next()
}

func searcher(c *gin.Context) Searcher { return c.MustGet(searcherKey).(Searcher) }

// healthz handles GET /healthz: the process is up.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
