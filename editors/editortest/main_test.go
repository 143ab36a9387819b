package editortest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// glossary is what every editor test shares: the binary and an index of
// the embedded corpus in a data folder that the editors' servers read
// (GLOSSARY_DATA_DIR), built once, by the first test that needs them.
var glossary struct {
	once           sync.Once
	dir, bin, data string
	err            error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if glossary.dir != "" {
		os.RemoveAll(glossary.dir)
	}
	os.Exit(code)
}

func buildGlossary() error {
	dir, err := os.MkdirTemp("", "editortest-")
	if err != nil {
		return err
	}
	glossary.dir = dir
	glossary.bin = filepath.Join(dir, "bin", "glossary")
	glossary.data = filepath.Join(dir, "data")
	build := exec.Command("go", "build", "-o", glossary.bin, "../../cmd/glossary")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	index := exec.Command(glossary.bin, "index", "--data", glossary.data)
	if out, err := index.CombinedOutput(); err != nil {
		return fmt.Errorf("glossary index: %w\n%s", err, out)
	}
	return nil
}

// need returns the path of an editor's program, failing the test when it
// is missing: these tests prove the set-ups work, so they must run.
func need(t *testing.T, program, packages string) string {
	t.Helper()
	glossary.once.Do(func() { glossary.err = buildGlossary() })
	if glossary.err != nil {
		t.Fatal(glossary.err)
	}
	path, err := exec.LookPath(program)
	if err != nil {
		t.Fatalf("%s is not installed: run bash .ci/test, which installs %s (apt-get install -y %s)", program, packages, packages)
	}
	if _, err := os.Stat("/usr/share/dict/words"); err != nil {
		t.Fatalf("the word list is missing: run bash .ci/test, which installs wamerican (apt-get install -y wamerican)")
	}
	return path
}

// home returns the environment of an editor run in a home of its own: the
// user's configuration and caches are never touched, glossary is first on
// PATH and reads the shared index, and an unrelated GLOSSARY_ variable is
// set, as an editor passes on its whole environment.
func home(t *testing.T) (dir string, env []string) {
	t.Helper()
	dir = t.TempDir()
	env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, ".cache"),
		"XDG_DATA_HOME=" + filepath.Join(dir, ".local", "share"),
		"XDG_STATE_HOME=" + filepath.Join(dir, ".local", "state"),
		"PATH=" + filepath.Dir(glossary.bin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"GLOSSARY_DATA_DIR=" + glossary.data,
		"GLOSSARY_SOMETHING_ELSE=1",
		"LANG=C.UTF-8",
		"TERM=dumb",
	}
	return dir, env
}

// writeFiles writes name -> content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Dir(to), map[string]string{filepath.Base(to): string(b)})
}

// runEditor runs an editor's command until it exits or timeout passes,
// and returns what it wrote.
func runEditor(t *testing.T, timeout time.Duration, dir string, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Errorf("%s did not finish within %s", filepath.Base(name), timeout)
	} else if err != nil {
		t.Errorf("%s: %v", filepath.Base(name), err)
	}
	return string(out)
}

// reportChecks turns the checks an editor script wrote ("ok NAME",
// "FAIL NAME<tab>why", then "done") into subtests.
func reportChecks(t *testing.T, results, output string) {
	t.Helper()
	b, err := os.ReadFile(results)
	if err != nil {
		t.Fatalf("no results: %v\noutput:\n%s", err, output)
	}
	done := false
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		switch {
		case line == "done":
			done = true
		case strings.HasPrefix(line, "ok "):
			t.Run(strings.TrimPrefix(line, "ok "), func(t *testing.T) {})
		case strings.HasPrefix(line, "FAIL "):
			name, why, _ := strings.Cut(strings.TrimPrefix(line, "FAIL "), "\t")
			t.Run(name, func(t *testing.T) { t.Error(why) })
		default:
			t.Errorf("unexpected line in the results: %q", line)
		}
	}
	if !done {
		t.Errorf("the script did not finish; results:\n%s\noutput:\n%s", b, output)
	}
}

// serve starts "glossary serve" on the shared index and returns its URL;
// it stops at the end of the test.
func serve(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(glossary.bin, "serve", "--listen", "127.0.0.1:0", "--data", glossary.data)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	addr := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := addr.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case url := <-found:
		return url
	case <-time.After(30 * time.Second):
		t.Fatal("glossary serve printed no address")
		return ""
	}
}

// TestReadmeShowsTheSetup keeps the eglot set-up shown in
// editors/README.md the one that TestEmacs runs: the file without its
// comments.
func TestReadmeShowsTheSetup(t *testing.T) {
	el, err := os.ReadFile("../emacs/glossary.el")
	if err != nil {
		t.Fatal(err)
	}
	var code []string
	for _, l := range strings.Split(string(el), "\n") {
		if s := strings.TrimSpace(l); s != "" && !strings.HasPrefix(s, ";") {
			code = append(code, l)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "It does this (the file without its comments):\n\n```elisp\n")
	block, _, _ = strings.Cut(block, "```")
	if want := strings.Join(code, "\n") + "\n"; !ok || block != want {
		t.Errorf("editors/README.md shows:\n%s\nwant editors/emacs/glossary.el without comments:\n%s", block, want)
	}
}
