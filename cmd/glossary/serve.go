package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/spf13/cobra"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API (building an index first if there is none)",
		Long: `serve opens the current index generation of the data folder, building one
from the corpus first when there is none, and serves the API on the listen
address. When "glossary index" makes a new generation current (or on
SIGHUP), serve switches to it without a restart; requests already running
finish on the generation they started with. SIGINT or SIGTERM stop it
gracefully.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config(cmd)
			if err != nil {
				return err
			}
			return serve(cmd.Context(), cfg, stdout, stderr)
		},
	}
	cmd.Flags().String("listen", "", "address to listen on, such as 127.0.0.1:8080 or :0 (config listen)")
	return cmd
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serve listens at once, so /healthz answers and /readyz says 503 while the
// first generation is opened (or built, when the data folder has none) and
// verified; then it serves that generation and watches for new ones. On
// cancellation it stops accepting connections, lets running requests
// finish, closes the index and returns nil.
func serve(ctx context.Context, cfg Config, stdout, stderr io.Writer) error {
	log := newLogger(cfg, stderr)
	start := time.Now()
	metrics := server.NewMetrics()
	src := &server.Pending{}
	gaps := loadGaps(cfg, log)
	opts := cfg.serverOptions()
	opts.Logger, opts.Metrics, opts.Gaps = log, metrics, gaps
	gin.SetMode(gin.ReleaseMode) // process-wide, so main's to set
	handler, err := server.New(src, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	srv := &http.Server{
		Handler:           handler.Handler(),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    server.MaxHeaderBytes, // request line and headers: server.MaxRequestHeadBytes
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", slog.String("addr", ln.Addr().String()))

	live, err := openLive(ctx, cfg, stderr)
	if err != nil {
		srv.Close()
		<-errc
		if ctx.Err() != nil {
			return nil // stopped while starting
		}
		return err
	}
	defer live.Close()
	src.Set(server.LiveSource{Live: live})
	m := live.Current()
	metrics.SetGeneration(m)
	releaseMemory()
	log.Info("ready", slog.String("generation", m.Generation), slog.Int("terms", m.Terms), slog.Duration("startup", time.Since(start)))
	fmt.Fprintf(stdout, "glossary: serving %s (%d terms) on http://%s\n", m.Generation, m.Terms, ln.Addr())
	if s := setupOf(ctx); s.serving != nil {
		s.serving("http://" + ln.Addr().String())
	}

	flushCtx, stopFlush := context.WithCancel(context.Background())
	flushDone := make(chan struct{})
	go func() { defer close(flushDone); flushGaps(flushCtx, cfg, gaps, log) }()
	defer func() { stopFlush(); <-flushDone }() // after Shutdown: the last searches are saved too

	defer watch(ctx, cfg, live, log, metrics)() // stopped before live.Close: no swap after it

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.Duration("timeout", cfg.ShutdownTimeout))
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped: every request answered")
	return nil
}

// openLive opens the current generation (building one when there is none)
// and checks it with search.OpenVerified (checksums, then the sample terms)
// before it is served.
func openLive(ctx context.Context, cfg Config, stderr io.Writer) (*search.Live, error) {
	name, err := search.CurrentGeneration(cfg.DataDir)
	if errors.Is(err, search.ErrNoGeneration) {
		// openIndex builds one (or waits for another process's build);
		// the generation it opened is opened again below, checked.
		ix, err := openIndex(ctx, cfg, stderr, stderr)
		if err != nil {
			return nil, err
		}
		name = ix.Manifest().Generation
		ix.Close()
	} else if err != nil {
		return nil, fmt.Errorf("%w (build a new generation with glossary index)", err)
	}
	ix, err := search.OpenVerified(ctx, generation.Dir(cfg.DataDir, name), cfg.VerifyTerms)
	if err != nil {
		return nil, fmt.Errorf("%w (build a new generation with glossary index)", err)
	}
	return search.NewLive(ix), nil
}
