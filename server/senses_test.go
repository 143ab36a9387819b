package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/glossary/glossary/internal/testutil"
)

// TestSensesAPI pins the API's answers for terms with several senses and
// pronunciations: the senses in order, links and mentions that name a
// sense, and how each term is spoken.
func TestSensesAPI(t *testing.T) {
	t.Parallel()
	srv := newSensesServer(t)
	tests := []struct {
		path, golden string
	}{
		{"/api/v1/terms/store", "term-senses"},
		{"/api/v1/terms/cqrs", "term-mention-senses"},
		{"/api/v1/terms/lgtm", "term-written-only"},
		{"/api/v1/terms/cqrs/related", "related-senses"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d %s", tt.path, resp.StatusCode, body)
			}
			compareGolden(t, tt.golden, body)
		})
	}
}

// TestSensesOpenAPI validates the answers about terms with senses and
// pronunciations against the OpenAPI document, strictly.
func TestSensesOpenAPI(t *testing.T) {
	t.Parallel()
	srv := newSensesServer(t)
	router := strictRouter(t, loadOpenAPI(t, srv.URL))
	for _, path := range []string{
		"/api/v1/terms/store", "/api/v1/terms/model", "/api/v1/terms/cqrs", "/api/v1/terms/nginx", "/api/v1/terms/lgtm",
		"/api/v1/terms/cqrs/related", "/api/v1/terms/store/related?size=50", "/api/v1/search?q=data+model",
		"/api/v1/suggest?q=st&fields=definition",
	} {
		if status, body := validate(t, router, srv.URL, path, nil); status != http.StatusOK {
			t.Errorf("GET %s = %d %s; want 200", path, status, truncate(body, 200))
		}
	}
}

// TestSensesPages checks what a term page shows of senses and of
// pronunciation.
func TestSensesPages(t *testing.T) {
	t.Parallel()
	srv := newSensesServer(t)
	tests := []struct {
		name, path     string
		contains, lack []string
	}{
		{"senses in order, numbered", "/terms/store", []string{
			`<h2 id="meanings-h">2 meanings</h2>`,
			`<ol class="senses">`,
			`<span class="domain">UI Frameworks &amp; State</span></p>`,
			`<p class="sense-def">A central object that holds shared application data in the browser`,
			`<li id="sense-data-store">`,
			`<span class="domain">Database</span> <span class="domain">Architecture</span></p>`,
			`<p class="aka">Also: <em>data store</em>.</p>`,
			`Which <mark>data store</mark> backs the search index?`,
			`<span class="sense-label">See also:</span> <a href="/terms/database">database</a>, <a href="/terms/cqrs">CQRS</a>, <a href="/terms/model#sense-data-model">model <span class="sn"><span class="vh">sense </span>2</span></a>`,
			`<p class="aka">Also: <em>state store</em>.</p>`,
			`<p class="aka">Forms: <em>stores</em>.</p>`,
		}, []string{`<h2 id="ex-h">`, `<p class="def">`}},
		{"related terms name the sense a link means", "/terms/store", []string{
			`<li><a href="/terms/model">model <span class="sn"><span class="vh">sense </span>1</span></a></li>`,
			`<div data-reason="linked-from"><dt>Terms that link here</dt><dd><ul class="tags"><li><a href="/terms/nginx">nginx</a></li>`,
		}, nil},
		{"senses come before other glossaries", "/terms/model", []string{`<li id="sense-data-model">`}, []string{`In other glossaries`}},
		{"IPA, US and UK", "/terms/store", []string{
			`<span class="ipa"><abbr title="American pronunciation">US</abbr> /stɔːr/</span>`,
			`<span class="ipa"><abbr title="British pronunciation">UK</abbr> /stɔː/</span>`,
			`id="speak" class="speak" type="button" data-say="store" hidden>`,
		}, nil},
		{"US only where British is the same", "/terms/cqrs", []string{`<abbr title="American pronunciation">US</abbr> /ˌsiː kjuː ɑːr ˈes/</span>`},
			[]string{`British pronunciation`}},
		{"Listen reads the spoken form, which the page shows", "/terms/nginx", []string{`data-say="engine x" hidden>`, `Listen<span class="vh"> to “nginx”</span>`, `<span class="say">said “engine x”</span>`}, nil},
		{"written only: no Listen", "/terms/lgtm", []string{`<span class="written">written only</span>`}, []string{`id="speak"`, `class="ipa"`}},
		{"links to a sense", "/terms/cqrs", []string{
			`<li><a href="/terms/model#sense-data-model">model <span class="sn"><span class="vh">sense </span>2</span></a></li>`,
			`<li><a href="/terms/store#sense-data-store">store <span class="sn"><span class="vh">sense </span>2</span></a></li>`,
		}, []string{`class="senses"`}},
		{"a term with one sense has its old layout", "/terms/nginx", []string{`<p class="def">A popular web server`, `<h2 id="ex-h">Examples</h2>`}, []string{`class="senses"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := testutil.Get(t, srv.URL+tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.path, resp.StatusCode)
			}
			for _, want := range tt.contains {
				if !strings.Contains(string(body), want) {
					t.Errorf("GET %s lacks %s", tt.path, want)
				}
			}
			for _, bad := range tt.lack {
				if strings.Contains(string(body), bad) {
					t.Errorf("GET %s has %s", tt.path, bad)
				}
			}
		})
	}
}
