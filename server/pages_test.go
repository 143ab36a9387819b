package server_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/glossary/glossary/internal/testutil"
	"github.com/glossary/glossary/server"
)

func TestPages(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	tests := []struct {
		name        string
		path        string
		status      int
		title       string   // the whole <title>
		description string   // a part of <meta name="description">
		contains    []string // parts of the body, as HTML
		lacks       []string
	}{
		{name: "home", path: "/", status: 200, title: "Glossary – the English of IT, explained",
			description: "Look up the words of professional IT English",
			contains: []string{`role="combobox"`, `aria-controls="q-list"`, `<a href="/roles/backend-developer"><strong>Backend Developer</strong>`,
				`<small>15 terms</small>`, `<a href="/terms/idempotent">idempotent</a> <abbr class="pos" title="adjective">adj.</abbr>`}},
		{name: "search", path: "/search?q=cache", status: 200, title: "“cache” – 2 results – Glossary",
			contains: []string{`2 results for “cache”`, `<a href="/terms/cache">cache</a>`, `The <mark>cache</mark> hit ratio`,
				`<legend>Role</legend>`, `<legend>Category</legend>`, `<legend>Level</legend>`, `<legend>Part of speech</legend>`,
				`name="role" value="backend-developer" id="f-role-backend-developer"> Backend Developer <span class="n">2</span>`,
				`<noscript><button type="submit" form="sf">Apply filters</button></noscript>`, `value="cache"`, `<meta name="robots" content="noindex">`}},
		{name: "search with several values of a facet", path: "/search?level=B1&level=C2,B2&pos=noun", status: 200, title: "All terms – Glossary",
			contains: []string{`1–10 of 11`, `value="B1" id="f-level-B1" checked>`, `value="B2" id="f-level-B2" checked>`, `value="C2" id="f-level-C2" checked>`,
				`value="C1" id="f-level-C1"> C1`, `aria-label="Remove filter Level: B1"`,
				`href="/search?level=C2&amp;level=B2&amp;pos=noun"`, // B1 removed, the rest kept
				`<a href="/search?level=B1&amp;level=C2&amp;level=B2&amp;pos=noun&amp;page=2" rel="next">`},
			lacks: []string{`rel="prev"`}},
		{name: "search page 2", path: "/search?page=2", status: 200,
			contains: []string{`11–17 of 17`, `<a href="/search" rel="prev">`, `<a href="/search?page=2" aria-current="page">2</a>`}},
		{name: "search did you mean", path: "/search?q=idmpotnt&level=C1", status: 200,
			contains: []string{`Did you mean <a href="/search?q=idempotent&amp;level=C1">idempotent</a>?`, `No terms match “idmpotnt” with these filters.`}},
		{name: "search corrected to a name", path: "/search?q=rase+condition", status: 200,
			contains: []string{`for “race condition”`, `Showing results for <strong>race condition</strong>. Search instead for <a href="/search?q=rase&#43;condition&amp;verbatim=1">rase condition</a>.`,
				`<a href="/terms/race-condition">race condition</a>`},
			lacks: []string{`Did you mean`}},
		{name: "search as typed", path: "/search?q=rase+condition&verbatim=1", status: 200,
			contains: []string{`for “rase condition”`, `<input type="hidden" name="verbatim" value="1" form="sf">`, `No entry has all of your words. Results for most of your words:`},
			lacks:    []string{`Showing results for`}},
		{name: "search with most of the words", path: "/search?q=deadlock+zebra", status: 200,
			contains: []string{`No entry has all of your words. Results for most of your words:`, `<a href="/terms/deadlock">deadlock</a>`}},
		{name: "search with every word", path: "/search?q=lock+release", status: 200,
			contains: []string{`<a href="/terms/deadlock">deadlock</a>`}, lacks: []string{`No entry has all of your words`}},
		{name: "search that finds nothing offers names and roles", path: "/search?q=zxqvj", status: 200,
			contains: []string{`No terms match “zxqvj”`, `<h2 class="none-h">Vocabulary by role</h2>`, `<a href="/roles/backend-developer">Backend Developer</a>`}},
		{name: "search that finds nothing has no empty filters", path: "/search?q=zxqvj", status: 200,
			contains: []string{`<div class="serp serp-one"`, `<li><a href="https://foldoc.org/zxqvj" rel="noopener">Look up “zxqvj” in FOLDOC`},
			lacks:    []string{`<aside class="facets"`, `without filters`}},
		{name: "search that finds nothing with filters offers the search without them", path: "/search?q=zxqvj&level=B2", status: 200,
			contains: []string{`<aside class="facets"`, `<a href="/search?q=zxqvj">Search “zxqvj” without filters</a>`}},
		{name: "search that finds nothing offers the closest names", path: "/search?q=bakcpresx", status: 200,
			contains: []string{`<h2 class="none-h">Closest names</h2>`, `<a href="/terms/backpressure">backpressure</a>`}},
		{name: "search escapes the query", path: "/search?q=" + url.QueryEscape(`<script>alert(1)</script>`), status: 200,
			contains: []string{`&lt;script&gt;alert(1)&lt;/script&gt;`}, lacks: []string{`<script>alert`}},
		{name: "search results fragment", path: "/search/results?q=deadlok", status: 200,
			contains: []string{`<div class="serp" data-title="“deadlok” – 1 result – Glossary" data-status="1 result">`, `<a href="/terms/deadlock">deadlock</a>`},
			lacks:    []string{`<html`, `<head`}},
		{name: "term", path: "/terms/race-condition", status: 200, title: "race condition – meaning and examples – Glossary",
			description: "race condition (noun, B2): A bug caused by the unpredictable order",
			contains: []string{`<meta property="og:title" content="race condition (n.)">`, `<meta property="og:type" content="article">`,
				`<meta property="og:description" content="race condition (noun, B2): A bug caused`,
				`<h1>race condition</h1>`, `id="speak"`, `data-say="race condition" hidden>`,
				`The payment processor had a <mark>race condition</mark> that allowed double charges.`,
				`because of a <mark>race condition</mark> in the cache warm-up.`,
				`<div data-reason="see-also"><dt>See also</dt><dd><ul class="tags"><li><a href="/terms/deadlock">deadlock</a></li><li><a href="/terms/concurrency">concurrency</a></li><li><a href="/terms/thread">thread</a></li></ul>`,
				`<a href="/roles/backend-developer">Backend Developer</a>`, `<a href="/search?category=server-runtime">Server &amp; Runtime</a>`}},
		{name: "term related by other reasons", path: "/terms/latency", status: 200,
			contains: []string{`<div data-reason="confused-with"><dt>Often confused with</dt><dd><ul class="tags"><li><a href="/terms/throughput">throughput</a></li></ul>`,
				`<div data-reason="linked-from"><dt>Terms that link here</dt>`, `p99 <mark>latency</mark> doubled`}},
		{name: "role", path: "/roles/backend-developer", status: 200, title: "Backend Developer – IT English vocabulary – Glossary",
			description: "Backend developers design APIs and keep servers fast and correct.",
			contains: []string{`<h2 id="topics-h">Topics covered</h2>`, `<li>API design</li>`,
				`<h2 id="spot-h">Vocabulary spotlight</h2>`, `<a href="/terms/idempotent">idempotent</a> <abbr class="pos" title="adjective">adj.</abbr>`,
				`<blockquote>“PUT requests should be <mark>idempotent</mark> by design.”</blockquote>`,
				`<h2 id="ref-h">Vocabulary reference</h2>`, `<h3>Server &amp; Runtime</h3>`, `<a href="/terms/thread">thread</a>`,
				`<h2 id="scen-h">Real-world scenarios</h2>`, `<li>Writing API documentation for external consumers</li>`,
				`<h2 id="other-h">Explore another role</h2>`, `<a href="/roles/site-reliability-engineer"><strong>Site Reliability Engineer</strong>`,
				`<a href="/search?role=backend-developer">All 15 terms of this role →</a>`}},
		{name: "role vocabulary", path: "/search?role=backend-developer", status: 200, title: "Backend Developer – 15 terms – Glossary",
			contains: []string{`<h1 id="hits-h" tabindex="-1">Backend Developer: 15 terms</h1>`, `<a href="/roles/backend-developer">About the role →</a>`}},
		{name: "a role and a query is a search", path: "/search?q=cache&role=backend-developer", status: 200, title: "“cache” – 2 results – Glossary",
			lacks: []string{`About the role`}},
		{name: "roles", path: "/roles", status: 200, title: "IT English vocabulary by role – Glossary",
			contains: []string{`<h1>Vocabulary by role</h1>`, `<a href="/roles/backend-developer"><strong>Backend Developer</strong>`,
				`<a href="/roles/site-reliability-engineer"><strong>Site Reliability Engineer</strong>`, `<small>15 terms</small>`}},
		{name: "levels", path: "/levels", status: 200, title: "What do the levels A2–C2 mean? – Glossary",
			contains: []string{`<div id="level-B2"><dt><span class="lvl lvl-B2" title="CEFR level B2">B2</span> Upper intermediate</dt>`,
				`<a href="/search?level=C1">6 terms at C1 →</a>`, `For example: <a href="/terms/idempotent">idempotent</a>`}},
		{name: "level filter explains the levels", path: "/search?q=cache", status: 200, contains: []string{`<a href="/levels">What do A2–C2 mean?</a>`}},
		{name: "term level links to its meaning", path: "/terms/thread", status: 200,
			contains: []string{`<a class="lvl lvl-B1" href="/levels#level-B1" title="CEFR level B1: what it means">B1</a>`}},
		{name: "role shows the level of each term", path: "/roles/backend-developer", status: 200,
			contains: []string{`<li><a href="/terms/thread">thread</a> <span class="lvl lvl-B1" title="CEFR level B1">B1</span></li>`}},
		{name: "browse", path: "/browse", status: 200, title: "Browse all terms A–Z – Glossary",
			contains: []string{`<a href="/browse/c">C</a>`, `<span>A</span>`, `17 terms, a letter a page.`,
				`<a href="/search?category=reliability">Reliability <span class="n">6</span></a>`},
			lacks: []string{`<ul class="az">`}},
		{name: "browse a letter", path: "/browse/c", status: 200, title: "Terms starting with “C” – Glossary",
			description: "4 terms of IT English starting with “C”: cache, circuit breaker, concurrency, CQRS",
			contains: []string{`<h1>Terms starting with C</h1>`, `<a href="/browse/c" aria-current="page">C</a>`,
				`<ul class="az"><li><a href="/terms/cache">cache</a></li><li><a href="/terms/circuit-breaker">circuit breaker</a></li><li><a href="/terms/concurrency">concurrency</a></li><li><a href="/terms/cqrs">CQRS</a></li></ul>`,
				`<a href="/browse/b" rel="prev">← B</a>`, `<a href="/browse/d" rel="next">D →</a>`},
			lacks: []string{`By category`}},
		{name: "browse a letter without terms", path: "/browse/a", status: 404, title: "Page not found – Glossary"},
		{name: "browse no letter", path: "/browse/cc", status: 404, title: "Page not found – Glossary"},

		{name: "unknown term", path: "/terms/nope-nope", status: 404, title: "Page not found – Glossary",
			contains: []string{`Error 404`, `<a href="/search?q=nope&#43;nope">Search for “nope nope”</a>`}},
		{name: "unknown role", path: "/roles/astronaut", status: 404, title: "Page not found – Glossary"},
		{name: "unknown page", path: "/no/such/page", status: 404, title: "Page not found – Glossary", lacks: []string{"Search for"}},
		{name: "unknown static file", path: "/static/nope.js", status: 404, title: "Page not found – Glossary"},
		{name: "static folder", path: "/static/", status: 404, title: "Page not found – Glossary"},
		{name: "bad page number", path: "/search?page=0", status: 400, title: "That request did not work – Glossary",
			contains: []string{"parameter page must be a whole number from 1 to 100"}},
		{name: "query too long", path: "/search?q=" + strings.Repeat("a", 201), status: 400,
			contains: []string{"parameter q is 201 characters long; the limit is 200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s = %d; want %d\n%s", tt.path, resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("GET %s Content-Type = %q; want text/html", tt.path, ct)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); csp != server.ContentSecurityPolicy {
				t.Errorf("GET %s Content-Security-Policy = %q; want %q", tt.path, csp, server.ContentSecurityPolicy)
			}
			doc := testutil.ParseHTML(t, body)
			if tt.title != "" {
				if got := title(doc); got != tt.title {
					t.Errorf("GET %s <title> = %q; want %q", tt.path, got, tt.title)
				}
			}
			if tt.description != "" {
				if got := meta(doc, "name", "description"); !strings.Contains(got, tt.description) {
					t.Errorf("GET %s description = %q; want it to contain %q", tt.path, got, tt.description)
				}
			}
			for _, want := range tt.contains {
				if !bytes.Contains(body, []byte(want)) {
					t.Errorf("GET %s: body lacks %s", tt.path, want)
				}
			}
			for _, bad := range tt.lacks {
				if bytes.Contains(body, []byte(bad)) {
					t.Errorf("GET %s: body contains %s", tt.path, bad)
				}
			}
		})
	}
}

