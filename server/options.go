package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
)

// Validate reports settings New cannot use. New itself never fails: it
// falls back to safe settings (no trusted proxy, no CORS) and logs why.
func (o Options) Validate() error {
	var errs []error
	if err := o.RateLimits.validate(); err != nil {
		errs = append(errs, err)
	}
	for _, p := range o.TrustedProxies {
		if !validProxy(p) {
			errs = append(errs, fmt.Errorf("trusted proxies: %q is neither an IP address nor a CIDR range such as 10.0.0.0/8", p))
		}
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

// validProxy reports whether gin accepts p as a trusted proxy.
func validProxy(p string) bool {
	if strings.Contains(p, "/") {
		_, _, err := net.ParseCIDR(p)
		return err == nil
	}
	return net.ParseIP(p) != nil
}
