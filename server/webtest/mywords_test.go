package webtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// clearStorage opens /my-words and empties the tab's localStorage, so a
// test says where it starts (a tab's browser context starts empty, too).
func (tb *tab) clearStorage() {
	tb.t.Helper()
	tb.open("/my-words")
	eval[bool](tb, `(localStorage.clear(), true)`)
}

// savedIDs returns the ids in the stored list, in order.
func savedIDs(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `GlossaryWords.load().map(w => w.id)`)
}

// TestSaveWords saves a word on its term page and two from search
// results (one after the live results replaced them), reloads, and finds
// them saved: stars pressed, the list in order.
func TestSaveWords(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.clearStorage()
	tb.open("/terms/sharding")
	tb.waitFor(`!document.querySelector('button.star').hidden`, "the Save star")
	tb.do(chromedpClick(`button.star[data-save="sharding"]`))
	tb.waitFor(`document.querySelector('button.star').getAttribute('aria-pressed') === 'true'`, "the star pressed")
	tb.waitFor(`document.querySelector('[role=status]:not(#q-status)') && [...document.querySelectorAll('[role=status]')].some(e => e.textContent.includes('Saved “sharding”'))`, "the saved message")

	tb.open("/search?q=dead")
	tb.waitFor(`document.querySelector('button.star[data-save="deadlock"]:not([hidden])')`, "a star on the result")
	tb.do(chromedpClick(`button.star[data-save="deadlock"]`))
	// Live results: the new fragment's stars show and say their state.
	eval[bool](tb, `(document.getElementById('q').value = '', true)`)
	tb.typeText("#q", "deadlock")
	tb.waitFor(`document.querySelector('#results .hitlist') && location.search.includes('deadlock')`, "results for deadlock")
	tb.waitFor(`document.querySelector('button.star[data-save="deadlock"]:not([hidden])[aria-pressed=true]')`, "the live result's star pressed")
	tb.open("/search?q=thread")
	tb.waitFor(`document.querySelector('button.star[data-save="thread"]:not([hidden])')`, "a star on the result")
	tb.do(chromedpClick(`button.star[data-save="thread"]`))

	tb.do(chromedpReload())
	tb.waitFor(`document.querySelector('button.star[data-save="thread"]:not([hidden])[aria-pressed=true]')`, "the star still pressed after a reload")
	if got, want := savedIDs(tb), []string{"sharding", "deadlock", "thread"}; !equal(got, want) {
		t.Errorf("saved %q; want %q", got, want)
	}
	tb.open("/terms/sharding")
	tb.waitFor(`document.querySelector('button.star[data-save="sharding"][aria-pressed=true]')`, "sharding's star pressed")
	// Pressing again removes the word.
	tb.do(chromedpClick(`button.star[data-save="sharding"]`))
	tb.waitFor(`document.querySelector('button.star[data-save="sharding"][aria-pressed=false]')`, "sharding's star released")
	if got, want := savedIDs(tb), []string{"deadlock", "thread"}; !equal(got, want) {
		t.Errorf("after removing sharding, saved %q; want %q", got, want)
	}
}

// TestStarNeedsJavaScript checks that without JavaScript no star and no
// My words link are offered.
func TestStarNeedsJavaScript(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t), noScript)
	for _, path := range []string{"/terms/sharding", "/search?q=dead"} {
		tb.open(path)
		if n := eval[int](tb, `[...document.querySelectorAll('button.star, .nav-mywords')].filter(e => e.offsetParent !== null).length`); n != 0 {
			t.Errorf("%s: %d stars or links shown without JavaScript", path, n)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func chromedpClick(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(sel))
}

func chromedpReload() chromedp.Action[chromedp.Void] { return chromedp.Reload() }

// download clicks the element of sel, which downloads a file, and
// returns the file's name and content.
func (tb *tab) download(sel string) (string, string) {
	tb.t.Helper()
	dir := tb.t.TempDir()
	events := chromedp.Events(tb.ctx, cdpbrowser.DownloadProgress)
	begins := chromedp.Events(tb.ctx, cdpbrowser.DownloadWillBegin)
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true),
			BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID}) // the tab's own
		return err
	}))
	tb.do(chromedpClick(sel))
	name := ""
	for ev, err := range begins {
		if err != nil {
			tb.t.Fatalf("download %s: %v", sel, err)
		}
		name = ev.SuggestedFilename
		break
	}
	for ev, err := range events {
		if err != nil {
			tb.t.Fatalf("download %s: %v", sel, err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			tb.t.Fatalf("download %s canceled", sel)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			b, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				tb.t.Fatal(err)
			}
			return name, string(b)
		}
	}
	tb.t.Fatalf("download %s: no answer", sel)
	return "", ""
}

