package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/glossary/glossary/internal/testutil"
)

// packageDir is this package's folder, found before any test changes the
// working directory.
var packageDir, _ = os.Getwd()

var (
	binOnce sync.Once
	binPath string
	binDir  string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// glossaryBinary builds the glossary binary once per test run, for tests
// that need a real process to signal or kill.
func glossaryBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "glossary-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "glossary")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = packageDir
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// process is a glossary subprocess.
type process struct {
	cmd    *exec.Cmd
	stdout *testutil.SyncBuffer
	stderr *testutil.SyncBuffer
	done   chan struct{}
	err    error // of Wait, once done is closed
}

// startProcess starts the binary with args in dir.
func startProcess(t *testing.T, dir string, args ...string) *process {
	t.Helper()
	return startProcessEnv(t, dir, nil, args...)
}

// startProcessEnv starts the binary with args in dir, with env (KEY=value)
// added to this process's environment.
func startProcessEnv(t *testing.T, dir string, env []string, args ...string) *process {
	t.Helper()
	p := &process{cmd: exec.Command(glossaryBinary(t), args...), stdout: &testutil.SyncBuffer{}, stderr: &testutil.SyncBuffer{}, done: make(chan struct{})}
	p.cmd.Dir = dir
	if env != nil {
		p.cmd.Env = append(os.Environ(), env...)
	}
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the process to exit and returns its exit code.
func (p *process) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(timeout):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("%s did not exit within %s\nstdout: %s\nstderr: %s", strings.Join(p.cmd.Args, " "), timeout, p.stdout.String(), p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

// waitOutput waits until the process's stdout matches re and returns the
// first submatch.
func (p *process) waitOutput(t *testing.T, re *regexp.Regexp, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if m := re.FindStringSubmatch(p.stdout.String()); m != nil {
			return m[len(m)-1]
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited before printing %s\nstdout: %s\nstderr: %s", strings.Join(p.cmd.Args, " "), re, p.stdout.String(), p.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s printed no %s within %s\nstdout: %s\nstderr: %s", strings.Join(p.cmd.Args, " "), re, timeout, p.stdout.String(), p.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var servingRe = regexp.MustCompile(`serving \S+ \(\d+ terms\) on (http://127\.0\.0\.1:\d+)`)

// startServeProcess runs "glossary serve" as a subprocess and returns it
// with its base URL once it serves, read from the one line it prints
// then.
func startServeProcess(t *testing.T, dir string, args ...string) (*process, string) {
	t.Helper()
	return startServeProcessEnv(t, dir, nil, args...)
}

// startServeProcessEnv is startServeProcess with env added to the
// environment.
func startServeProcessEnv(t *testing.T, dir string, env []string, args ...string) (*process, string) {
	t.Helper()
	p := startProcessEnv(t, dir, env, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...)
	return p, p.waitOutput(t, servingRe, 60*time.Second)
}
