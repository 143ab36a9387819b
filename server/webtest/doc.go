// Package webtest holds the end-to-end tests of the web pages: they run the
// real server on loopback over real indexes and drive Debian's Chromium
// through the DevTools protocol (chromedp), with JavaScript on and off, at
// desktop and phone sizes, under the server's Content-Security-Policy.
// They check the accessibility of every page type with axe-core, and write
// screenshots of each for a person to look at.
//
// The tests need /usr/bin/chromium (or the browser WEBTEST_CHROMIUM
// names) and axe-core from npm in .cache/axe at the repository root (or
// the axe.min.js WEBTEST_AXE names); .ci/test installs both. They fail,
// never skip, when either is missing. Screenshots go to screenshots/ at the
// repository root, or to the folder WEBTEST_SCREENSHOTS names.
//
// The package has no code outside its tests.
package webtest
