package webtest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// options returns the terms of the suggestions shown.
const options = `[...document.querySelectorAll('#q-list [role=option] .opt-term')].map(e => e.textContent)`

func TestSuggestKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/")
	// "/" focuses the box from anywhere on the page.
	tb.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	tb.pressKey(slash)
	if got := eval[string](tb, `document.activeElement.id + '|' + document.activeElement.value`); got != "q|" {
		t.Fatalf("after /, the focus is on %q; want the empty search box", got)
	}
	// In a field, "/" is just a character.
	tb.pressKey(slash)
	if got := eval[string](tb, `document.getElementById('q').value`); got != "/" {
		t.Fatalf("/ typed in the box gives %q; want /", got)
	}
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`))
	tb.typeText("#q", "circ")
	tb.waitFor(`!document.getElementById('q-list').hidden && document.getElementById('q-list').dataset.query === 'circ'`, "the suggestions for circ")
	if got := eval[[]string](tb, options); len(got) != 1 || got[0] != "circuit breaker" {
		t.Fatalf("suggestions for circ = %q; want [circuit breaker]", got)
	}
	if got := eval[string](tb, `document.getElementById('q').getAttribute('aria-expanded')`); got != "true" {
		t.Errorf("aria-expanded = %q with the list open; want true", got)
	}
	tb.press(kb.ArrowDown)
	if got := eval[string](tb, `document.getElementById('q').getAttribute('aria-activedescendant')`); got != "q-opt-0" {
		t.Errorf("aria-activedescendant after ArrowDown = %q; want q-opt-0", got)
	}
	if got := eval[string](tb, `document.getElementById('q-opt-0').getAttribute('aria-selected')`); got != "true" {
		t.Errorf("first option aria-selected = %q; want true", got)
	}
	tb.pressKey(enter)
	tb.waitFor(`location.pathname === '/terms/circuit-breaker' && document.readyState === 'complete'`, "the term page")
	if h1 := eval[string](tb, `document.querySelector('h1').textContent`); h1 != "circuit breaker" {
		t.Errorf("term page h1 = %q", h1)
	}
}

func TestSuggestArrowsWrapAndEscapeCloses(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/")
	tb.typeText("#q", "c")
	tb.waitFor(`document.querySelectorAll('#q-list [role=option]').length === 5`, "five suggestions for c")
	// Up from the box goes to the last option; Down from the last wraps.
	tb.press(kb.ArrowUp)
	if got := eval[string](tb, `document.getElementById('q').getAttribute('aria-activedescendant')`); got != "q-opt-4" {
		t.Errorf("aria-activedescendant after ArrowUp = %q; want q-opt-4", got)
	}
	tb.press(kb.ArrowDown)
	if got := eval[string](tb, `document.getElementById('q').getAttribute('aria-activedescendant')`); got != "q-opt-0" {
		t.Errorf("aria-activedescendant after wrapping = %q; want q-opt-0", got)
	}
	tb.press(kb.Escape)
	if got := eval[string](tb, `[document.getElementById('q-list').hidden, document.getElementById('q').getAttribute('aria-expanded'), document.getElementById('q').hasAttribute('aria-activedescendant')].join()`); got != "true,false,false" {
		t.Errorf("after Escape: hidden, aria-expanded, has aria-activedescendant = %s; want true,false,false", got)
	}
	if tb.path() != "/" {
		t.Errorf("Escape navigated to %s", tb.path())
	}
}

func TestSuggestMouse(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/roles/backend-developer")
	tb.typeText("#q", "dead")
	tb.waitFor(`!document.getElementById('q-list').hidden && document.getElementById('q-list').dataset.query === 'dead'`, "the suggestions for dead")
	tb.do(chromedp.Click(chromedp.CSS("#q-opt-0"), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/terms/deadlock'`, "the deadlock page")
}

func TestEnterWithoutChoosingSearches(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/terms/cache")
	tb.typeText("#q", "thread")
	tb.pressKey(enter)
	tb.waitFor(`location.pathname === '/search' && document.readyState === 'complete'`, "the search page")
	if got := tb.path(); got != "/search?q=thread" {
		t.Errorf("Enter went to %s; want /search?q=thread", got)
	}
	if h1 := eval[string](tb, `document.querySelector('h1').textContent`); !strings.Contains(h1, "for “thread”") {
		t.Errorf("search page h1 = %q", h1)
	}
}

