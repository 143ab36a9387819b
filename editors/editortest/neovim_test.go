package editortest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The documents the Neovim script opens; it knows their lines and
// columns.
var neovimFiles = map[string]string{
	"notes.md": "# Notes\n\nRetries must be idempotant on Github.\nAdd backpressure to avoid a race condition.\n\nCheck the latency first.\n\n```\nKubernets\n```\n",
	"main.go":  "package main\n\n// Retries must be idemp\nfunc f() { idemp }\n// Talks to Postgres SQL.\nvar s = \"idempotant\"\n",
	"COMMIT_EDITMSG": "Add backpresure to the export queue\n\nThe exporter read faster than it could write.\n" +
		"# Please enter the commit message for your changes. idempotant\nSigned-off-by: Ana Example <ana@example.com>\n",
}

// TestNeovim runs Debian's Neovim 0.7 headless with the plugin of
// editors/neovim/glossary.lua installed as a user would install it, and
// testdata/init.lua as the user's init.lua, which drives it (see there
// for the checks): on the local index, asking a glossary server, and with
// a server that cannot start.
func TestNeovim(t *testing.T) {
	nvim := need(t, "nvim", "neovim")
	version, err := exec.Command(nvim, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", strings.SplitN(string(version), "\n", 2)[0])
	for _, mode := range []string{"local", "remote", "broken"} {
		t.Run(mode, func(t *testing.T) {
			dir, env := home(t)
			work := filepath.Join(dir, "work")
			writeFiles(t, work, neovimFiles)
			copyFile(t, "../neovim/glossary.lua", filepath.Join(dir, ".config", "nvim", "plugin", "glossary.lua"))
			results := filepath.Join(dir, "results")
			env = append(env, "EDITORTEST_MODE="+mode, "EDITORTEST_WORK="+work, "EDITORTEST_RESULTS="+results)
			switch mode {
			case "remote":
				env = append(env, "EDITORTEST_SERVER="+serve(t))
			case "broken":
				env = append(env, "GLOSSARY_LOG_FORMAT=xml")
			}
			out := runEditor(t, 60*time.Second, work, env, nvim, "--headless", "-u", initLua(t))
			reportChecks(t, results, out)
			if mode == "broken" {
				return
			}
			// Neovim writes a server's standard error to its lsp.log as
			// errors: nothing but the warning about the unrelated
			// variable may be there.
			log, _ := os.ReadFile(filepath.Join(dir, ".cache", "nvim", "lsp.log"))
			for _, line := range strings.Split(string(log), "\n") {
				if strings.Contains(line, "stderr") && !strings.Contains(line, "GLOSSARY_SOMETHING_ELSE") {
					t.Errorf("lsp.log: %s", line)
				}
			}
			if !strings.Contains(string(log), `GLOSSARY_SOMETHING_ELSE: unknown setting`) {
				t.Errorf("lsp.log does not show the warning about GLOSSARY_SOMETHING_ELSE:\n%s", log)
			}
		})
	}
}

// initLua returns the absolute path of testdata/init.lua.
func initLua(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("testdata/init.lua")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
