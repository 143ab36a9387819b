package webtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The tests of this file follow issue 16's walk through the pages as a
// learner: each checks one thing a learner tripped over.

// TestPastTheEndPage opens a search page past the end of the results, as
// an old link may: it shows the last page, not "No terms match".
func TestPastTheEndPage(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
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

// contrastJS defines contrast(a, b), the WCAG contrast ratio of two CSS
// colours as getComputedStyle gives them (rgb() or rgba(), opaque).
const contrastJS = `window.contrast = (a, b) => {
	const lum = s => s.match(/[\d.]+/g).slice(0, 3).map(Number).map(c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
		.reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
	const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
};`

// TestChosenSuggestionVisible checks the contrast of the chosen suggestion
// in both themes: its highlight, the only cue of which one is chosen,
// against the list (3:1, WCAG 1.4.11), and its text against the highlight
// (4.5:1). axe cannot: the list exists only while typing.
func TestChosenSuggestionVisible(t *testing.T) {
	t.Parallel()
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			tb := newTab(t, realServer(t), media("prefers-color-scheme", theme, "prefers-reduced-motion", "reduce"), beforeLoad(contrastJS))
			tb.open("/")
			tb.typeText("#q", "cache")
			tb.waitFor(`!document.getElementById('q-list').hidden && document.getElementById('q-list').dataset.query === 'cache'`, "the suggestions for cache")
			tb.press(kb.ArrowDown)
			got := eval[[]float64](tb, `(() => {
				const list = document.getElementById('q-list'), opt = list.querySelector('[aria-selected=true]');
				const bg = getComputedStyle(opt).backgroundColor;
				return [contrast(bg, getComputedStyle(list).backgroundColor),
					...[opt, ...opt.querySelectorAll('.opt-term, .opt-def, .opt-alias, .pos, mark')].map(e => contrast(getComputedStyle(e).color, bg))];
			})()`)
			if got[0] < 3 {
				t.Errorf("the chosen suggestion's highlight has a contrast of %.2f:1 with the list; want 3:1", got[0])
			}
			for _, c := range got[1:] {
				if c < 4.5 {
					t.Errorf("text in the chosen suggestion has a contrast of %.2f:1 with its highlight; want 4.5:1", c)
				}
			}
		})
	}
}

// TestSearchPageHasNoDropdown types on the search page: the live results
// follow, and no suggestion list covers them (one list, one order).
func TestSearchPageHasNoDropdown(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t), noHTTPCache)
	tb.open("/search")
	tb.typeText("#q", "cach")
	tb.waitFor(`document.getElementById('hits-h').textContent === '2 results for “cach”'`, "the live results for cach")
	got := eval[[]any](tb, `[document.getElementById('q').getAttribute('role'), document.querySelectorAll('[role=listbox]').length,
		performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/suggest')).length]`)
	if got[0] != nil || got[1].(float64) != 0 || got[2].(float64) != 0 {
		t.Errorf("on /search: the box's role %v, %v suggestion lists, %v suggest requests; want no combobox, no list, no request", got[0], got[1], got[2])
	}
	// Elsewhere the box still suggests.
	tb.open("/browse")
	tb.typeText("#q", "cach")
	tb.waitFor(`!document.getElementById('q-list').hidden`, "the suggestions on another page")
}