// TestPagesShareWell checks what link previews and search engines read on
// every page: a title, a description of sensible length and Open Graph
// tags.
func TestPagesShareWell(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	for _, path := range []string{"/", "/search?q=cache", "/terms/idempotent", "/terms/cqrs", "/roles/site-reliability-engineer", "/browse"} {
		_, body := testutil.Get(t, srv.URL+path)
		doc := testutil.ParseHTML(t, body)
		desc := meta(doc, "name", "description")
		if title(doc) == "" || desc == "" || len(desc) > 160 {
			t.Errorf("GET %s: title %q, description %q (%d bytes); want both, the description at most 160 bytes", path, title(doc), desc, len(desc))
		}
		if meta(doc, "property", "og:title") == "" || meta(doc, "property", "og:description") != desc {
			t.Errorf("GET %s: og:title %q, og:description %q; want og:title and og:description = description", path,
				meta(doc, "property", "og:title"), meta(doc, "property", "og:description"))
		}
	}
}

// TestPagesNeedNoInlineCode checks that every page satisfies the
// Content-Security-Policy: no inline script, event handler or style, and
// every script and stylesheet from this server.
func TestPagesNeedNoInlineCode(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	for _, path := range []string{"/", "/search", "/search?q=idmpotnt", "/search/results?q=cache&level=B1", "/terms/race-condition", "/roles/backend-developer", "/browse", "/nope"} {
		_, body := testutil.Get(t, srv.URL+path)
		testutil.Walk(testutil.ParseHTML(t, body), func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("GET %s: <%s %s=%q>: inline styles and handlers break the CSP", path, n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.TrimSpace(strings.ToLower(a.Val)), "javascript:") {
					t.Errorf("GET %s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
			}
			switch n.Data {
			case "style":
				t.Errorf("GET %s: a <style> element breaks the CSP", path)
			case "script":
				src := testutil.Attr(n, "src")
				if src == "" || n.FirstChild != nil {
					t.Errorf("GET %s: an inline <script> breaks the CSP", path)
				}
				if !strings.HasPrefix(src, "/static/") {
					t.Errorf("GET %s: script from %q; want /static/", path, src)
				}
			case "link":
				if href := testutil.Attr(n, "href"); testutil.Attr(n, "rel") == "stylesheet" && !strings.HasPrefix(href, "/static/") {
					t.Errorf("GET %s: stylesheet from %q; want /static/", path, href)
				}
			}
		})
	}
}

