package webtest

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/indexer"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// installHelp says how to install what the browser tests need; .ci/test
// does it, and pins the axe-core version.
const installHelp = "install what the browser tests need by running bash .ci/test, which installs Chromium (apt-get install -y chromium) and axe-core (npm install --prefix .cache/axe axe-core)"

// Shared by the tests of the package: two servers and one browser, each
// started on first use and stopped by TestMain.
var (
	testOnce, realOnce, browserOnce sync.Once
	sensesOnce                      sync.Once
	testSrv, realSrv, sensesSrv     *httptest.Server
	testErr, realErr, browserErr    error
	sensesErr                       error
	browserCtx                      context.Context
	cleanupMu                       sync.Mutex
	cleanups                        []func() // run by TestMain, last first
	held                            = &gates{by: map[string]*gate{}}
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode) // server.New leaves it to its caller
	flag.Parse()
	if !flagSet("test.parallel") {
		// The tests mostly wait for Chromium, a process of its own, so
		// more of them run at once than this process has cores.
		flag.Set("test.parallel", strconv.Itoa(max(4, goruntime.GOMAXPROCS(0))))
	}
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// addCleanup adds fs to what TestMain runs at the end; the servers and the
// browser start in parallel tests, so it takes a lock.
func addCleanup(fs ...func()) {
	cleanupMu.Lock()
	defer cleanupMu.Unlock()
	cleanups = append(cleanups, fs...)
}

// flagSet reports whether the command line set the flag name.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// testServer serves search/testdata/corpus, whose 17 terms make exact
// assertions easy. Its handler can hold chosen requests back (see gates).
func testServer(t *testing.T) string {
	t.Helper()
	testOnce.Do(func() {
		dir := "../../search/testdata/corpus"
		c, err := corpus.Load(os.DirFS(dir), dir)
		if err != nil {
			testErr = err
			return
		}
		var h http.Handler
		h, testErr = serve(c)
		if testErr == nil {
			testSrv = httptest.NewServer(held.wrap(h))
			addCleanup(testSrv.Close)
		}
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testSrv.URL
}

// sensesServer serves corpus/testdata/senses: terms with several senses,
// IPA for US and UK, a spoken form (nginx) and a written-only one (LGTM).
func sensesServer(t *testing.T) string {
	t.Helper()
	sensesOnce.Do(func() {
		dir := "../../corpus/testdata/senses"
		c, err := corpus.Load(os.DirFS(dir), dir)
		if err != nil {
			sensesErr = err
			return
		}
		var h http.Handler
		h, sensesErr = serve(c)
		if sensesErr == nil {
			sensesSrv = httptest.NewServer(h)
			addCleanup(sensesSrv.Close)
		}
	})
	if sensesErr != nil {
		t.Fatal(sensesErr)
	}
	return sensesSrv.URL
}

// realServer serves the embedded corpus, with its 1,555 terms: long facet
// lists, long words and long pages, for layout, accessibility and
// screenshots; merged with importedSample, so pages show imported entries
// and secondary senses too.
func realServer(t *testing.T) string {
	t.Helper()
	realOnce.Do(func() {
		c, err := corpus.Load(corpus.Embedded(), corpus.EmbeddedRoot)
		if err != nil {
			realErr = err
			return
		}
		c, _ = corpus.Merge(c, []*corpus.Source{importedSample})
		var h http.Handler
		h, realErr = serve(c)
		if realErr == nil {
			realSrv = httptest.NewServer(h)
			addCleanup(realSrv.Close)
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realSrv.URL
}

// serve indexes c into a temporary folder with the real indexer and
// returns the real server's handler over it.
func serve(c *corpus.Corpus) (http.Handler, error) {
	data, err := os.MkdirTemp("", "webtest-")
	if err != nil {
		return nil, err
	}
	addCleanup(func() { os.RemoveAll(data) })
	if _, err := indexer.Build(context.Background(), c, indexer.Options{Artifacts: []generation.Artifact{search.CompletionArtifact()}, DataDir: data, Keep: 1}); err != nil {
		return nil, err
	}
	ix, err := search.OpenCurrent(data)
	if err != nil {
		return nil, err
	}
	live := search.NewLive(ix)
	addCleanup(live.Close)
	srv, err := server.New(server.LiveSource{Live: live}, server.Options{})
	if err != nil {
		return nil, err
	}
	return srv.Handler(), nil
}

// gates holds chosen requests back until a test lets them go, so that
// answers arrive in the order the test needs, however loaded the machine.
type gates struct {
	mu sync.Mutex
	by map[string]*gate // "path q" -> gate
}

// gate is one held request.
type gate struct {
	arrived, release, done         chan struct{}
	arriveOnce, openOnce, doneOnce sync.Once
}

// hold holds back requests to path whose query parameter q is text, until
// the test opens the gate or ends.
func (g *gates) hold(t *testing.T, path, q string) *gate {
	gt := &gate{arrived: make(chan struct{}), release: make(chan struct{}), done: make(chan struct{})}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.by[path+" "+q] = gt
	t.Cleanup(func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		delete(g.by, path+" "+q)
		gt.open()
	})
	return gt
}

// open lets the held requests go on.
func (gt *gate) open() { gt.openOnce.Do(func() { close(gt.release) }) }

// wait waits for one of the gate's events: arrived (a held request has
// reached the server) or done (it was answered, or the browser gave up
// on it).
func wait(t *testing.T, event chan struct{}, what string) {
	t.Helper()
	select {
	case <-event:
	case <-time.After(waitTimeout):
		t.Fatalf("waited %v for %s", waitTimeout, what)
	}
}

func (g *gates) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		gt := g.by[r.URL.Path+" "+r.URL.Query().Get("q")]
		g.mu.Unlock()
		if gt == nil {
			h.ServeHTTP(w, r)
			return
		}
		defer gt.doneOnce.Do(func() { close(gt.done) })
		gt.arriveOnce.Do(func() { close(gt.arrived) })
		select {
		case <-gt.release:
			h.ServeHTTP(w, r)
		case <-r.Context().Done(): // the browser gave up on it
		}
	})
}

// browser returns the context of the shared headless Chromium, starting it
// on first use.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path := chromiumPath
		if p := os.Getenv("WEBTEST_CHROMIUM"); p != "" {
			path = p
		}
		if _, err := exec.LookPath(path); err != nil {
			browserErr = fmt.Errorf("no Chromium at %s (%v): %s", path, err, installHelp)
			return
		}
		profile, err := os.MkdirTemp("", "webtest-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		addCleanup(func() { os.RemoveAll(profile) })
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("lang", "en-US"),
			chromedp.UserDataDir(profile),
			chromedp.WindowSize(1280, 800),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		// The first Run starts the browser; its context must have no
		// deadline, or the deadline would stop the browser.
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			cancel()
			cancelAlloc()
			browserErr = fmt.Errorf("start Chromium %s: %w; %s", path, err, installHelp)
			return
		}
		browserCtx = ctx
		addCleanup(cancelAlloc, cancel)
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// tab is one browser tab of a test, opened on one of the servers. It
// records uncaught JavaScript exceptions and Content-Security-Policy
// violations and fails the test on any.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu         sync.Mutex
	exceptions []string
	violations []string
	allowed    bool // violations are expected (the detector's own test)
}

