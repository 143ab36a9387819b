package server

import (
	"errors"
	"fmt"
	"net"
	"strings"
)

// Validate reports settings New cannot use; New returns the same error.
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

// configure applies the options New does not simply copy. New has
// validated them, so an error here is one Validate does not foresee.
func (s *Server) configure(opts Options) error {
	s.limiters = newLimiters(opts.RateLimits)
	if err := s.engine.SetTrustedProxies(opts.TrustedProxies); err != nil {
		return fmt.Errorf("trusted proxies: %w", err)
	}
	cors, err := corsMiddleware(opts.AllowedOrigins)
	if err != nil {
		return err
	}
	s.cors = cors
	return nil
}

// validProxy reports whether gin accepts p as a trusted proxy.
func validProxy(p string) bool {
	if strings.Contains(p, "/") {
		_, _, err := net.ParseCIDR(p)
		return err == nil
	}
	return net.ParseIP(p) != nil
}
