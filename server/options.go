package server

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/gin-gonic/gin"
)

// Validate reports settings New cannot use. New itself never fails: it
// falls back to safe settings (no trusted proxy, no CORS) and logs why.
func (o Options) Validate() error {
	var errs []error
	if err := o.RateLimits.validate(); err != nil {
		errs = append(errs, err)
	}
	if err := gin.New().SetTrustedProxies(o.TrustedProxies); err != nil {
		errs = append(errs, fmt.Errorf("trusted proxies: %w (give IP addresses or CIDR ranges such as 10.0.0.0/8)", err))
	}
	if _, err := corsMiddleware(o.AllowedOrigins); err != nil {
		errs = append(errs, err)
	}
	if o.MaxBodyBytes < 0 {
		errs = append(errs, fmt.Errorf("max body bytes must not be negative, got %d", o.MaxBodyBytes))
	}
	return errors.Join(errs...)
}

// configure applies the options New does not simply copy, falling back to
// safe settings when one is invalid.
func (s *Server) configure(opts Options) {
	if err := opts.RateLimits.validate(); err != nil {
		s.log.Error("rate limits not applied", slog.Any("error", err))
	} else {
		s.limiters = newLimiters(opts.RateLimits)
	}
	if err := s.engine.SetTrustedProxies(opts.TrustedProxies); err != nil {
		s.log.Error("trusted proxies not applied: trusting none", slog.Any("error", err))
		s.engine.SetTrustedProxies(nil)
	}
	cors, err := corsMiddleware(opts.AllowedOrigins)
	if err != nil {
		s.log.Error("CORS not enabled", slog.Any("error", err))
	}
	s.cors = cors
}