// tabOption changes a tab before its first page loads.
type tabOption func(*tab) chromedp.Action[chromedp.Void]

// newTab opens a tab at desktop size (1280×800) on base.
func newTab(t *testing.T, base string, opts ...tabOption) *tab {
	t.Helper()
	// Each tab has a browser context of its own, as a fresh profile: its
	// storage, HTTP cache and service workers are its own, so tests run
	// in parallel tabs without seeing each other's words or answers.
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	tb := &tab{t: t, base: base, ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	bindings := chromedp.Events(ctx, runtime.BindingCalled)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.exceptions = append(tb.exceptions, exceptionText(ev.ExceptionDetails))
			tb.mu.Unlock()
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range bindings {
			if err != nil {
				return
			}
			if ev.Name == "reportCSPViolation" {
				tb.mu.Lock()
				tb.violations = append(tb.violations, ev.Payload)
				tb.mu.Unlock()
			}
		}
	}()
	// Every document reports its CSP violations through a binding, which
	// survives navigations. Scripts added through DevTools are not subject
	// to the page's CSP.
	tb.do(
		func(ctx context.Context, target *chromedp.Target) (chromedp.Void, error) {
			if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: "reportCSPViolation"}); err != nil {
				return chromedp.Void{}, err
			}
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `document.addEventListener('securitypolicyviolation', e => reportCSPViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`,
			})
			return chromedp.Void{}, err
		},
		chromedp.EmulateViewport(1280, 800),
		// Tabs in parallel: each behaves as the focused window, so focus
		// and :focus-visible work in all of them at once.
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
			return err
		}),
	)
	for _, o := range opts {
		tb.do(o(tb))
	}
	testCtx, cancelTest := context.WithTimeout(ctx, 3*time.Minute)
	tb.ctx = testCtx
	t.Cleanup(func() {
		cancelTest()
		cancel()
		wg.Wait()
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, e := range tb.exceptions {
			t.Errorf("uncaught JavaScript exception: %s", e)
		}
		if !tb.allowed {
			for _, v := range tb.violations {
				t.Errorf("Content-Security-Policy violation: %s", v)
			}
		}
	})
	return tb
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "unknown exception"
	}
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		msg += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", msg, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