// TestSuggestDropsStaleAnswers holds the answer for "c" back until the
// answer for "cache" is shown: the list must keep showing the answer for
// the text in the box, and never show the stale one. Not parallel: the
// gate holds every tab's requests for "c" (sequential tests run before
// the parallel ones start).
func TestSuggestDropsStaleAnswers(t *testing.T) {
	gate := held.hold(t, "/api/v1/suggest", "c")
	tb := newTab(t, testServer(t), noHTTPCache)
	tb.open("/")
	tb.do(chromedp.Evaluate[chromedp.Void](`window.shown = [];
		new MutationObserver(() => window.shown.push(document.getElementById('q-list').dataset.query))
			.observe(document.getElementById('q-list'), {childList: true});`))
	tb.typeText("#q", "c")
	wait(t, gate.arrived, "the request for c")
	tb.typeText("#q", "ache")
	tb.waitFor(`document.getElementById('q-list').dataset.query === 'cache'`, "the suggestions for cache")
	gate.open()
	wait(t, gate.done, "the answer for c")
	tb.waitFor(`(document.getElementById('q-list').dataset.dropped || '').split(' ').includes('c')`, "the page to drop the answer for c")
	if got := eval[[]string](tb, options); len(got) != 1 || got[0] != "cache" {
		t.Errorf("suggestions = %q; want [cache], for the text in the box", got)
	}
	// Under load, the browser may also show answers for "ca", "cac"... as
	// they come: fine, each was the latest when it came. Never for "c".
	if shown := eval[[]string](tb, "window.shown"); len(shown) == 0 || slices.Contains(shown, "c") || shown[len(shown)-1] != "cache" {
		t.Errorf("the list showed suggestions for %q; want never for c, and last for cache", shown)
	}
}

