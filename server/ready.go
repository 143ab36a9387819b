package server

import (
	"errors"
	"net/http"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// ErrNotReady is returned by a Source that has no generation to serve yet.
var ErrNotReady = errors.New("no index generation is open yet")

// Pending is a Source without a generation until Set gives it one. serve
// answers through it from the moment it listens, while the first index is
// still being opened or built: /healthz says the process is up, /readyz
// says 503 until Set, and API requests get 503 with Retry-After.
type Pending struct {
	src atomic.Pointer[Source]
}

// Set makes Acquire answer from src.
func (p *Pending) Set(src Source) { p.src.Store(&src) }

// Acquire implements Source.
func (p *Pending) Acquire() (Searcher, func(), error) {
	src := p.src.Load()
	if src == nil {
		return nil, nil, ErrNotReady
	}
	return (*src).Acquire()
}

// readyz handles GET /readyz: 200 with the generation once one is open and
// serving, 503 before that and once shutdown has begun, so a load balancer
// sends traffic only where it can be answered.
func (s *Server) readyz(c *gin.Context) {
	g, release, err := s.src.Acquire()
	if err != nil {
		s.fail(c, err)
		return
	}
	defer release()
	m := g.Manifest()
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"status": "ready", "generation": m.Generation, "terms": m.Terms})
}