// mobile makes the tab a 375×740 phone.
func mobile(tb *tab) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
}

// noScript turns JavaScript off in the tab.
func noScript(tb *tab) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

// media emulates CSS media features, such as prefers-color-scheme: dark.
func media(features ...string) tabOption {
	return func(tb *tab) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			p := emulation.SetEmulatedMediaParams{}
			for i := 0; i+1 < len(features); i += 2 {
				p.Features = append(p.Features, &emulation.MediaFeature{Name: features[i], Value: features[i+1]})
			}
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, p)
			return err
		})
	}
}

// noHTTPCache turns the browser's HTTP cache off in the tab. The API's
// answers may be cached for a minute (server/cache.go) and the tests share
// one browser, so a test holding a request back (gates) would otherwise
// wait for a request that an earlier test's cached answer saves.
func noHTTPCache(tb *tab) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
}

// beforeLoad runs script in every document of the tab before its own.
func beforeLoad(script string) tabOption {
	return func(tb *tab) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
			return err
		})
	}
}

// do runs actions and fails the test on an error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// open loads path of the tab's server and waits for the page to load.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base + path))
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitTimeout bounds waitFor: long, as other work may load the machine.
const waitTimeout = 15 * time.Second

// waitFor waits until the JavaScript expression is true, and fails the
// test with what after waitTimeout. It goes on through page loads, which
// destroy the context an evaluation runs in.
func (tb *tab) waitFor(expr, what string) {
	tb.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		ok, err = chromedp.Run(tb.ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if ok && err == nil {
			return
		}
		if tb.ctx.Err() != nil {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	where, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string]("location.pathname + location.search"))
	tb.t.Fatalf("waited %v for %s (%s; last error %v); page %s", waitTimeout, what, expr, err, where)
}

// typeText types text into the element of the CSS selector, key by key.
func (tb *tab) typeText(sel, text string) {
	tb.t.Helper()
	tb.do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

// press sends keys that type no character, such as kb.ArrowDown, to the
// focused element; see pressKey for the others.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(keys))
}

// Keys that type a character, for pressKey.
var (
	slash = input.DispatchKeyEventParams{Key: "/", Code: "Slash", Text: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
	enter = input.DispatchKeyEventParams{Key: "Enter", Code: "Enter", Text: "\r", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
)

// pressKey presses a key that types a character as a keyboard does: one
// keyDown event carrying the text, so a page that cancels the keydown
// also cancels the typing, as in a real browser. (chromedp's KeyEvent
// sends the text in a separate char event, which cancelling the keydown
// does not stop.)
func (tb *tab) pressKey(key input.DispatchKeyEventParams) {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		key.Type, key.UnmodifiedText = input.DispatchKeyEventTypeKeyDown, key.Text
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, key); err != nil {
			return err
		}
		key.Type, key.Text, key.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := chromedp.Call(ctx, input.DispatchKeyEvent, key)
		return err
	}))
}

// path returns the path and query of the page shown.
func (tb *tab) path() string {
	tb.t.Helper()
	return eval[string](tb, "location.pathname + location.search")
}

// repoRoot returns the folder of go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// screenshotDir returns the folder for screenshots, creating it.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("WEBTEST_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axe returns the source of axe.min.js: the file WEBTEST_AXE names, or
// the copy .ci/test installs with npm into .cache/axe at the repository
// root.
func axe(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		path := os.Getenv("WEBTEST_AXE")
		if path == "" {
			path = filepath.Join(repoRoot(t), ".cache", "axe", "node_modules", "axe-core", "axe.min.js")
		}
		b, err := os.ReadFile(path)
		if err != nil {
			axeErr = fmt.Errorf("axe-core is missing (%v): %s", err, installHelp)
			return
		}
		axeSource = string(b)
	})
	if axeErr != nil {
		t.Fatal(axeErr)
	}
	return axeSource
}

// axeViolation is one failed axe-core rule.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// checkAccessibility runs axe-core on the page shown, for WCAG 2.2 A and
// AA and axe's best practices, and fails the test on every serious or
// critical violation; lesser ones are logged.
func (tb *tab) checkAccessibility(name string) {
	tb.t.Helper()
	if !eval[bool](tb, "typeof axe === 'object'") {
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](axe(tb.t))); err != nil {
			tb.t.Fatalf("inject axe-core: %v", err)
		}
	}
	vs := eval[[]axeViolation](tb, `axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help,
		targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
	})))`)
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			tb.t.Errorf("%s: accessibility: %s", name, v)
		} else {
			tb.t.Logf("%s: accessibility (%s, not failing): %s", name, v.Impact, v)
		}
	}
}
