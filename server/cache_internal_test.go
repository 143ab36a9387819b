package server

import (
	"testing"
	"time"
)

func TestIfNoneMatchField(t *testing.T) {
	const etag = `W/"0123456789abcdef"`
	tests := []struct {
		field       string
		match, star bool
	}{
		{`W/"0123456789abcdef"`, true, false},
		{`"0123456789abcdef"`, true, false},
		{`"x", W/"0123456789abcdef"`, true, false},
		{`"x",W/"0123456789abcdef"`, true, false},
		{"\t\"x\" ,\t\"0123456789abcdef\"", true, false},
		{`"a,b", "0123456789abcdef"`, true, false}, // a comma inside a tag is part of it
		{`junk, "0123456789abcdef"`, true, false},
		{`W/junk, "0123456789abcdef"`, true, false},
		{`*`, true, true},
		{` * `, true, true},
		{`"x", *`, true, true},
		{``, false, false},
		{`,,,`, false, false},
		{`"x"`, false, false},
		{`W/"0123456789abcde"`, false, false},
		{`"0123456789abcdef`, false, false},
		{`0123456789abcdef`, false, false},
		{`W/W/"0123456789abcdef"`, false, false},
		{`"`, false, false},
		{`W/`, false, false},
	}
	for _, tt := range tests {
		match, star := ifNoneMatch(tt.field, etag)
		if match != tt.match || star != tt.star {
			t.Errorf("ifNoneMatch(%q, %q) = %v, %v; want %v, %v", tt.field, etag, match, star, tt.match, tt.star)
		}
	}
}

func TestHashQuery(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"q=ca&size=3", "size=3&q=ca", true},
		{"q=a+b", "q=a%20b", true},
		{"q=a%2Bb", "q=a%2bb", true},
		{"q=ca", "q=ca&", true},
		{"q=ca", "&&q=ca", true},
		{"q", "q=", true},
		{"q=%71", "q=q", true},
		{"%71=ca&size=3", "size=3&q=ca", true}, // an escaped name is decoded before sorting
		{"q=a&q=b", "q=b&q=a", false},          // the first value counts
		{"%71=a&q=b", "q=b&%71=a", false},
		{"q=a+b", "q=a%2Bb", false},
		{"q=ab&r=", "q=a&r=b", false},
		{"q=a&b", "q=a%26b", false},
		{"q=ca", "q=ca&x=1", false},
		{"a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9", "i=9&h=8&g=7&f=6&e=5&d=4&c=3&b=2&a=1", true},
	}
	for _, tt := range tests {
		ha, hb := hashQuery(fnvOffset, tt.a), hashQuery(fnvOffset, tt.b)
		if (ha == hb) != tt.same {
			t.Errorf("hashQuery(%q) == hashQuery(%q): %v; want %v", tt.a, tt.b, ha == hb, tt.same)
		}
	}
}

// TestHashQueryAllocs keeps the usual query's hash free of allocations:
// it runs on every API request.
func TestHashQueryAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { hashQuery(fnvOffset, "q=circ%20br&size=5&role=backend-developer") }); n != 0 {
		t.Errorf("hashQuery allocates %v times; want 0", n)
	}
}

// TestResponseCacheBounds: the cache never holds more bytes than its
// budget, counting each entry's overhead, never an answer over its byte
// bound, and keeps the first answer of a key put twice.
func TestResponseCacheBounds(t *testing.T) {
	const budget = 3 * (entryBytes + 10)
	rc := newResponseCache("test", budget, 100, NewMetrics())
	for k := range uint64(10) {
		rc.put(k, &cachedAnswer{head: make([]byte, 10), tail: []byte{byte(k)}})
		if n, bytes := rc.len(); bytes > budget || n > 2 || n == 0 || bytes != n*(entryBytes+11) {
			t.Fatalf("after %d puts the cache holds %d entries, %d bytes; want 1 or 2 entries of %d bytes, at most %d in all", k+1, n, bytes, entryBytes+11, budget)
		}
	}
	if a, ok := rc.get(9); !ok || a.tail[0] != 9 {
		t.Errorf("get(9) = %v, %v; want the last answer put", a, ok)
	}
	rc.put(9, &cachedAnswer{head: []byte("other")})
	if a, _ := rc.get(9); len(a.tail) != 1 {
		t.Errorf("a second answer under key 9 replaced the first: %q", a.head)
	}
	rc.put(42, &cachedAnswer{head: make([]byte, 60), tail: make([]byte, 41)})
	if _, ok := rc.get(42); ok {
		t.Error("an answer over the byte bound was cached")
	}
}

// TestTimedAnswer: a search answer is cut around its took_ms, and each
// hit writes its own; a query quoting the field cannot move the cut.
func TestTimedAnswer(t *testing.T) {
	body := []byte(`{"query":"\"took_ms\":-1","total":0,"took_ms":-1,"hits":[]}`)
	a := timedAnswer(body)
	want := `{"query":"\"took_ms\":-1","total":0,"took_ms":0.25,"hits":[]}`
	if got := string(a.body(250 * time.Microsecond)); got != want {
		t.Errorf("body = %s; want %s", got, want)
	}
	plain := timedAnswer([]byte(`{"suggestions":[]}`))
	if got := string(plain.body(time.Second)); got != `{"suggestions":[]}` {
		t.Errorf("an answer without took_ms = %s; want it unchanged", got)
	}
}