// TestKeyboardToResults reaches the first result with the keyboard: the
// first Tab offers "Skip to results", and the down arrow moves from the
// box along the results and back, as in DocSearch.
func TestKeyboardToResults(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.open("/search?q=cache")
	active := func() string {
		return eval[string](tb, `document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.textContent`)
	}
	tb.press(kb.Tab)
	if got := eval[string](tb, `document.activeElement.textContent`); got != "Skip to results" {
		t.Fatalf("the first Tab goes to %q; want Skip to results", got)
	}
	tb.pressKey(enter)
	tb.waitFor(`document.activeElement.id === 'hits-h'`, "the results heading to take the focus")
	tb.press(kb.Tab)
	if got := active(); got != "/terms/cache" {
		t.Errorf("Tab after skipping goes to %q; want the first result, /terms/cache", got)
	}
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('q').focus()`))
	if got := active(); got != "q" {
		t.Fatalf("focus on %q; want the search box", got)
	}
	var path []string
	for _, k := range []string{kb.ArrowDown, kb.ArrowDown, kb.ArrowDown, kb.ArrowUp, kb.ArrowUp} {
		tb.press(k)
		path = append(path, active())
	}
	if want := "/terms/cache /terms/race-condition /terms/race-condition /terms/cache q"; strings.Join(path, " ") != want {
		t.Errorf("arrows from the box go to %q; want %q", strings.Join(path, " "), want)
	}
}

// facetValues lists the values of every filter in the order shown, each
// filter's first values (before "more") first.
const facetValues = `[...document.querySelectorAll('.facets fieldset')].map(fs => [...fs.querySelectorAll('input')].map(i => i.value).join(' '))`

// TestPhoneFilters filters on a phone: the options stay where they are
// as the counts change, a "Show N results" button closes the panel on the
// results, and the panel's header has a disclosure arrow.
func TestPhoneFilters(t *testing.T) {
	t.Parallel()
	tb := newTab(t, realServer(t), mobile)
	tb.open("/search?q=data")
	summary := `(s => getComputedStyle(s).display + ' ' + getComputedStyle(s).listStyleType)(document.querySelector('#filters > summary'))`
	if got := eval[string](tb, summary); got != "list-item disclosure-closed" {
		t.Errorf("the closed Filters header is %q; want a list item with the disclosure-closed arrow", got)
	}
	tb.do(chromedp.Click(chromedp.CSS("#filters > summary"), chromedp.NodeVisible))
	if got := eval[string](tb, summary); got != "list-item disclosure-open" {
		t.Errorf("the open Filters header is %q; want the disclosure-open arrow", got)
	}
	before := eval[[]string](tb, facetValues)
	for _, id := range []string{"f-role-data-scientist", "f-level-B2"} {
		// In the middle of the screen, as a learner scrolls to it: at the
		// foot, the sticky "Show N results" button covers it.
		eval[bool](tb, `(e => (e.scrollIntoView({block: 'center', behavior: 'instant'}), true))(document.getElementById('`+id+`'))`)
		tb.do(chromedp.Click(chromedp.CSS("#"+id), chromedp.NodeVisible))
		tb.waitFor(`document.getElementById('`+id+`').checked && location.search.includes('`+strings.TrimPrefix(strings.TrimPrefix(id, "f-role-"), "f-level-")+`') && !document.getElementById('results').hasAttribute('aria-busy')`, "the filter "+id)
		if after := eval[[]string](tb, facetValues); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("after %s the options moved:\n%q\nwant, as before:\n%q", id, after, before)
		}
	}
	total := eval[string](tb, `document.getElementById('hits-h').textContent.split(' ')[0]`)
	if got := eval[string](tb, `document.getElementById('show-n').textContent`); got != "Show "+total+" results" {
		t.Errorf("the button says %q; want Show %s results", got, total)
	}
	if !eval[bool](tb, `(r => r.bottom <= innerHeight && r.top >= 0)(document.getElementById('show-n').getBoundingClientRect())`) {
		t.Error("the Show results button is out of reach at the foot of the panel")
	}
	tb.do(chromedp.Click(chromedp.CSS("#show-n"), chromedp.NodeVisible))
	// The page scrolls smoothly (without reduced motion): wait for the
	// heading to arrive rather than look at once.
	tb.waitFor(`[document.getElementById('filters').open, document.activeElement.id, (r => r.top >= 0 && r.top < innerHeight)(document.getElementById('hits-h').getBoundingClientRect())].join() === 'false,hits-h,true'`, "the panel closed, the results' heading focused and in view")
	tb.checkAccessibility("search with filters on a phone")
}

// TestListenNeedsAVoice checks that the Listen button shows only where the
// browser has an English voice, also one that comes late, and that a
// failure to speak is said.
func TestListenNeedsAVoice(t *testing.T) {
	t.Parallel()
	base := testServer(t)
	hidden := `document.getElementById('speak').hidden`
	t.Run("no voice", func(t *testing.T) {
		tb := newTab(t, base) // the headless Chromium has no voice at all
		tb.open("/terms/race-condition")
		if eval[int](tb, `speechSynthesis.getVoices().length`) != 0 || !eval[bool](tb, hidden) {
			t.Error("the Listen button shows in a browser without voices")
		}
	})
	t.Run("no English voice", func(t *testing.T) {
		tb := newTab(t, base, beforeLoad(`speechSynthesis.getVoices = () => [{lang: 'de-DE', name: 'Anna'}, {lang: 'fr-FR', name: 'Thomas'}];`))
		tb.open("/terms/race-condition")
		if !eval[bool](tb, hidden) {
			t.Error("the Listen button shows with German and French voices only")
		}
	})
	t.Run("a voice that comes late", func(t *testing.T) {
		tb := newTab(t, base, beforeLoad(`window.voices = []; speechSynthesis.getVoices = () => window.voices;`))
		tb.open("/terms/race-condition")
		if !eval[bool](tb, hidden) {
			t.Fatal("the Listen button shows before any voice")
		}
		tb.do(chromedp.Evaluate[chromedp.Void](`window.voices = [{lang: 'en_GB', name: 'Daniel'}]; speechSynthesis.dispatchEvent(new Event('voiceschanged'))`))
		if eval[bool](tb, hidden) {
			t.Error("the Listen button stays hidden once an English voice has come")
		}
	})
	t.Run("speaking fails", func(t *testing.T) {
		tb := newTab(t, base, beforeLoad(englishVoice+`speechSynthesis.speak = u => setTimeout(() =>
			u.dispatchEvent(new SpeechSynthesisErrorEvent('error', {utterance: u, error: 'synthesis-failed'})));`))
		tb.open("/terms/race-condition")
		tb.do(chromedp.Click(chromedp.CSS("#speak"), chromedp.NodeVisible))
		tb.waitFor(`document.getElementById('speak-msg').textContent === 'Sorry, your browser could not say it.'`, "the failure to be said")
		tb.checkAccessibility("term page after a failure to speak")
	})
}

// TestPillsAreLinks checks that whatever looks like a pill (rounded,
// with a border) is a link or a control, or holds one: word partners
// search themselves, a role's topics look like text.
func TestPillsAreLinks(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		base, path string
	}{
		{testServer(t), "/terms/idempotent"},
		{testServer(t), "/roles/backend-developer"},
		{sensesServer(t), "/terms/store"},
	} {
		tb := newTab(t, tt.base)
		tb.open(tt.path)
		bad := eval[[]string](tb, `[...document.querySelectorAll('main *')].filter(e => {
			const s = getComputedStyle(e);
			return parseFloat(s.borderTopLeftRadius) >= 8 && parseFloat(s.borderTopWidth) > 0 &&
				!e.matches('a, button, input, summary') && !e.closest('a') && !e.querySelector('a');
		}).map(e => e.textContent.trim())`)
		if len(bad) > 0 {
			t.Errorf("%s: pills that are not links: %q", tt.path, bad)
		}
	}
	tb := newTab(t, testServer(t))
	tb.open("/terms/idempotent")
	tb.do(chromedp.Click(chromedp.CSS(`[aria-labelledby=col-h] a`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/search' && document.readyState === 'complete'`, "the search for a word partner")
	if got := tb.path(); got != "/search?q=idempotent+request" {
		t.Errorf("the word partner searches %s; want /search?q=idempotent+request", got)
	}
}