// TestPagesLinksResolve follows every link of the pages reachable from the
// home page (search pages are checked, not followed) and checks each
// answers 200, and that static files are versioned and cacheable.
func TestPagesLinksResolve(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 && len(seen) < 300 {
		path := queue[0]
		queue = queue[1:]
		resp, body := testutil.Get(t, srv.URL+path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d; want 200", path, resp.StatusCode)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || strings.HasPrefix(path, "/search") {
			continue
		}
		testutil.Walk(testutil.ParseHTML(t, body), func(n *html.Node) {
			ref := testutil.Attr(n, "href") + testutil.Attr(n, "src")
			if n.Type != html.ElementNode || ref == "" || strings.HasPrefix(ref, "#") {
				return
			}
			u, err := url.Parse(ref)
			if err != nil || u.Host != "" {
				t.Errorf("GET %s: link %q; want a link on this site", path, ref)
				return
			}
			u.Fragment = ""
			if !seen[u.String()] {
				seen[u.String()] = true
				queue = append(queue, u.String())
			}
		})
	}
	if len(seen) < 30 {
		t.Errorf("crawled %d pages; want every term, role and the browse page", len(seen))
	}
	for _, want := range []string{"/browse", "/terms/deadlock", "/roles/site-reliability-engineer", "/search?category=api-design"} {
		if !seen[want] {
			t.Errorf("no page links %s", want)
		}
	}
	for ref := range seen {
		if strings.HasPrefix(ref, "/static/") {
			resp, _ := testutil.Get(t, srv.URL+ref)
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(ref, "?v=") || !strings.Contains(cc, "immutable") {
				t.Errorf("GET %s Cache-Control = %q; want a versioned URL cached as immutable", ref, cc)
			}
		}
	}
}

