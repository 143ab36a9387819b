package server

import (
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// Route classes, each with its own rate limit per client: autocomplete is
// called on every keystroke, so it gets a bigger budget than search.
const (
	ClassSearch  = "search"  // GET /api/v1/search and the /search page with its results
	ClassSuggest = "suggest" // GET /api/v1/suggest
	ClassLookup  = "lookup"  // every other route, API or page: terms, related terms, roles, browse...
)

// routeClass maps route patterns to their class; others are lookups.
var routeClass = map[string]string{
	"/api/v1/search":  ClassSearch,
	"/api/v1/suggest": ClassSuggest,
	"/search":         ClassSearch, // the web page runs the same search
	"/search/results": ClassSearch,
}

// RateLimit is one client's budget for a class of routes: Rate requests per
// second on average, in bursts of up to Burst. A zero Rate means no limit.
type RateLimit struct {
	Rate  float64
	Burst int
}

// RateLimits configures per-client rate limiting. Clients are told apart by
// their IP address as gin resolves it (see Options.TrustedProxies), IPv6
// addresses by their /64 network, which one host usually owns whole.
type RateLimits struct {
	Search, Suggest, Lookup RateLimit
	// MaxClients bounds the clients remembered per class. Idle clients are
	// forgotten once their budget is full again, which changes nothing for
	// them; past the bound, an arbitrary client is forgotten. 0 means
	// DefaultMaxClients.
	MaxClients int
}

// DefaultMaxClients is the default bound on clients remembered per class.
const DefaultMaxClients = 10000

func (rl RateLimits) validate() error {
	for class, l := range map[string]RateLimit{ClassSearch: rl.Search, ClassSuggest: rl.Suggest, ClassLookup: rl.Lookup} {
		if l.Rate < 0 || math.IsNaN(l.Rate) || math.IsInf(l.Rate, 0) {
			return fmt.Errorf("rate limit of %s: rate must be a number of requests per second, 0 or more, got %v", class, l.Rate)
		}
		if l.Rate > 0 && l.Burst < 1 {
			return fmt.Errorf("rate limit of %s: burst must be at least 1 when the rate is not 0, got %d", class, l.Burst)
		}
	}
	if rl.MaxClients < 0 {
		return fmt.Errorf("rate limit: max clients must not be negative, got %d", rl.MaxClients)
	}
	return nil
}

// limiters holds a limiter per class; a class without a limit has none.
type limiters map[string]*limiter

func newLimiters(rl RateLimits) limiters {
	max := rl.MaxClients
	if max == 0 {
		max = DefaultMaxClients
	}
	ls := limiters{}
	for class, l := range map[string]RateLimit{ClassSearch: rl.Search, ClassSuggest: rl.Suggest, ClassLookup: rl.Lookup} {
		if l.Rate > 0 {
			ls[class] = newLimiter(l, max)
		}
	}
	return ls
}

// rateLimit answers 429 with Retry-After to a client over its budget for
// the route's class.
func (s *Server) rateLimit(c *gin.Context) {
	class, ok := routeClass[c.FullPath()]
	if !ok {
		class = ClassLookup
	}
	l := s.limiters[class]
	if l == nil {
		c.Next()
		return
	}
	wait := l.reserve(clientKey(c.ClientIP()), time.Now())
	if wait > 0 {
		s.metrics.rateLimited.WithLabelValues(class).Inc()
		secs := int(math.Ceil(wait.Seconds()))
		c.Header("Retry-After", strconv.Itoa(secs))
		s.respondError(c, http.StatusTooManyRequests, fmt.Sprintf("too many %s requests from your address: at most %g a second (bursts of %d); retry in %d s",
			class, float64(l.limit), l.burst, secs))
		return
	}
	c.Next()
}

// clientKey is the rate-limit key of a client address: the address, or
// its /64 network for IPv6.
func clientKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// limiter is a token bucket per client, in a map bounded in size.
type limiter struct {
	limit rate.Limit
	burst int
	max   int
	// idle is how long it takes a client's bucket to fill up again: a
	// client idle that long is the same as a new one and can be forgotten.
	idle time.Duration

	mu        sync.Mutex
	clients   map[string]*client
	lastSweep time.Time
}

type client struct {
	bucket *rate.Limiter
	last   time.Time
}

func newLimiter(l RateLimit, max int) *limiter {
	return &limiter{
		limit:   rate.Limit(l.Rate),
		burst:   l.Burst,
		max:     max,
		idle:    time.Duration(float64(l.Burst) / l.Rate * float64(time.Second)),
		clients: map[string]*client{},
	}
}

// reserve takes a token from key's bucket at now and returns 0, or leaves
// the bucket alone and returns how long until a token is there.
func (l *limiter) reserve(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > l.idle {
		l.sweep(now)
	}
	c := l.clients[key]
	if c == nil {
		if len(l.clients) >= l.max {
			l.sweep(now)
			for k := range l.clients { // still full: forget one at random
				if len(l.clients) < l.max {
					break
				}
				delete(l.clients, k)
			}
		}
		c = &client{bucket: rate.NewLimiter(l.limit, l.burst)}
		l.clients[key] = c
	}
	c.last = now
	r := c.bucket.ReserveN(now, 1)
	if !r.OK() {
		return time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}

// sweep forgets clients whose buckets are full again.
func (l *limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, c := range l.clients {
		if now.Sub(c.last) >= l.idle {
			delete(l.clients, k)
		}
	}
}

// size returns how many clients are remembered.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}