// TestNothingFound checks the page of a search that finds nothing: no
// empty filter column on a desktop nor empty panel on a phone, and the
// closest names, the roles and the other glossaries offered.
func TestNothingFound(t *testing.T) {
	t.Parallel()
	for _, v := range []struct {
		name string
		opts []tabOption
	}{{"desktop", nil}, {"mobile", []tabOption{mobile}}} {
		t.Run(v.name, func(t *testing.T) {
			tb := newTab(t, realServer(t), v.opts...)
			tb.open("/search?q=bakcpresx")
			if got := eval[[]float64](tb, `[document.querySelectorAll('.facets, #filters').length, document.querySelector('.hits').getBoundingClientRect().width / document.querySelector('.serp').getBoundingClientRect().width]`); got[0] != 0 || got[1] < 0.99 {
				t.Errorf("%v filter panels, results %.0f%% of the page's width; want none, and the whole width", got[0], 100*got[1])
			}
			if got := eval[string](tb, `document.querySelector('.none').textContent`); !strings.HasSuffix(got, "We searched this glossary and FOLDOC.") {
				t.Errorf("the page says %q; want it to say which glossaries were searched", got)
			}
			if got := eval[[]string](tb, `[...document.querySelectorAll('.none-h')].map(h => h.textContent)`); strings.Join(got, ", ") != "Closest names, Vocabulary by role" {
				t.Errorf("the page offers %q; want the closest names and the roles", got)
			}
			tb.checkAccessibility("nothing found (" + v.name + ")")
			// With a filter, the search without it.
			tb.open("/search?q=zxqvj&level=B2")
			tb.do(chromedp.Click(chromedp.CSS(`.hits p > a[href="/search?q=zxqvj"]`), chromedp.NodeVisible))
			tb.waitFor(`location.search === '?q=zxqvj' && document.querySelector('.chips') === null`, "the search without filters")
		})
	}
}

