package server

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

// corsMiddleware lets the browser-based editor plugins and sites in
// origins call the API: their requests get Access-Control-* headers and
// their preflight requests a 204. A request from any other origin is
// served as if CORS did not exist (no Access-Control-* headers, so the
// browser does not hand the response to the calling script), rather than
// refused with gin-contrib/cors's empty 403. "*" allows every origin. nil
// means CORS is off. It runs before everything that can answer, so 304s
// and errors carry the same CORS headers as the answers they stand for,
// and Vary: Origin tells caches that those headers depend on the origin.
func corsMiddleware(origins []string) (gin.HandlerFunc, error) {
	if len(origins) == 0 {
		return nil, nil
	}
	if err := checkOrigins(origins); err != nil {
		return nil, err
	}
	all := slices.Contains(origins, "*")
	cfg := cors.Config{
		AllowOrigins: origins,
		AllowMethods: []string{"GET", "HEAD", "OPTIONS"},
		// If-None-Match for plugins that keep their own cache and
		// revalidate (a browser's HTTP cache sends it without asking);
		// ETag so that they can read the tag to send. Cache-Control is
		// readable by any script already (a CORS-safelisted header).
		AllowHeaders:  []string{"Accept", "Accept-Language", "If-None-Match", RequestIDHeader},
		ExposeHeaders: []string{"ETag", GenerationHeader, RequestIDHeader, "Retry-After"},
		MaxAge:        2 * time.Hour, // the longest browsers honour
	}
	if all {
		cfg.AllowOrigins, cfg.AllowAllOrigins = nil, true
	}
	for _, o := range origins {
		if scheme, _, ok := strings.Cut(o, "://"); ok && scheme != "http" && scheme != "https" && !slices.Contains(cfg.CustomSchemas, scheme+"://") {
			cfg.CustomSchemas = append(cfg.CustomSchemas, scheme+"://")
		}
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("allowed origins: %w", err)
	}
	handle := cors.New(cfg)
	return func(c *gin.Context) {
		c.Writer.Header().Add("Vary", "Origin")
		origin := c.GetHeader("Origin")
		if origin == "" || !all && !slices.Contains(origins, origin) {
			c.Next()
			return
		}
		handle(c)
		if !c.IsAborted() {
			c.Next()
		}
	}, nil
}

// checkOrigins checks each allowed origin is "*" or an origin as browsers
// send it: scheme://host[:port], no path, no trailing slash.
func checkOrigins(origins []string) error {
	for _, o := range origins {
		if o == "*" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.Contains(o, "*") {
			return fmt.Errorf("allowed origin %q is not an origin: write scheme://host[:port], such as https://editor.example.com, without a path or trailing slash", o)
		}
		if strings.ToLower(o) != o {
			return fmt.Errorf("allowed origin %q: write it in lower case, as browsers send it", o)
		}
	}
	return nil
}
