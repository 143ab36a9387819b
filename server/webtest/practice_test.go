package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/glossary/glossary/corpus"
)

// testCorpus loads search/testdata/corpus, which testServer serves.
func testCorpus(t *testing.T) *corpus.Corpus {
	t.Helper()
	dir := "../../search/testdata/corpus"
	c, err := corpus.Load(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// cardState is a word's stored SM-2 state.
type cardState struct {
	EF       float64 `json:"ef"`
	Reps     int     `json:"reps"`
	Interval int     `json:"interval"`
	Due      float64 `json:"due"`
	Lapses   int     `json:"lapses"`
}

func practiceState(tb *tab) map[string]cardState {
	tb.t.Helper()
	var s struct {
		Cards map[string]cardState `json:"cards"`
	}
	raw := eval[string](tb, `localStorage.getItem('glossary.practice.v1') || '{}'`)
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		tb.t.Fatal(err)
	}
	return s.Cards
}

// focused describes the focused element.
func focused(tb *tab) string {
	tb.t.Helper()
	return eval[string](tb, `document.activeElement.id || document.activeElement.tagName`)
}

// TestPracticeSession plays a session of the 5 words of a role's category
// with the keyboard only: typing into the focused answer box, Enter to
// check, Enter on the focused Next button. One answer is wrong, one has a
// typo. The wrong card comes back after two others, the typo counts as
// right, and the stored schedule brings the missed word back sooner than
// the others.
func TestPracticeSession(t *testing.T) {
	t.Parallel()
	c := testCorpus(t)
	tb := newTab(t, testServer(t))
	tb.clearStorage()
	tb.open("/practice?role=backend-developer&category=server-runtime")
	tb.waitFor(`!document.getElementById('pr-card').hidden`, "the first card")
	if title := eval[string](tb, `document.getElementById('pr-title').textContent`); title != "Practise: Backend Developer: Server & Runtime" {
		t.Errorf("title %q", title)
	}
	var seen []string
	var kinds []string
	wrong, typo := "", ""
	for i := 0; ; i++ {
		if i > 10 {
			t.Fatalf("the session goes on: %q", seen)
		}
		id := eval[string](tb, `document.getElementById('pr-card').dataset.id`)
		kinds = append(kinds, eval[string](tb, `document.getElementById('pr-card').dataset.kind`))
		seen = append(seen, id)
		if f := focused(tb); f != "pr-answer" {
			t.Fatalf("card %d: focus on %s; want the answer box", i+1, f)
		}
		if prompt := eval[string](tb, `document.getElementById('pr-prompt').textContent`); strings.Contains(strings.ToLower(prompt), strings.ReplaceAll(id, "-", " ")) {
			t.Errorf("card %d prompt gives the answer away: %q", i+1, prompt)
		}
		term := c.Term(id).Term
		answer, want := term, "Right: "
		switch {
		case i == 1:
			wrong, answer, want = id, "nonsense", "Not quite. The answer is "
		case typo == "" && wrong != "" && id != wrong && len(term) >= 6:
			typo = id
			r := []rune(term)
			r[2], r[3] = r[3], r[2]
			answer, want = string(r), "Right, but mind the spelling: "
		}
		tb.press(answer)
		tb.pressKey(enter)
		tb.waitFor(`document.getElementById('pr-feedback').textContent !== ''`, "the verdict")
		if fb := eval[string](tb, `document.getElementById('pr-feedback').textContent`); !strings.HasPrefix(fb, want+term) {
			t.Errorf("card %d (%s), answer %q: feedback %q; want it to start %q", i+1, id, answer, fb, want+term)
		}
		if f := focused(tb); f != "pr-next" {
			t.Fatalf("card %d: after the verdict, focus on %s; want Next", i+1, f)
		}
		last := eval[string](tb, `document.getElementById('pr-next').textContent`) == "Finish"
		tb.pressKey(enter)
		if last {
			break
		}
		tb.waitFor(`document.getElementById('pr-feedback').textContent === ''`, "the next card")
	}
	t.Logf("cards %q, kinds %q", seen, kinds)
	if len(seen) != 6 {
		t.Fatalf("%d cards %q; want the 5 words and the missed one again", len(seen), seen)
	}
	if seen[4] != wrong {
		t.Errorf("cards %q: the missed %s should come back as the 5th card, after two others", seen, wrong)
	}
	for _, id := range seen[:5] {
		if n := strings.Count(strings.Join(seen, " ")+" ", id+" "); (id == wrong) != (n == 2) {
			t.Errorf("%s shown %d times in %q", id, n, seen)
		}
	}
	if !strings.Contains(strings.Join(kinds, " "), "gap") || !strings.Contains(strings.Join(kinds, " "), "definition") {
		t.Errorf("card kinds %q; want definitions and gaps", kinds)
	}
	tb.waitFor(`!document.getElementById('pr-done').hidden && document.activeElement.id === 'pr-done'`, "the summary, focused")
	if s := eval[string](tb, `document.getElementById('pr-summary').textContent`); !strings.HasPrefix(s, "4 of 5 right the first time.") {
		t.Errorf("summary %q", s)
	}
	st := practiceState(tb)
	if len(st) != 5 {
		t.Fatalf("state of %d words; want 5: %+v", len(st), st)
	}
	for id, s := range st {
		if id == wrong {
			continue
		}
		if st[wrong].Due >= s.Due {
			t.Errorf("missed %s due %v, not before %s due %v", wrong, st[wrong].Due, id, s.Due)
		}
		if s.Reps != 1 || s.Interval != 1 {
			t.Errorf("%s: %+v; want one repetition, an interval of one day", id, s)
		}
	}
	if w := st[wrong]; w.Reps != 0 || w.Lapses != 1 || w.EF >= st[seen[0]].EF {
		t.Errorf("missed %s: %+v; want repetitions started over, a lapse and a lower ease than %+v", wrong, w, st[seen[0]])
	}
	if typo != "" && st[typo].EF >= st[seen[0]].EF {
		t.Errorf("%s answered with a typo: ease %v; want it below an exact answer's %v", typo, st[typo].EF, st[seen[0]].EF)
	}
	// The next session starts with nothing due: the missed word is due
	// in minutes, the others tomorrow.
	tb.pressKey(enter) // no-op on the focused summary
	tb.do(chromedp.Click(chromedp.CSS("#pr-again")))
	tb.waitFor(`!document.getElementById('pr-card').hidden`, "a new session")
	if first := eval[string](tb, `document.getElementById('pr-card').dataset.id`); first != wrong {
		t.Errorf("practising ahead starts with %s; want the missed %s, due soonest", first, wrong)
	}
}

// TestPracticeMyWords practises the saved words, and shows what to do
// with none saved.
func TestPracticeMyWords(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.clearStorage()
	tb.open("/practice")
	tb.waitFor(`!document.getElementById('pr-empty').hidden`, "the empty message")
	if msg := eval[string](tb, `document.getElementById('pr-empty').textContent`); !strings.Contains(msg, "no saved words") {
		t.Errorf("message %q", msg)
	}
	tb.saveWords("cache", "latency")
	tb.open("/my-words")
	tb.do(chromedp.Click(chromedp.CSS("#mw-practise")))
	tb.waitFor(`location.pathname === '/practice' && !document.getElementById('pr-card').hidden`, "a card of my words")
	if p := eval[string](tb, `document.getElementById('pr-progress').textContent`); !strings.HasSuffix(p, "Card 1 of 2") {
		t.Errorf("progress %q; want Card 1 of 2", p)
	}
}

// TestPracticeOffline loads /my-words and a practice list once, stops the
// server, and reloads the practice page, then follows the My words link:
// the service worker serves the pages, their files and the words.
// (A reload, as a learner would: DevTools' Page.navigate to the same
// address was refused offline in headless Chromium.)
func TestPracticeOffline(t *testing.T) {
	t.Parallel()
	h, err := serve(testCorpus(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	tb := newTab(t, srv.URL)
	tb.saveWords("sharding")
	tb.open("/my-words")
	tb.waitFor(`document.documentElement.dataset.offline === 'ready' && document.querySelector('#mw-list .mw-def')`, "my words kept for offline")
	path := "/practice?role=backend-developer&category=database"
	tb.open(path)
	tb.waitFor(`document.documentElement.dataset.offline === 'ready'`, "the page kept for offline")
	eval[bool](tb, `navigator.serviceWorker.ready.then(() => true)`)
	srv.CloseClientConnections()
	srv.Close()
	eval[bool](tb, `(window.beforeReload = true, location.reload(), true)`)
	tb.waitFor(`!window.beforeReload && document.readyState === 'complete'`, "the page reloaded")
	tb.waitFor(`!document.getElementById('pr-card').hidden`, "a card offline")
	if p := eval[string](tb, `document.getElementById('pr-progress').textContent`); !strings.HasSuffix(p, "Card 1 of 2") {
		t.Errorf("offline progress %q; want Card 1 of 2", p)
	}
	if n := eval[int](tb, `document.styleSheets.length`); n < 2 {
		t.Errorf("offline page has %d stylesheets; want app.css and learn.css", n)
	}
	// Following the My words link offline shows the saved words.
	tb.do(chromedp.Click(chromedp.CSS(".nav-mywords")))
	tb.waitFor(`location.pathname === '/my-words' && document.querySelector('#mw-list li[data-id=sharding] .mw-def')`, "my words offline, with the definition")
	// Other pages are not the worker's: offline they fail as without it.
	if _, err := chromedp.Run(tb.ctx, chromedp.Navigate(srv.URL+"/browse")); err == nil || !strings.Contains(err.Error(), "ERR_CONNECTION_REFUSED") {
		t.Errorf("/browse offline: %v; want the connection refused, as without the worker", err)
	}
}

// TestLearnerPages runs axe-core on /my-words (with words) and on a
// practice card and its verdict, on a desktop and a 375 px phone, light
// and dark, checks that nothing scrolls sideways, and writes screenshots.
func TestLearnerPages(t *testing.T) {
	t.Parallel()
	base := realServer(t)
	dir := screenshotDir(t)
	views := []struct {
		name string
		opts []tabOption
	}{
		{"desktop", nil},
		{"desktop-dark", []tabOption{media("prefers-color-scheme", "dark")}},
		{"mobile", []tabOption{mobile}},
		{"dark", []tabOption{mobile, media("prefers-color-scheme", "dark")}},
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			tb := newTab(t, base, v.opts...)
			tb.clearStorage()
			tb.saveWords("idempotent", "race-condition", "backpressure")
			check := func(name string) {
				t.Helper()
				sizes := eval[[]float64](tb, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
				if sizes[0] > sizes[1] {
					t.Errorf("%s: scrolls sideways: %v px in %v", name, sizes[0], sizes[1])
				}
				tb.screenshot(filepath.Join(dir, name+"-"+v.name+".png"))
				tb.checkAccessibility(fmt.Sprintf("%s (%s)", name, v.name))
			}
			tb.open("/my-words")
			tb.waitFor(`document.querySelectorAll('#mw-list .mw-def').length === 3`, "the words")
			check("my-words")
			if v.name == "desktop" {
				printed(t, tb, filepath.Join(dir, "my-words-print.png"))
			}
			tb.open("/practice?role=backend-developer")
			tb.waitFor(`!document.getElementById('pr-card').hidden`, "a card")
			check("practice")
			tb.press("wrong answer")
			tb.pressKey(enter)
			tb.waitFor(`document.getElementById('pr-feedback').textContent !== ''`, "the verdict")
			check("practice-answered")
			tb.open("/roles/backend-developer")
			tb.waitFor(`document.getElementById('practise-h')`, "the practice section")
			if n := eval[int](tb, `document.querySelectorAll('.practise a[href^="/practice?role=backend-developer"]').length`); n < 3 {
				t.Errorf("role page: %d practice links", n)
			}
		})
	}
}

// printed checks /my-words as printed: the list without the site's header,
// footer and buttons; it writes a screenshot of the print layout.
func printed(t *testing.T, tb *tab, file string) {
	t.Helper()
	setMedia := func(m string) {
		tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		}))
	}
	setMedia("print")
	defer setMedia("")
	shown := eval[[]string](tb, `['header.top', 'footer', '#mw-export-json', '#mw-list button', '#mw-list li h2', '#mw-list .mw-def']
		.filter(s => { const e = document.querySelector(s); return e && e.getClientRects().length > 0; })`)
	if !equal(shown, []string{"#mw-list li h2", "#mw-list .mw-def"}) {
		t.Errorf("printed, these show: %q; want only the words and definitions", shown)
	}
	tb.screenshot(file)
}
