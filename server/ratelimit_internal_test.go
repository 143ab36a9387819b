package server

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiterForgetsIdleClients(t *testing.T) {
	t.Parallel()
	l := newLimiter(RateLimit{Rate: 10, Burst: 20}, 1000) // full again after 2 s
	now := time.Unix(1_000_000, 0)
	for i := range 500 {
		l.reserve(fmt.Sprintf("10.0.%d.%d", i/256, i%256), now)
	}
	if n := l.size(); n != 500 {
		t.Fatalf("clients = %d; want 500", n)
	}
	l.reserve("192.0.2.1", now.Add(time.Second))
	if n := l.size(); n != 501 {
		t.Errorf("clients after 1 s = %d; want 501 (none idle long enough)", n)
	}
	l.reserve("192.0.2.2", now.Add(2500*time.Millisecond))
	if n := l.size(); n != 2 {
		t.Errorf("clients after 2.5 s = %d; want 2 (the 500 had full buckets again)", n)
	}
}

func TestLimiterBoundsClients(t *testing.T) {
	t.Parallel()
	l := newLimiter(RateLimit{Rate: 1, Burst: 1000}, 100) // never idle in this test
	now := time.Unix(1_000_000, 0)
	for i := range 10_000 {
		l.reserve(fmt.Sprintf("client-%d", i), now.Add(time.Duration(i)*time.Microsecond))
		if n := l.size(); n > 100 {
			t.Fatalf("clients = %d after %d; want at most 100", n, i+1)
		}
	}
}

func TestLimiterRetryAfter(t *testing.T) {
	t.Parallel()
	l := newLimiter(RateLimit{Rate: 2, Burst: 3}, 10)
	now := time.Unix(1_000_000, 0)
	for i := range 3 {
		if d := l.reserve("a", now); d != 0 {
			t.Fatalf("request %d waited %s; want a burst of 3", i+1, d)
		}
	}
	if d := l.reserve("a", now); d != 500*time.Millisecond {
		t.Errorf("4th request: wait %s; want 500ms", d)
	}
	// A refused request does not use up a token.
	if d := l.reserve("a", now.Add(500*time.Millisecond)); d != 0 {
		t.Errorf("after 500ms: wait %s; want 0", d)
	}
	if d := l.reserve("b", now); d != 0 {
		t.Errorf("another client waited %s; want its own budget", d)
	}
}

func TestClientKey(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"203.0.113.7":                "203.0.113.7",
		"::ffff:203.0.113.7":         "203.0.113.7",
		"2001:db8:1:2:3:4:5:6":       "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:ffff:0:1": "2001:db8:1:2::/64",
		"2001:db8:1:3::1":            "2001:db8:1:3::/64",
		"not an address":             "not an address",
	}
	for ip, want := range tests {
		if got := clientKey(ip); got != want {
			t.Errorf("clientKey(%q) = %q; want %q", ip, got, want)
		}
	}
}