// TestPageRedirects checks the addresses that are answered with another:
// a term or role named by a case variant, an alias, a form or a spelling
// with spaces (301), and a search page past the end of the results (302,
// to the last page).
func TestPageRedirects(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	senses := newSensesServer(t)
	tests := []struct {
		base, path string
		status     int
		location   string
	}{
		{srv.URL, "/terms/Idempotent", 301, "/terms/idempotent"},
		{srv.URL, "/terms/MQ", 301, "/terms/message-queue"},
		{srv.URL, "/terms/queue", 301, "/terms/message-queue"},
		{srv.URL, "/terms/race-conditions", 301, "/terms/race-condition"},
		{srv.URL, "/terms/data-race", 301, "/terms/race-condition"},
		{srv.URL, "/terms/back%20pressure", 301, "/terms/backpressure"},
		{srv.URL, "/terms/Circuit%20Breaker", 301, "/terms/circuit-breaker"},
		{srv.URL, "/terms/throttling", 301, "/terms/rate-limiting"},
		{senses.URL, "/terms/data-model", 301, "/terms/model#sense-data-model"},
		{senses.URL, "/terms/NGINX", 301, "/terms/nginx"},
		{srv.URL, "/roles/Backend-Developer", 301, "/roles/backend-developer"},
		{srv.URL, "/roles/site%20reliability%20engineer", 301, "/roles/site-reliability-engineer"},
		{srv.URL, "/browse/C", 301, "/browse/c"},
		{srv.URL, "/search?page=99", 302, "/search?page=2"},
		{srv.URL, "/search?q=cache&level=B1&page=3", 302, "/search?q=cache&level=B1"},
		{srv.URL, "/search/results?page=5", 302, "/search/results?page=2"},
		{srv.URL, "/search?page=2", 200, ""},
		{srv.URL, "/search?q=zxqvj&page=2", 200, ""}, // nothing at all: the page says so
		{srv.URL, "/terms/nope-nope", 404, ""},
		{srv.URL, "/roles/astronaut", 404, ""},
		{srv.URL, "/terms/idempotent", 200, ""},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range tests {
		resp, err := client.Get(tt.base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s = %d, Location %q; want %d, %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	srv, _ := newTestServer(t)
	tests := []struct {
		path, contentType string
	}{
		{"/nope", "text/html; charset=utf-8"},
		{"/terms/", "text/html; charset=utf-8"},
		{"/api/v1/nope", "application/problem+json"},
		{"/api/v2/search", "application/problem+json"},
	}
	for _, tt := range tests {
		resp, _ := testutil.Get(t, srv.URL+tt.path)
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Type") != tt.contentType {
			t.Errorf("GET %s = %d %s; want 404 %s", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.contentType)
		}
	}
	resp, err := http.Post(srv.URL+"/search", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("POST /search = %d %s; want 405 text/html", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func title(doc *html.Node) string {
	var out string
	testutil.Walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "title" && n.FirstChild != nil {
			out = n.FirstChild.Data
		}
	})
	return out
}

// meta returns the content of the <meta> whose attribute key is value.
func meta(doc *html.Node, key, value string) string {
	var out string
	testutil.Walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" && testutil.Attr(n, key) == value {
			out = testutil.Attr(n, "content")
		}
	})
	return out
}