// upload gives the file input of sel a file named name holding content.
func (tb *tab) upload(sel, name, content string) {
	tb.t.Helper()
	path := filepath.Join(tb.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS(sel), []string{path}))
}

// saveWords saves the words of ids through their stars on their pages.
func (tb *tab) saveWords(ids ...string) {
	tb.t.Helper()
	for _, id := range ids {
		tb.open("/terms/" + id)
		tb.waitFor(`document.querySelector('button.star[data-save="`+id+`"]:not([hidden])')`, "the star of "+id)
		tb.do(chromedpClick(`button.star[data-save="` + id + `"]`))
		tb.waitFor(`GlossaryWords.has("`+id+`")`, id+" saved")
	}
}

// listed returns the terms /my-words lists, as shown.
func listed(tb *tab) []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll('#mw-list li h2')].map(e => e.textContent)`)
}

// TestMyWords saves three words, reloads /my-words and sees them with
// their levels and definitions; exports them as JSON and as CSV, empties
// the list, imports each file back, and finds the same words; a broken
// file is refused with a message and changes nothing.
func TestMyWords(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.clearStorage()
	tb.saveWords("sharding", "deadlock", "race-condition")
	tb.open("/my-words")
	tb.do(chromedpReload())
	tb.waitFor(`document.querySelectorAll('#mw-list li .mw-def').length === 3`, "three words with definitions")
	want := []string{"race condition", "deadlock", "sharding"} // newest first
	if got := listed(tb); !equal(got, want) {
		t.Errorf("listed %q; want %q", got, want)
	}
	if lv := eval[[]string](tb, `[...document.querySelectorAll('#mw-list li .lvl')].map(e => e.textContent)`); len(lv) != 3 || lv[2] != "C1" {
		t.Errorf("levels %q; want three, sharding's C1", lv)
	}
	if def := eval[string](tb, `document.querySelector('#mw-list li[data-id=sharding] .mw-def').textContent`); !strings.HasPrefix(def, "Splitting one database") {
		t.Errorf("sharding's definition = %q", def)
	}

	// A practice schedule, as practice.js keeps it, travels in JSON.
	eval[bool](tb, `(localStorage.setItem('glossary.practice.v1', JSON.stringify({version: 1, cards: {deadlock: {ef: 2.36, reps: 0, interval: 0, due: 1e13, lapses: 1, last: 1e12}, thread: {ef: 2.5, reps: 1, interval: 1, due: 1, lapses: 0, last: 1}}})), true)`)
	name, js := tb.download("#mw-export-json")
	if !strings.Contains(js, `"deadlock": {`) || strings.Contains(js, `"thread": {`) {
		t.Errorf("JSON export should carry the practice schedule of the saved words only:\n%s", js)
	}
	if !strings.HasSuffix(name, ".json") || !strings.Contains(js, `"format": "glossary-my-words"`) || !strings.Contains(js, `"definition": "Splitting one database`) {
		t.Errorf("JSON export %s:\n%s", name, js)
	}
	name, csv := tb.download("#mw-export-csv")
	if !strings.HasSuffix(name, ".csv") || !strings.HasPrefix(csv, "id,term,level,part_of_speech,definition,saved\r\nsharding,sharding,C1,noun,") {
		t.Errorf("CSV export %s:\n%s", name, csv)
	}

	for _, f := range []struct{ name, content string }{{"words.json", js}, {"words.csv", csv}} {
		eval[bool](tb, `(localStorage.removeItem(GlossaryWords.KEY), localStorage.removeItem('glossary.practice.v1'), true)`)
		tb.do(chromedpReload())
		tb.waitFor(`!document.getElementById('mw-empty').hidden`, "the empty list")
		tb.upload("#mw-import", f.name, f.content)
		tb.waitFor(`document.getElementById('mw-message').textContent.includes('3 new words')`, "the import of "+f.name)
		if got := listed(tb); !equal(got, want) {
			t.Errorf("after importing %s, listed %q; want %q", f.name, got, want)
		}
		due := eval[float64](tb, `(JSON.parse(localStorage.getItem('glossary.practice.v1') || '{"cards":{}}').cards.deadlock || {due: 0}).due`)
		if want := map[string]float64{"words.json": 1e13, "words.csv": 0}[f.name]; due != want {
			t.Errorf("after importing %s, deadlock due %v; want %v", f.name, due, want)
		}
		// Importing it again adds nothing.
		tb.upload("#mw-import", f.name, f.content)
		tb.waitFor(`document.getElementById('mw-message').textContent.includes('0 new words, 3 already in your list')`, "the second import of "+f.name)
	}
	tb.upload("#mw-import", "broken.csv", "term,level\nsharding,C1\n")
	tb.waitFor(`document.getElementById('mw-message').textContent.includes('no "id" column')`, "the error")
	if msg := eval[string](tb, `document.getElementById('mw-message').textContent`); !strings.Contains(msg, "Your list is unchanged") {
		t.Errorf("message %q", msg)
	}
	tb.upload("#mw-import", "bad.json", `{"words": [{"id": "ok"}, {"id": "has space"}]}`)
	tb.waitFor(`document.getElementById('mw-message').textContent.includes('word 2: "has space" is not a term id')`, "the error")
	if got := listed(tb); !equal(got, want) {
		t.Errorf("after bad files, listed %q; want %q", got, want)
	}
	// A quoted CSV field may hold commas, quotes and line breaks.
	tb.upload("#mw-import", "quoted.csv", "\uFEFFid,term,definition\r\nthread,thread,\"A path, \"\"one\"\"\nof execution\"\r\n")
	tb.waitFor(`document.getElementById('mw-message').textContent.includes('1 new word')`, "the quoted CSV import")
	if got := listed(tb); len(got) != 4 || got[0] != "thread" {
		t.Errorf("after the quoted CSV, listed %q", got)
	}
}

