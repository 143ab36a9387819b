// Package editortest proves the editor set-ups of editors/ in real
// editors: Debian 12's Neovim 0.7 with editors/neovim/glossary.lua, and
// Emacs 28 with eglot 1.9 and editors/emacs/glossary.el, driven headless
// against the real glossary binary. It has tests only:
//
//	go test ./editors/editortest
//
// The tests fail, not skip, when nvim or emacs is missing: bash .ci/test
// installs Debian's neovim, emacs-nox, elpa-eglot, elpa-markdown-mode and
// wamerican.
package editortest