// placeholderFits says whether the search box's placeholder fits in it.
const placeholderFits = `(i => {
	const s = getComputedStyle(i), ctx = document.createElement('canvas').getContext('2d');
	ctx.font = s.font;
	return [ctx.measureText(i.placeholder).width, i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)];
})(document.getElementById('q'))`

// TestSmallPolish checks the small things of issue 16: the home
// placeholder fits a phone, the "/" shortcut is offered only where there
// is a keyboard, suggestions' definitions get two lines on a phone, a
// single page of results is not counted "1–1 of 1", and the home box has
// the focus on a desktop (not on a phone, where it would open the
// keyboard).
func TestSmallPolish(t *testing.T) {
	t.Parallel()
	t.Run("mobile", func(t *testing.T) {
		tb := newTab(t, realServer(t), mobile)
		tb.open("/")
		if got := eval[[]float64](tb, placeholderFits); got[0] > got[1] {
			t.Errorf("the placeholder is %.0f px wide in a box of %.0f px", got[0], got[1])
		}
		if got := eval[string](tb, `[...document.querySelectorAll('.foot kbd')].filter(k => k.getClientRects().length).length + ' ' + document.activeElement.tagName`); got != "0 BODY" {
			t.Errorf("visible \"Press /\" hints, focus: %q; want none on a touch screen, and no focus in the box", got)
		}
		tb.typeText("#q", "idempotent")
		tb.waitFor(`!document.getElementById('q-list').hidden && document.getElementById('q-list').dataset.query === 'idempotent'`, "the suggestions")
		if got := eval[float64](tb, `(e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))(document.querySelector('#q-opt-0 .opt-def'))`); !(got >= 1.9) {
			t.Errorf("a suggestion's definition has %.1f lines on a phone; want 2", got)
		}
	})
	t.Run("desktop", func(t *testing.T) {
		tb := newTab(t, testServer(t))
		tb.open("/")
		if got := eval[string](tb, `document.activeElement.id + ' ' + [...document.querySelectorAll('.foot kbd')].filter(k => k.getClientRects().length).length`); got != "q 1" {
			t.Errorf("focus, visible \"Press /\" hints = %q; want the box focused and the hint shown", got)
		}
		tb.open("/search?q=deadlock")
		if got := eval[int](tb, `document.querySelectorAll('.count').length`); got != 0 {
			t.Errorf("a single page of results shows %q", eval[string](tb, `document.querySelector('.count').textContent`))
		}
	})
}

