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

	"github.com/spf13/cobra"

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

func serve(ctx context.Context, cfg Config, stdout, stderr io.Writer) error {
	log := newLogger(cfg, stderr)
	start := time.Now()
	ix, err := openIndex(ctx, cfg, stderr, stderr)
	if err != nil {
		return err
	}
	if err := search.Verify(ctx, ix, cfg.VerifyTerms); err != nil {
		ix.Close()
		return fmt.Errorf("%w (build a new generation with glossary index)", err)
	}
	live := search.NewLive(ix)
	defer live.Close()

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	srv := &http.Server{
		Handler:           server.New(server.LiveSource{Live: live}, server.Options{Logger: log, MaxBodyBytes: cfg.MaxBodyBytes}).Handler(),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	m := ix.Manifest()
	log.Info("ready", slog.String("generation", m.Generation), slog.Int("terms", m.Terms), slog.Duration("startup", time.Since(start)))
	fmt.Fprintf(stdout, "glossary: serving %s (%d terms) on http://%s\n", m.Generation, m.Terms, ln.Addr())

	watchCtx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan struct{})
	w := &watcher{dataDir: cfg.DataDir, live: live, log: log, interval: cfg.WatchInterval, verifyTerms: cfg.VerifyTerms, events: noEvents{}}
	go func() { defer close(watchDone); w.run(watchCtx) }()
	defer func() { stopWatch(); <-watchDone }() // before live.Close: no swap after it

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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
	return nil
}
