// Package testutil holds the helpers that the tests of several packages
// share, one copy of each: HTTP requests read to the end (Get, Do), HTML
// parsing and walking (ParseHTML, Walk, Attr), a buffer safe for
// concurrent writers (SyncBuffer), and golden files rewritten with the
// -update flag (Golden, Update). Only _test.go files import it.
package testutil
