package webtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The tests of this file follow issue 16's walk through the pages as a
// learner: each checks one thing a learner tripped over.

// TestPastTheEndPage opens a search page past the end of the results, as
// an old link may: it shows the last page, not "No terms match".
func TestPastTheEndPage(t *testing.T) {
	tb := newTab(t, testServer(t))
	tb.open("/search?page=9")
	tb.waitFor(`document.readyState === 'complete'`, "the page to load")
	if got := tb.path(); got != "/search?page=2" {
		t.Errorf("page 9 of 2 went to %s; want /search?page=2", got)
	}
	if got := eval[string](tb, `(document.querySelector('.count') || {textContent: document.querySelector('.none').textContent}).textContent`); got != "11–17 of 17" {
		t.Errorf("page shows %q; want 11–17 of 17", got)
	}
	// Back from page 2 in the live results, then forward to the address
	// past the end: the results follow, and the URL says page 2.
	tb.do(chromedp.Evaluate[chromedp.Void](`history.pushState(null, '', '/search?page=7'); dispatchEvent(new PopStateEvent('popstate'))`))
	tb.waitFor(`document.querySelector('.count') && document.querySelector('.count').textContent === '11–17 of 17' && location.search === '?page=2'`, "the live results of the last page")
}

// TestRoleVocabulary follows a role page's "All N terms of this role": the
// page it opens is titled as the role, and the role's filter shows among
// the first values, not folded under "more".
func TestRoleVocabulary(t *testing.T) {
	tb := newTab(t, realServer(t))
	tb.open("/roles/it-support-specialist")
	link := eval[string](tb, `[...document.querySelectorAll('a')].find(a => a.textContent.endsWith('terms of this role →')).textContent`)
	n := strings.TrimSuffix(strings.TrimPrefix(link, "All "), " terms of this role →")
	tb.do(chromedp.Click(chromedp.CSS(`a[href="/search?role=it-support-specialist"]`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/search' && document.readyState === 'complete'`, "the role's vocabulary")
	if got, want := eval[string](tb, `document.getElementById('hits-h').textContent`), "IT Support Specialist: "+n+" terms"; got != want {
		t.Errorf("heading = %q; want %q", got, want)
	}
	if got := eval[string](tb, `document.title`); !strings.HasPrefix(got, "IT Support Specialist – "+n+" terms") {
		t.Errorf("title = %q; want it to name the role", got)
	}
	if got := eval[string](tb, `(el => !el ? 'missing' : !el.checked ? 'unchecked' : el.closest('details.more') ? 'under more' : el.getClientRects().length ? 'shown' : 'hidden')(document.getElementById('f-role-it-support-specialist'))`); got != "shown" {
		t.Errorf("the role's filter is %s; want shown, checked, outside \"more\"", got)
	}
	tb.checkAccessibility("role vocabulary")
}

// TestAddressesThatWork opens addresses that name a term or a role another
// way, and the list of roles.
func TestAddressesThatWork(t *testing.T) {
	tb := newTab(t, realServer(t))
	for _, tt := range []struct{ path, want, h1 string }{
		{"/terms/k8s", "/terms/kubernetes", "Kubernetes"},
		{"/terms/Idempotent", "/terms/idempotent", "idempotent"},
		{"/terms/race%20conditions", "/terms/race-condition", "race condition"},
		{"/roles/Backend-Developer", "/roles/backend-developer", "Backend Developer"},
	} {
		tb.open(tt.path)
		tb.waitFor(`document.readyState === 'complete'`, "the page to load")
		if got, h1 := tb.path(), eval[string](tb, `document.querySelector('h1').textContent`); got != tt.want || h1 != tt.h1 {
			t.Errorf("%s shows %s, h1 %q; want %s, %q", tt.path, got, h1, tt.want, tt.h1)
		}
	}
	tb.open("/roles")
	if got := eval[int](tb, `document.querySelectorAll('main .cards a[href^="/roles/"]').length`); got != 16 {
		t.Errorf("/roles lists %d roles; want the 16 of the corpus", got)
	}
	tb.do(chromedp.Click(chromedp.CSS(`main .cards a[href="/roles/data-engineer"]`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/roles/data-engineer' && document.readyState === 'complete'`, "a role page")
}

// TestLevelsExplained checks that the levels are explained where a phone
// shows no tooltip: the badge on a term page and the level filter lead to
// the page that says what A2–C2 mean, and role pages show each term's
// level.
func TestLevelsExplained(t *testing.T) {
	tb := newTab(t, realServer(t), mobile)
	tb.open("/terms/idempotent")
	tb.do(chromedp.Click(chromedp.CSS(`.meta .lvl`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/levels' && document.readyState === 'complete'`, "the levels page")
	if got := eval[string](tb, `location.hash + ' ' + (document.querySelector(':target dd') || {textContent: 'nothing'}).textContent.slice(0, 30)`); got != "#level-C1 Precise and specialised words." {
		t.Errorf("the badge leads to %q; want #level-C1 and what C1 means", got)
	}
	if got := eval[int](tb, `document.querySelectorAll('.levels dt .lvl').length`); got != 5 {
		t.Errorf("the levels page explains %d levels; want A2, B1, B2, C1, C2", got)
	}
	tb.open("/search?q=queue")
	if got := eval[string](tb, `[...document.querySelectorAll('.facets fieldset')].find(f => f.querySelector('legend').textContent === 'Level').querySelector('a[href="/levels"]').textContent`); got != "What do A2–C2 mean?" {
		t.Errorf("the level filter's link says %q", got)
	}
	tb.open("/roles/backend-developer")
	if got := eval[[]int](tb, `[document.querySelectorAll('[aria-labelledby=ref-h] .tags li').length, document.querySelectorAll('[aria-labelledby=ref-h] .tags li .lvl').length]`); got[0] == 0 || got[0] != got[1] {
		t.Errorf("the role's vocabulary reference has %d terms, %d with a level; want every one", got[0], got[1])
	}
}
