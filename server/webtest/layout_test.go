package webtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pageTypes are one page of each kind, on the real corpus.
var pageTypes = []struct{ name, path string }{
	{"home", "/"},
	{"search", "/search?q=queue&level=B2"},
	{"term", "/terms/idempotent"},
	{"term-imported", "/terms/thunk"},
	{"term-with-senses", "/terms/cache"},
	{"term-several-senses", "/terms/store"},
	{"search-imported", "/search?q=thunk"},
	{"role", "/roles/backend-developer"},
	{"browse", "/browse"},
	{"browse-letter", "/browse/s"},
	{"roles", "/roles"},
	{"levels", "/levels"},
	{"role-vocabulary", "/search?role=backend-developer"},
	{"404", "/terms/no-such-term"},
}

// maxShotHeight caps screenshots of long pages, such as browse, in CSS
// pixels.
const maxShotHeight = 3000

// TestPageTypes loads every page type at desktop size, on a phone and in
// the dark theme, the three views in parallel. On each page it checks
// that nothing scrolls sideways and that axe-core finds no serious
// accessibility problem, and it writes a screenshot.
func TestPageTypes(t *testing.T) {
	t.Parallel()
	base := realServer(t)
	dir := screenshotDir(t)
	views := []struct {
		name string
		opts []tabOption
	}{
		{"desktop", nil},
		{"mobile", []tabOption{mobile}},
		{"dark", []tabOption{mobile, media("prefers-color-scheme", "dark")}},
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			// One tab per view: a tab of its own costs a browser context,
			// and the pages of one view share nothing a test could see.
			tb := newTab(t, base, v.opts...)
			for _, p := range pageTypes {
				tb.open(p.path)
				tb.waitFor(`document.readyState === 'complete'`, "the page to load")
				if p.name == "404" {
					if title := eval[string](tb, "document.title"); title != "Page not found – Glossary" {
						t.Errorf("%s: title = %q", p.name, title)
					}
				}
				sizes := eval[[]float64](tb, `[document.documentElement.scrollWidth, window.innerWidth, document.documentElement.clientWidth]`)
				if sizes[0] > sizes[1] || sizes[0] > sizes[2] {
					t.Errorf("%s: scrolls sideways: page %v px wide in a %v px window (%v px without scroll bar)", p.name, sizes[0], sizes[1], sizes[2])
				}
				if v.name == "mobile" && sizes[1] != 375 {
					t.Errorf("%s: window %v px wide; want 375", p.name, sizes[1])
				}
				tb.screenshot(filepath.Join(dir, p.name+"-"+v.name+".png"))
				tb.checkAccessibility(p.name + " (" + v.name + ")")
			}
		})
	}
}

