package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// Searcher is what the server needs from one index generation.
type Searcher interface {
	Search(ctx context.Context, r search.Request) (*search.Result, error)
	Suggest(ctx context.Context, r search.SuggestRequest) (*search.SuggestResult, error)
	Related(id string, size int) ([]search.Related, error)
	Term(id string) (*corpus.Term, error)
	Role(slug string) (*corpus.Role, error)
	Roles() []*corpus.Role
	Corpus() *corpus.Corpus
	Browse() []*corpus.Term
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
	Logger *slog.Logger // nil discards logs
}

// Server serves the API and the web pages over a Source.
type Server struct {
	src    Source
	log    *slog.Logger
	engine *gin.Engine
	tmpl   *renderer
}

// New returns a server answering from src.
func New(src Source, opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	tmpl, err := newRenderer()
	if err != nil {
		// The templates are compiled into the binary and every test parses
		// them: an error here is a bug in this package, not a condition to
		// handle at run time.
		panic(err)
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{src: src, log: log, engine: gin.New(), tmpl: tmpl}
	s.routes()
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

func (s *Server) routes() {
	e := s.engine
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.Use(s.recover)
	e.GET("/healthz", s.healthz)
	api := e.Group("/api/v1", s.withGeneration)
	api.GET("/search", s.search)
	api.GET("/suggest", s.suggest)
	api.GET("/terms/:id", s.term)
	api.GET("/terms/:id/related", s.related)
	api.GET("/roles", s.roles)
	api.GET("/roles/:slug", s.role)
	e.GET("/static/*file", s.static)
	pages := e.Group("", s.withGeneration)
	pages.GET("/", s.home)
	pages.GET("/search", s.searchPage)
	pages.GET("/search/results", s.searchFragment)
	pages.GET("/terms/:id", s.termPage)
	pages.GET("/roles/:slug", s.rolePage)
	pages.GET("/browse", s.browse)
	e.NoRoute(func(c *gin.Context) {
		s.respondError(c, http.StatusNotFound, "no such page: see /api/v1/search, /api/v1/suggest, /api/v1/terms/{id}, /api/v1/roles")
	})
	e.NoMethod(func(c *gin.Context) {
		s.respondError(c, http.StatusMethodNotAllowed, "only GET is supported here")
	})
}

// recover turns a panic into a logged 500 problem.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic", slog.String("route", c.FullPath()), slog.Any("panic", v))
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