// TestBrowseOnPhone browses A–Z on a phone: a tapped letter opens its own
// page with its heading in view, and no letter's page is very long.
func TestBrowseOnPhone(t *testing.T) {
	t.Parallel()
	tb := newTab(t, realServer(t), mobile)
	tb.open("/browse")
	if href := eval[string](tb, `[...document.querySelectorAll('.letters a')].find(a => a.textContent === 'K').getAttribute('href')`); href != "/browse/k" {
		t.Fatalf("the letter K links to %s; want a page of its own, /browse/k", href)
	}
	tb.do(chromedp.Click(chromedp.CSS(`.letters a[href="/browse/k"]`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/browse/k' && document.readyState === 'complete'`, "the page of K")
	if got := eval[string](tb, `(h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && h.contains(document.elementFromPoint(r.left + 5, r.top + r.height / 2)) ? h.textContent : 'covered or out of view'; })(document.querySelector('h1'))`); got != "Terms starting with K" {
		t.Errorf("the heading of K: %s", got)
	}
	if !eval[bool](tb, `[...document.querySelectorAll('.az a')].some(a => a.textContent === 'Kubernetes')`) {
		t.Error("the page of K does not list Kubernetes")
	}
	tb.checkAccessibility("browse K (mobile)")
	letters := eval[[]string](tb, `[...document.querySelectorAll('.letters a')].map(a => a.getAttribute('href'))`)
	longest, at := 0.0, ""
	for _, l := range letters {
		tb.open(l)
		if h := eval[float64](tb, `document.documentElement.scrollHeight`); h > longest {
			longest, at = h, l
		}
	}
	t.Logf("%d letters; the longest page, %s, is %.0f px on a phone", len(letters), at, longest)
	if len(letters) < 20 || longest > 8000 {
		t.Errorf("%d letter pages, the longest %s at %.0f px; want every letter on a page of its own, none over 8,000 px", len(letters), at, longest)
	}
}

// TestSuggestionsShowWhatMatched types names that match aliases and
// names with typos or without spaces: a suggestion found by an alias
// shows it ("Kubernetes — k8s"), and every suggestion marks the letters
// typed.
func TestSuggestionsShowWhatMatched(t *testing.T) {
	t.Parallel()
	tb := newTab(t, realServer(t))
	tb.open("/")
	shown := `[...document.querySelectorAll('#q-list [role=option]')].map(o => [
		o.querySelector('.opt-term').textContent + ((a => a ? ' — ' + a.textContent : '')(o.querySelector('.opt-alias'))),
		[...o.querySelectorAll('.opt-term mark, .opt-alias mark')].map(m => m.textContent).join('+')].join(' | '))`
	for _, tt := range []struct {
		q     string
		first []string // the first suggestions, as "term — alias | marked+letters"
	}{
		{"k8", []string{"Kubernetes — k8s | k8", "manifest — k8s manifest | k8"}},
		{"depl", []string{"deploy | depl", "deployment | depl"}},
		{"circ br", []string{"circuit breaker | circ+br"}},
		{"backpresu", []string{"backpressure | backpres"}},
		{"loadbal", []string{"load balancer | load+bal"}},
	} {
		tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`))
		tb.typeText("#q", tt.q)
		tb.waitFor(`!document.getElementById('q-list').hidden && document.getElementById('q-list').dataset.query === '`+tt.q+`'`, "the suggestions for "+tt.q)
		got := eval[[]string](tb, shown)
		if len(got) < len(tt.first) || strings.Join(got[:len(tt.first)], "\n") != strings.Join(tt.first, "\n") {
			t.Errorf("suggestions for %q:\n%s\nwant first:\n%s", tt.q, strings.Join(got, "\n"), strings.Join(tt.first, "\n"))
		}
		for _, o := range got {
			if strings.HasSuffix(o, " | ") {
				t.Errorf("suggestion for %q without the typed letters marked: %s", tt.q, o)
			}
		}
	}
	tb.press(kb.ArrowDown)
	tb.checkAccessibility("suggestions with marks")
}
