// Package web holds the learner's web pages as files embedded in the
// binary: the html/template templates the server renders and the static
// CSS, JavaScript and icon they reference. Nothing is loaded from a CDN,
// and nothing in the markup needs an inline script, event handler or style
// attribute, so the pages work under a strict Content-Security-Policy.
//
// The package holds no logic: the server package parses the templates,
// builds the data they render and serves the static files.
//
// My words and practice keep their data in the browser (localStorage):
// words.js (the Save star), mywords.js, practice.js with answer.js (the
// typo rules of search.CheckAnswer in JavaScript) and offline.js with
// sw.js (the service worker, served at /sw.js) load only on the pages
// that use them, as learn.css does.
package web