// TestSearchAsYouType holds the results for "th" back until those for
// "throttling" are shown, and checks they never replace them. Not
// parallel, for its gate, as TestSuggestDropsStaleAnswers.
func TestSearchAsYouType(t *testing.T) {
	gate := held.hold(t, "/search/results", "th")
	tb := newTab(t, testServer(t))
	tb.open("/search")
	tb.do(chromedp.Evaluate[chromedp.Void](`window.headings = [];
		new MutationObserver(() => window.headings.push(document.getElementById('hits-h').textContent))
			.observe(document.getElementById('results'), {childList: true});`))
	tb.typeText("#q", "th")
	wait(t, gate.arrived, "the request for th")
	tb.typeText("#q", "rottling")
	tb.waitFor(`document.getElementById('hits-h').textContent === '1 result for “throttling”'`, "the results for throttling")
	gate.open()
	wait(t, gate.done, "the answer for th")
	tb.waitFor(`(document.getElementById('results').dataset.dropped || '').split(' ').includes('?q=th')`, "the page to drop the results for th")
	if got := eval[[]string](tb, "window.headings"); len(got) == 0 || slices.Contains(got, "3 results for “th”") || got[len(got)-1] != "1 result for “throttling”" {
		t.Errorf("results shown: %q; want never those for th, and last those for throttling", got)
	}
	if got := tb.path(); got != "/search?q=throttling" {
		t.Errorf("URL = %s; want /search?q=throttling", got)
	}
	if title := eval[string](tb, "document.title"); title != "“throttling” – 1 result – Glossary" {
		t.Errorf("title = %q", title)
	}
	// A misspelled query offers the corrected search, which the link runs.
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`))
	tb.typeText("#q", "idmpotnt")
	tb.waitFor(`document.getElementById('hits-h').textContent === '0 results for “idmpotnt”'`, "the results for idmpotnt")
	if got := eval[string](tb, `document.querySelector('.dym').textContent`); got != "Did you mean idempotent?" {
		t.Errorf("did you mean = %q", got)
	}
	tb.do(chromedp.Click(chromedp.CSS(".dym a")))
	tb.waitFor(`document.getElementById('hits-h').textContent === '2 results for “idempotent”'`, "the corrected search")
	if got := eval[string](tb, "document.getElementById('q').value"); got != "idempotent" {
		t.Errorf("search box = %q after following did you mean; want idempotent", got)
	}
	if got := tb.path(); got != "/search?q=idempotent" {
		t.Errorf("URL = %s; want /search?q=idempotent", got)
	}
	tb.do(chromedp.NavigateBack())
	tb.waitFor(`document.getElementById('q').value === 'idmpotnt' && document.querySelector('.dym') !== null`, "Back to the misspelled search")
}

// TestCorrectedAndPartialResults types a known name with a typo in a short
// word: the results are for the name, and say so; "Search instead" runs
// the query as typed, whose results are partial, and keeps it as typed
// across a filter; typing again corrects again.
func TestCorrectedAndPartialResults(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/search")
	tb.typeText("#q", "rase condition")
	tb.waitFor(`document.getElementById('hits-h').textContent.endsWith('for “race condition”')`, "the results for race condition")
	if got := eval[string](tb, `document.querySelector('.dym').textContent`); got != "Showing results for race condition. Search instead for rase condition." {
		t.Errorf("correction notice = %q", got)
	}
	if got := eval[string](tb, `document.querySelector('.hitlist h2 a').textContent`); got != "race condition" {
		t.Errorf("first hit = %q; want race condition", got)
	}
	tb.do(chromedp.Click(chromedp.CSS(".dym a")))
	tb.waitFor(`document.getElementById('hits-h').textContent.endsWith('for “rase condition”')`, "the search as typed")
	if got := tb.path(); got != "/search?q=rase+condition&verbatim=1" {
		t.Errorf("URL = %s; want /search?q=rase+condition&verbatim=1", got)
	}
	if got := eval[string](tb, `(document.querySelector('.partial') || {textContent: 'none'}).textContent`); got != "No entry has all of your words. Results for most of your words:" {
		t.Errorf("partial notice = %q", got)
	}
	tb.do(chromedp.Click(chromedp.CSS("#f-level-B2"), chromedp.NodeVisible))
	tb.waitFor(`location.search.includes('level=B2')`, "the level filter")
	if got := tb.path(); !strings.Contains(got, "verbatim=1") || eval[bool](tb, `document.querySelector('.dym') !== null`) {
		t.Errorf("after a filter: URL %s, correction shown %v; want the search still as typed", got, eval[bool](tb, `document.querySelector('.dym') !== null`))
	}
	tb.typeText("#q", "s")
	tb.waitFor(`document.getElementById('hits-h').textContent.endsWith('for “race conditions”')`, "the corrected results again")
	if got := tb.path(); strings.Contains(got, "verbatim") {
		t.Errorf("URL = %s after typing; want the new query corrected, without verbatim", got)
	}
}

// count returns the count shown next to a facet value.
func count(tb *tab, id string) string {
	tb.t.Helper()
	return eval[string](tb, `(document.querySelector('#`+id+` ~ .n') || {textContent: 'none'}).textContent`)
}

func TestFacets(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/search")
	if got := count(tb, "f-pos-noun"); got != "16" {
		t.Fatalf("nouns = %s; want 16 of 17 terms", got)
	}
	if got := count(tb, "f-role-backend-developer"); got != "15" {
		t.Fatalf("backend developer terms = %s; want 15", got)
	}

	tb.do(chromedp.Click(chromedp.CSS("#f-level-B2")))
	tb.waitFor(`location.search === '?level=B2'`, "the URL to follow the filter")
	tb.waitFor(`document.querySelector('.chips') !== null`, "the active filter")
	if got := count(tb, "f-pos-noun"); got != "7" {
		t.Errorf("nouns at B2 = %s; want 7", got)
	}
	if got := count(tb, "f-role-backend-developer"); got != "5" {
		t.Errorf("backend developer terms at B2 = %s; want 5", got)
	}
	if got := eval[bool](tb, "document.getElementById('f-level-B2').checked"); !got {
		t.Error("B2 is not checked after choosing it")
	}
	if id := eval[string](tb, "document.activeElement.id"); id != "f-level-B2" {
		t.Errorf("focus after filtering is on %q; want it kept on the checkbox", id)
	}

	// A second value of the same facet adds to the results.
	tb.do(chromedp.Click(chromedp.CSS("#f-level-C1")))
	tb.waitFor(`location.search === '?level=B2&level=C1'`, "the URL to follow the second value")
	tb.waitFor(`document.querySelectorAll('.chips li').length === 2`, "two active filters")
	if got := eval[string](tb, `document.getElementById('hits-h').textContent`); got != "All terms" {
		t.Errorf("heading = %q", got)
	}
	if got := eval[string](tb, `document.querySelector('.count').textContent`); got != "1–10 of 13" {
		t.Errorf("count = %q; want 1–10 of 13 (7 at B2 + 6 at C1)", got)
	}

	// Removing the filters one by one gives the counts back.
	tb.do(chromedp.Click(chromedp.CSS(`.chips a[aria-label="Remove filter Level: C1"]`)))
	tb.waitFor(`location.search === '?level=B2'`, "the C1 filter removed")
	tb.waitFor(`document.querySelectorAll('.chips li').length === 1`, "one active filter")
	if id := eval[string](tb, "document.activeElement.id"); id != "hits-h" {
		t.Errorf("focus after removing a filter is on %q; want the results heading, as the chip is gone", id)
	}
	tb.do(chromedp.Click(chromedp.CSS(`.chips a[aria-label="Remove filter Level: B2"]`)))
	tb.waitFor(`location.search === '' && document.querySelector('.chips') === null`, "no filters")
	if got := count(tb, "f-pos-noun"); got != "16" {
		t.Errorf("nouns after removing the filters = %s; want 16", got)
	}

	// Back goes through the same states.
	tb.do(chromedp.NavigateBack())
	tb.waitFor(`location.search === '?level=B2' && document.querySelectorAll('.chips li').length === 1`, "Back to the B2 filter")
	if got := count(tb, "f-pos-noun"); got != "7" {
		t.Errorf("nouns after Back = %s; want 7", got)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/search")
	tb.do(chromedp.Click(chromedp.CSS(`.pages a[rel=next]`)))
	tb.waitFor(`location.search === '?page=2'`, "page 2")
	tb.waitFor(`document.querySelector('.count').textContent === '11–17 of 17'`, "the second page of results")
	if got := eval[string](tb, `document.querySelector('.pages [aria-current=page]').textContent`); got != "2" {
		t.Errorf("current page = %q; want 2", got)
	}
}

// TestWithoutJavaScript uses the search page with script execution off:
// results, filters and did-you-mean are all there, and filters apply with
// the button that only shows without scripts.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t), noScript)
	tb.open("/search?q=cache")
	if n, err := chromedp.Run(tb.ctx, chromedp.Nodes(chromedp.CSSAll(".hitlist > li"), chromedp.AtLeast(0))); err != nil || len(n) != 2 {
		t.Fatalf("hits = %d (%v); want 2", len(n), err)
	}
	if js := eval[bool](tb, `document.documentElement.classList.contains('js')`); js {
		t.Fatal("the page script ran; want JavaScript off")
	}
	fieldsets, err := chromedp.Run(tb.ctx, chromedp.Nodes(chromedp.CSSAll(".facets fieldset"), chromedp.AtLeast(0)))
	if err != nil || len(fieldsets) != 4 {
		t.Errorf("facet groups = %d (%v); want 4", len(fieldsets), err)
	}
	tb.do(
		chromedp.Click(chromedp.CSS("#f-level-B1"), chromedp.NodeVisible),
		chromedp.Click(chromedp.CSS(`.facets button[type=submit]`), chromedp.NodeVisible),
	)
	tb.waitFor(`location.search === '?q=cache&level=B1' && document.readyState === 'complete'`, "the filtered page")
	if got := eval[string](tb, `document.getElementById('hits-h').textContent + ' / ' + document.querySelector('.hitlist a').textContent`); got != "1 result for “cache” / cache" {
		t.Errorf("filtered results = %q", got)
	}
	tb.open("/search?q=idmpotnt")
	if got := eval[string](tb, `document.querySelector('.dym a').getAttribute('href')`); got != "/search?q=idempotent" {
		t.Errorf("did you mean link = %q", got)
	}
	tb.open("/terms/cache") // the search page has no suggestion list; other pages do
	if hidden := eval[bool](tb, `document.getElementById('q-list').hidden`); !hidden {
		t.Error("the suggestion list shows without JavaScript")
	}
}

// TestCSPDetector checks that the tests would see a page break the
// Content-Security-Policy, so their silence means something.
func TestCSPDetector(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.allowed = true
	// The server's 404 page, with an inline script and style added.
	tb.open("/nope")
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.append(s);
		document.body.setAttribute('style', 'color: red');
	})()`))
	tb.waitFor(`true`, "nothing")
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		tb.mu.Lock()
		n := len(tb.violations)
		tb.mu.Unlock()
		if n >= 2 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.violations) < 2 {
		t.Errorf("CSP violations seen: %q; want the inline script and the inline style", tb.violations)
	}
	if eval[bool](tb, "window.ran === true") {
		t.Error("an inline script ran: the page has no CSP")
	}
}
