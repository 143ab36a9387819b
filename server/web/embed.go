package web

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed static
var static embed.FS

// Templates returns the page templates, one file per page plus layout.html
// with the parts every page shares.
func Templates() fs.FS { return sub(templates, "templates") }

// Static returns the files served under /static/.
func Static() fs.FS { return sub(static, "static") }

func sub(f embed.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a constant that exists: the embed directive checked it
	}
	return s
}