// screenshot writes a PNG of the page, cut at maxShotHeight.
func (tb *tab) screenshot(file string) {
	tb.t.Helper()
	png, err := chromedp.Run(tb.ctx, func(ctx context.Context, target *chromedp.Target) ([]byte, error) {
		m, err := chromedp.Call(ctx, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		w, h := m.CSSLayoutViewport.ClientWidth, m.CSSContentSize.Height
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(true),
			Clip:                  &page.Viewport{Width: float64(w), Height: min(h, maxShotHeight), Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	})
	if err != nil {
		tb.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// TestSuggestionsAccessible runs axe-core with the suggestions open and an
// option chosen, the state a screen reader user meets while typing.
func TestSuggestionsAccessible(t *testing.T) {
	t.Parallel()
	tb := newTab(t, realServer(t))
	tb.open("/")
	tb.typeText("#q", "cache")
	tb.waitFor(`!document.getElementById('q-list').hidden`, "the suggestions to open")
	tb.press("\u0301") // ArrowDown
	tb.checkAccessibility("home with suggestions open")
	tb.screenshot(filepath.Join(screenshotDir(t), "suggest-desktop.png"))
	if got := eval[string](tb, `document.getElementById('q-status').textContent`); got == "" {
		t.Error("the status region does not announce the suggestions")
	}
}

// englishVoice gives the browser an English voice, as a desktop has; the
// headless Chromium of the tests has none. Scripts that follow may replace
// speechSynthesis.speak, for the tests to hear what would be said.
const englishVoice = `if (window.speechSynthesis) speechSynthesis.getVoices = () => [{lang: 'de-DE', name: 'Anna'}, {lang: 'en-US', name: 'Samantha'}];
`

func TestPronunciation(t *testing.T) {
	t.Parallel()
	base := testServer(t)
	t.Run("where the browser can speak", func(t *testing.T) {
		tb := newTab(t, base, beforeLoad(englishVoice+`window.spoken = [];
			if (window.speechSynthesis) speechSynthesis.speak = u => window.spoken.push(u.text + '|' + u.lang);`))
		tb.open("/terms/race-condition")
		if !eval[bool](tb, "'speechSynthesis' in window") {
			t.Fatal("this Chromium has no speechSynthesis")
		}
		tb.do(chromedp.Click(chromedp.CSS("#speak"), chromedp.NodeVisible))
		if got := eval[[]string](tb, "window.spoken"); len(got) != 1 || got[0] != "race condition|en-US" {
			t.Errorf("spoken = %q; want [race condition|en-US]", got)
		}
	})
	t.Run("where it cannot", func(t *testing.T) {
		tb := newTab(t, base, beforeLoad(`delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;`))
		tb.open("/terms/race-condition")
		if eval[bool](tb, "'speechSynthesis' in window") {
			t.Fatal("could not take speechSynthesis away")
		}
		if !eval[bool](tb, "document.getElementById('speak').hidden") {
			t.Error("the pronunciation button shows in a browser that cannot speak")
		}
	})
}

// TestPronunciationShown checks what a term page shows of how the word is
// said, and that Listen reads the spoken form: "engine x" for nginx, the
// term itself when it has none, nothing for a written-only form. Each page
// is checked with axe-core too.
func TestPronunciationShown(t *testing.T) {
	t.Parallel()
	base := sensesServer(t)
	tests := []struct {
		path, ipa, say string // say "" means no Listen button
	}{
		{"/terms/store", "US /stɔːr/ UK /stɔː/", "store|en-US"},
		{"/terms/nginx", "US /ˌendʒɪn ˈeks/", "engine x|en-US"},
		{"/terms/lgtm", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			tb := newTab(t, base, beforeLoad(englishVoice+`window.spoken = [];
				if (window.speechSynthesis) speechSynthesis.speak = u => window.spoken.push(u.text + '|' + u.lang);`))
			tb.open(tt.path)
			ipa := eval[string](tb, `[...document.querySelectorAll('.meta .ipa')].map(e => e.textContent).join(' ')`)
			if ipa != tt.ipa {
				t.Errorf("IPA shown %q; want %q", ipa, tt.ipa)
			}
			if tt.say == "" {
				if !eval[bool](tb, `document.getElementById('speak') === null && document.querySelector('.written').textContent === 'written only'`) {
					t.Error(`a written-only form shows a Listen button, or not "written only"`)
				}
			} else {
				tb.do(chromedp.Click(chromedp.CSS("#speak"), chromedp.NodeVisible))
				if got := eval[[]string](tb, "window.spoken"); len(got) != 1 || got[0] != tt.say {
					t.Errorf("spoken = %q; want [%s]", got, tt.say)
				}
			}
			tb.checkAccessibility(tt.path)
		})
	}
}

// TestSensesShown checks the numbered senses of a term page: in order,
// each with its level and definition, and that a link to a sense leads
// to it.
func TestSensesShown(t *testing.T) {
	t.Parallel()
	tb := newTab(t, sensesServer(t))
	tb.open("/terms/store")
	got := eval[[]string](tb, `[...document.querySelectorAll('ol.senses > li')].map(li =>
		getComputedStyle(li).display + ' ' + li.querySelector('.lvl').textContent + ' ' + li.querySelector('.sense-def').textContent.slice(0, 20))`)
	want := []string{"list-item B2 A central object tha", "list-item B2 Any system that keep"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("senses shown %q; want %q", got, want)
	}
	tb.checkAccessibility("term with senses")
	tb.screenshot(filepath.Join(screenshotDir(t), "term-senses-desktop.png"))
	tb.open("/terms/cqrs")
	tb.do(chromedp.Click(chromedp.CSS(`.related a[href="/terms/model#sense-data-model"]`), chromedp.NodeVisible))
	tb.waitFor(`location.pathname === '/terms/model' && location.hash === '#sense-data-model' && document.readyState === 'complete'`, "the data-model sense")
	if !eval[bool](tb, `document.querySelector(':target') === document.getElementById('sense-data-model')`) {
		t.Error("the link to a sense does not target it")
	}
}

func TestThemeAndMotion(t *testing.T) {
	t.Parallel()
	base := testServer(t)
	tests := []struct {
		name     string
		opts     []tabOption
		bg, move string
	}{
		{"default", nil, "rgb(255, 255, 255)", "smooth"},
		{"dark", []tabOption{media("prefers-color-scheme", "dark")}, "rgb(17, 20, 24)", "smooth"},
		{"reduced motion", []tabOption{media("prefers-reduced-motion", "reduce")}, "rgb(255, 255, 255)", "auto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTab(t, base, tt.opts...)
			tb.open("/")
			got := eval[[]string](tb, `[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).scrollBehavior]`)
			if got[0] != tt.bg || got[1] != tt.move {
				t.Errorf("background %s, scroll-behavior %s; want %s, %s", got[0], got[1], tt.bg, tt.move)
			}
		})
	}
}

// TestMobileFilters checks that on a phone the filters fold above the
// results, and open on demand.
func TestMobileFilters(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t), mobile)
	tb.open("/search?q=cache")
	if open := eval[bool](tb, "document.getElementById('filters').open"); open {
		t.Error("the filters are open on a phone with none in use")
	}
	above := eval[bool](tb, `document.querySelector('.facets').getBoundingClientRect().bottom <= document.querySelector('.hits').getBoundingClientRect().top`)
	if !above {
		t.Error("the filters are not above the results on a phone")
	}
	tb.do(chromedp.Click(chromedp.CSS("#filters > summary"), chromedp.NodeVisible))
	tb.do(chromedp.Click(chromedp.CSS("#f-level-B1"), chromedp.NodeVisible))
	tb.waitFor(`location.search === '?q=cache&level=B1' && document.querySelector('.chips') !== null`, "the filter to apply")
	if open := eval[bool](tb, "document.getElementById('filters').open"); !open {
		t.Error("the filters folded while in use")
	}
}
