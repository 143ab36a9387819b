package webtest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// clearStorage empties the tab's localStorage: the tests share one
// browser profile, and a server keeps its origin across them.
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
