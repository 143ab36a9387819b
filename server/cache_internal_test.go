package server

import (
	"bytes"
	"hash/maphash"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

func TestIfNoneMatchField(t *testing.T) {
	t.Parallel()
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

func TestAppendQuery(t *testing.T) {
	t.Parallel()
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
		ka, kb := string(appendQuery(nil, tt.a)), string(appendQuery(nil, tt.b))
		if (ka == kb) != tt.same {
			t.Errorf("appendQuery(%q) == appendQuery(%q): %v; want %v", tt.a, tt.b, ka == kb, tt.same)
		}
	}
}

// TestAppendQueryAllocs keeps the usual query's key free of allocations
// beyond the key's own buffer: it runs on every API request.
func TestAppendQueryAllocs(t *testing.T) {
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { appendQuery(buf, "q=circ%20br&size=5&role=backend-developer") }); n != 0 {
		t.Errorf("appendQuery allocates %v times; want 0", n)
	}
}

// TestResponseCacheBounds: the cache never holds more bytes than its
// budget, counting each entry's overhead, never an answer over its byte
// bound, and keeps the first answer of a key put twice.
func TestResponseCacheBounds(t *testing.T) {
	t.Parallel()
	const budget = 3 * (entryBytes + 10)
	rc := newResponseCache("test", budget, 100, NewMetrics())
	for k := range 10 {
		rc.put(strconv.Itoa(k), &cachedAnswer{head: make([]byte, 10), tail: []byte{byte(k)}})
		if n, bytes := rc.len(); bytes > budget || n > 2 || n == 0 || bytes != n*(entryBytes+12) {
			t.Fatalf("after %d puts the cache holds %d entries, %d bytes; want 1 or 2 entries of %d bytes (key included), at most %d in all", k+1, n, bytes, entryBytes+12, budget)
		}
	}
	if a, ok := rc.get("9"); !ok || a.tail[0] != 9 {
		t.Errorf("get(9) = %v, %v; want the last answer put", a, ok)
	}
	rc.put("9", &cachedAnswer{head: []byte("other")})
	if a, _ := rc.get("9"); len(a.tail) != 1 {
		t.Errorf("a second answer under key 9 replaced the first: %q", a.head)
	}
	rc.put("42", &cachedAnswer{head: make([]byte, 60), tail: make([]byte, 41)})
	if _, ok := rc.get("42"); ok {
		t.Error("an answer over the byte bound was cached")
	}
}

// TestTimedAnswer: a search answer is cut around its took_ms, and each
// hit writes its own; a query quoting the field cannot move the cut.
func TestTimedAnswer(t *testing.T) {
	t.Parallel()
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

// TestETagSecret: an ETag is the same for the same key within a process,
// and differs between processes, whose secrets are drawn at random: a
// child process (this test binary run again) tags the same key
// differently. So nothing outside the process can compute a tag.
func TestETagSecret(t *testing.T) {
	const key = "\x01gen-000001/api/v1/suggest\x00\x00\x00\x01q\x00\x00\x00\x04idem"
	if os.Getenv("GLOSSARY_ETAG_CHILD") == "1" {
		os.Stdout.WriteString("etag=" + etagOf(key) + "\n")
		return
	}
	first := etagOf(key)
	if again := etagOf(key); again != first {
		t.Fatalf("etagOf(key) = %s, then %s; want the same within a process", first, again)
	}
	if etagOf(key+"x") == first {
		t.Errorf("two keys share the tag %s", first)
	}
	if a, b := maphash.String(maphash.MakeSeed(), key), maphash.String(maphash.MakeSeed(), key); a == b {
		t.Errorf("two random seeds hash the key alike: %x", a)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestETagSecret$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GLOSSARY_ETAG_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child process: %v\n%s", err, out)
	}
	i := bytes.Index(out, []byte("etag="))
	if i < 0 {
		t.Fatalf("child process printed no tag:\n%s", out)
	}
	child, _, _ := bytes.Cut(out[i+len("etag="):], []byte("\n"))
	if !weakTag(string(child)) {
		t.Fatalf("child process tag %q is not a weak tag", child)
	}
	if string(child) == first {
		t.Errorf("another process tagged the key %s too; want a tag of its own (a per-process secret)", first)
	}
}

// weakTag reports whether s looks like W/"<16 hex digits>".
func weakTag(s string) bool {
	if len(s) != 20 || s[:3] != `W/"` || s[19] != '"' {
		return false
	}
	for _, c := range []byte(s[3:19]) {
		if !isHex(c) {
			return false
		}
	}
	return true
}