// TestMyWordsKeyboard saves a word and removes saved ones with the
// keyboard alone: Enter on the focused star, Enter on a focused Remove,
// after which the focus stays in the list.
func TestMyWordsKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t, testServer(t))
	tb.clearStorage()
	tb.saveWords("thread", "latency")
	tb.open("/terms/cache")
	tb.waitFor(`!document.querySelector('button.star').hidden`, "the star")
	eval[bool](tb, `(document.querySelector('button.star').focus(), true)`)
	tb.pressKey(enter)
	tb.waitFor(`GlossaryWords.has('cache')`, "cache saved with Enter")
	tb.open("/my-words")
	tb.waitFor(`document.querySelectorAll('#mw-list button[data-remove]').length === 3`, "three words")
	eval[bool](tb, `(document.querySelector('#mw-list button[data-remove]').focus(), true)`)
	tb.pressKey(enter)
	tb.waitFor(`document.querySelectorAll('#mw-list button[data-remove]').length === 2`, "a word removed with Enter")
	if got := savedIDs(tb); !equal(got, []string{"thread", "latency"}) {
		t.Errorf("saved %q; want thread and latency (cache, the newest, listed first, removed)", got)
	}
	if f := eval[string](tb, `document.activeElement.dataset.remove || document.activeElement.id`); f != "latency" {
		t.Errorf("focus on %q after removing; want the next word's Remove", f)
	}
}
