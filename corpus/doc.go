// Package corpus owns the glossary's source data: the types of terms, roles
// and categories, loading them from YAML files, and validating them.
//
// A corpus is a folder (or an fs.FS) laid out as:
//
//	categories.yaml     category slug -> label
//	terms/<id>.yaml     one term per file; the id is the file name
//	roles/<slug>.yaml   one role per file; the slug is the file name
//
// Load reports every problem it finds, each as path:line:col: message, so a
// maintainer can fix a whole batch of edits in one go. The curated corpus is
// embedded in the binary (see Embedded) so nothing needs to be on disk.
//
// What the data alone decides is answered here too, for every side to
// share: look-ups and labels, statistics, and which terms the roles put
// in the spotlight (Spotlight).
//
// The package depends on the standard library and YAML only; indexer, search
// and server build on its types.
package corpus
