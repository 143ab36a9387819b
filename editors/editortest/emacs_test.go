package editortest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The documents the Emacs script opens; it knows their lines and columns.
var emacsFiles = map[string]string{
	"notes.md":  "# Notes\n\nRetries must be idempotant on Github.\nAdd backpressure to avoid a race condition.\n\nCheck the latency first.\n\n```\nKubernets\n```\n",
	"notes.txt": "Notes\n\nRetries must be idempotant on Github.\nAdd backpressure to avoid a race condition.\n\nCheck the latency first.\n",
	"notes.org": "* Notes\n\nRetries must be idempotant.\n",
}

// TestEmacs runs Debian's Emacs 28 with eglot 1.9 in batch mode, with
// editors/emacs/glossary.el loaded as a user's init file would, and
// testdata/test.el driving it (see there for the checks): in a text-mode
// buffer without markdown-mode, in a markdown-mode buffer, and with a
// server that cannot start.
func TestEmacs(t *testing.T) {
	emacs := need(t, "emacs", "emacs-nox elpa-eglot elpa-markdown-mode")
	version, err := exec.Command(emacs, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", strings.SplitN(string(version), "\n", 2)[0])
	setup, err := filepath.Abs("../emacs/glossary.el")
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("testdata/test.el")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"text", "markdown", "broken"} {
		t.Run(mode, func(t *testing.T) {
			dir, env := home(t)
			work := filepath.Join(dir, "work")
			writeFiles(t, work, emacsFiles)
			results := filepath.Join(dir, "results")
			env = append(env, "EDITORTEST_MODE="+mode, "EDITORTEST_WORK="+work, "EDITORTEST_RESULTS="+results, "EDITORTEST_SETUP="+setup)
			if mode == "broken" {
				env = append(env, "GLOSSARY_LOG_FORMAT=xml")
			}
			out := runEditor(t, 60*time.Second, work, env, emacs, "--batch", "-l", script)
			reportChecks(t, results, out)
		})
	}
}
