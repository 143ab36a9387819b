package server

import (
	"html"
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a <mark>queue</mark> of jobs", "a <mark>queue</mark> of jobs"},
		{"R&amp;D &lt;b&gt; <mark>x</mark>", "R&amp;D &lt;b&gt; <mark>x</mark>"},
		// Anything but <mark> is not trusted: the whole fragment is escaped.
		{`<img src=x onerror=alert(1)> <mark>x</mark>`, `&lt;img src=x onerror=alert(1)&gt; &lt;mark&gt;x&lt;/mark&gt;`},
		{"<mark>unclosed", "&lt;mark&gt;unclosed"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := string(highlight(tt.in)); got != tt.want {
			t.Errorf("highlight(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestTermMarker(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		names []string
		text  string
		want  string
	}{
		{"term", []string{"idempotent"}, "PUT should be idempotent.", "PUT should be <mark>idempotent</mark>."},
		{"case and every occurrence", []string{"cache"}, "Cache the cache.", "<mark>Cache</mark> the <mark>cache</mark>."},
		{"longest name wins", []string{"race condition", "race", "race conditions"}, "Two race conditions and a race.",
			"Two <mark>race conditions</mark> and a <mark>race</mark>."},
		{"whole words only", []string{"race"}, "Tracer races race", "Tracer races <mark>race</mark>"},
		{"a later match after a partial one", []string{"queue"}, "queues and a queue", "queues and a <mark>queue</mark>"},
		{"names with symbols", []string{"C++", "pub/sub"}, "C++ and pub/sub, not C++11", "<mark>C++</mark> and <mark>pub/sub</mark>, not C++11"},
		{"text is escaped", []string{"tag"}, `<b>tag</b> & "tag"`, `&lt;b&gt;<mark>tag</mark>&lt;/b&gt; &amp; &#34;<mark>tag</mark>&#34;`},
		{"names are escaped", []string{"<b>"}, "a <b> tag", "a <mark>&lt;b&gt;</mark> tag"},
		{"no names", nil, "a < b", "a &lt; b"},
		{"unicode", []string{"café"}, "Un CAFÉ, café.", "Un <mark>CAFÉ</mark>, <mark>café</mark>."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(newTermMarker(tt.names...).mark(tt.text)); got != tt.want {
				t.Errorf("mark(%q) with %q = %q; want %q", tt.text, tt.names, got, tt.want)
			}
		})
	}
}

// FuzzTermMarker checks that marking only adds <mark> tags: with them
// removed and the text unescaped, the output is the input.
func FuzzTermMarker(f *testing.F) {
	f.Add("race condition", "A race condition in the race.")
	f.Add("C++", "<C++> & C+++")
	f.Fuzz(func(t *testing.T, name, text string) {
		out := string(newTermMarker(name).mark(text))
		bare := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(bare, "<>") {
			t.Fatalf("mark(%q) with %q = %q: unescaped markup", text, name, out)
		}
		// HTML escaping turns NUL into U+FFFD; nothing else may change.
		if got := html.UnescapeString(bare); got != strings.ReplaceAll(text, "\x00", "\uFFFD") {
			t.Fatalf("mark(%q) with %q = %q: text changed to %q", text, name, out, got)
		}
	})
}

func TestCut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a  spaced\n text", 20, "a spaced text"},
		{"one two three four", 12, "one two…"},
		{"one, two three", 9, "one…"},
		{"abcdefghijkl", 8, "abcde…"},
		{"ééééé", 7, "éé…"},
	}
	for _, tt := range tests {
		got := cut(tt.in, tt.n)
		if got != tt.want || len(got) > tt.n {
			t.Errorf("cut(%q, %d) = %q; want %q, at most %d bytes", tt.in, tt.n, got, tt.want, tt.n)
		}
	}
}

func TestFormatCount(t *testing.T) {
	t.Parallel()
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1555: "1,555", 1234567: "1,234,567"} {
		if got := formatCount(in); got != want {
			t.Errorf("formatCount(%d) = %q; want %q", in, got, want)
		}
	}
}
