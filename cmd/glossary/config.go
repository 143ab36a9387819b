package main

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/glossary/glossary/lsp"
	"github.com/glossary/glossary/search"
	"github.com/glossary/glossary/server"
)

// Config is every setting of the glossary binary. config.yaml at the
// repository root documents each key with its default; GLOSSARY_<KEY>
// environment variables and command-line flags override it.
type Config struct {
	Listen            string        `mapstructure:"listen"`
	DataDir           string        `mapstructure:"data_dir"`
	Corpus            string        `mapstructure:"corpus"`
	KeepGenerations   int           `mapstructure:"keep_generations"`
	ReadHeaderTimeout time.Duration `mapstructure:"read_header_timeout"`
	ReadTimeout       time.Duration `mapstructure:"read_timeout"`
	WriteTimeout      time.Duration `mapstructure:"write_timeout"`
	IdleTimeout       time.Duration `mapstructure:"idle_timeout"`
	ShutdownTimeout   time.Duration `mapstructure:"shutdown_timeout"`
	LogFormat         string        `mapstructure:"log_format"`
	LogLevel          string        `mapstructure:"log_level"`
	WatchInterval     time.Duration `mapstructure:"watch_interval"`
	VerifyTerms       int           `mapstructure:"verify_terms"`
	MaxBodyBytes      int64         `mapstructure:"max_body_bytes"`

	RateLimitSearch       float64  `mapstructure:"rate_limit_search"`
	RateLimitSearchBurst  int      `mapstructure:"rate_limit_search_burst"`
	RateLimitSuggest      float64  `mapstructure:"rate_limit_suggest"`
	RateLimitSuggestBurst int      `mapstructure:"rate_limit_suggest_burst"`
	RateLimitLookup       float64  `mapstructure:"rate_limit_lookup"`
	RateLimitLookupBurst  int      `mapstructure:"rate_limit_lookup_burst"`
	RateLimitClients      int      `mapstructure:"rate_limit_clients"`
	TrustedProxies        []string `mapstructure:"trusted_proxies"`
	CORSOrigins           []string `mapstructure:"cors_origins"`

	GapsMaxQueries    int           `mapstructure:"gaps_max_queries"`
	GapsFlushInterval time.Duration `mapstructure:"gaps_flush_interval"`

	LSPServer string `mapstructure:"lsp_server"`
	LSPWords  string `mapstructure:"lsp_words"`
}

// DefaultConfig returns the settings used when nothing overrides them.
func DefaultConfig() Config {
	return Config{
		Listen:            "127.0.0.1:8080",
		DataDir:           "data",
		Corpus:            "",
		KeepGenerations:   3,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		ShutdownTimeout:   15 * time.Second,
		LogFormat:         "text",
		LogLevel:          "info",
		WatchInterval:     time.Second,
		VerifyTerms:       search.DefaultVerifyTerms,
		MaxBodyBytes:      server.DefaultMaxBodyBytes,

		RateLimitSearch:       10,
		RateLimitSearchBurst:  30,
		RateLimitSuggest:      30,
		RateLimitSuggestBurst: 90,
		RateLimitLookup:       20,
		RateLimitLookupBurst:  60,
		RateLimitClients:      server.DefaultMaxClients,
		TrustedProxies:        []string{},
		CORSOrigins:           []string{},

		GapsMaxQueries:    10000,
		GapsFlushInterval: time.Minute,

		LSPServer: "",
		LSPWords:  "/usr/share/dict/words",
	}
}

// flagKeys maps command-line flags to config keys.
var flagKeys = map[string]string{
	"listen": "listen",
	"data":   "data_dir",
	"corpus": "corpus",
	"keep":   "keep_generations",
	"server": "lsp_server",
}

// loadConfig reads the config file (the --config flag, or config.yaml in
// dir when it exists; dir "" is the working directory), then GLOSSARY_
// environment variables from environ, then flags. An unknown key or a
// malformed value is an error that names the key.
func loadConfig(flags *pflag.FlagSet, environ []string, dir string) (Config, error) {
	return loadConfigWith(flags, environ, DefaultConfig(), filepath.Join(dir, "config.yaml"), rejectUnknownEnv)
}

// rejectUnknownEnv makes an unknown GLOSSARY_ variable an error, which
// catches a misspelt setting before it is silently ignored.
func rejectUnknownEnv(err error) error { return err }

// loadConfigWith is loadConfig with other defaults, another config file
// read when it exists and --config is not given, and unknownEnv deciding
// what an unknown GLOSSARY_ environment variable does: it gets the error
// and returns the one to fail with, or nil to go on without the variable.
func loadConfigWith(flags *pflag.FlagSet, environ []string, def Config, implicit string, unknownEnv func(error) error) (Config, error) {
	v := viper.New()
	var defaults map[string]any
	if err := mapstructure.Decode(def, &defaults); err != nil {
		return def, err
	}
	for k, val := range defaults {
		if d, ok := val.(time.Duration); ok {
			val = d.String()
		}
		v.SetDefault(k, val)
	}
	path, _ := flags.GetString("config")
	explicit := path != ""
	if !explicit {
		path = implicit
	}
	if _, err := os.Stat(path); (err == nil && path != "") || explicit {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return def, fmt.Errorf("config %s: %w", path, err)
		}
		for k := range v.AllSettings() {
			if _, known := defaults[k]; !known {
				return def, fmt.Errorf("config %s: unknown key %q (known keys: %s)", path, k, strings.Join(slices.Sorted(maps.Keys(defaults)), ", "))
			}
		}
	}
	for _, kv := range environ {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "GLOSSARY_") {
			continue
		}
		key := strings.ToLower(strings.TrimPrefix(name, "GLOSSARY_"))
		if _, known := defaults[key]; !known {
			if err := unknownEnv(fmt.Errorf("environment variable %s: unknown setting %q (known: %s)", name, key, strings.Join(slices.Sorted(maps.Keys(defaults)), ", "))); err != nil {
				return def, err
			}
			continue
		}
		v.Set(key, val)
	}
	for flag, key := range flagKeys {
		if f := flags.Lookup(flag); f != nil && f.Changed {
			v.Set(key, f.Value.String())
		}
	}
	cfg := def
	dec, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result:           &cfg,
		WeaklyTypedInput: true,
		ErrorUnused:      true,
		DecodeHook:       mapstructure.ComposeDecodeHookFunc(durationHook, listHook),
	})
	if err != nil {
		return def, err
	}
	if err := dec.Decode(v.AllSettings()); err != nil {
		return def, fmt.Errorf("config: %s", describeDecodeError(err))
	}
	return cfg, cfg.validate()
}

// durationHook decodes durations from strings with a unit only: a bare
// number such as 5 is rejected rather than read as 5 nanoseconds.
func durationHook(from, to reflect.Type, data any) (any, error) {
	if to != reflect.TypeOf(time.Duration(0)) {
		return data, nil
	}
	s, ok := data.(string)
	if !ok {
		return nil, fmt.Errorf("%v has no unit", data)
	}
	return time.ParseDuration(s)
}

// listHook decodes a list from a comma-separated string, as environment
// variables give them (GLOSSARY_TRUSTED_PROXIES=10.0.0.1,10.0.0.2).
func listHook(from, to reflect.Type, data any) (any, error) {
	s, ok := data.(string)
	if !ok || to != reflect.TypeOf([]string(nil)) {
		return data, nil
	}
	out := []string{}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out, nil
}

// serverOptions returns the settings of the HTTP server.
func (c Config) serverOptions() server.Options {
	return server.Options{
		MaxBodyBytes: c.MaxBodyBytes,
		RateLimits: server.RateLimits{
			Search:     server.RateLimit{Rate: c.RateLimitSearch, Burst: c.RateLimitSearchBurst},
			Suggest:    server.RateLimit{Rate: c.RateLimitSuggest, Burst: c.RateLimitSuggestBurst},
			Lookup:     server.RateLimit{Rate: c.RateLimitLookup, Burst: c.RateLimitLookupBurst},
			MaxClients: c.RateLimitClients,
		},
		TrustedProxies: c.TrustedProxies,
		AllowedOrigins: c.CORSOrigins,
	}
}

// describeDecodeError rewrites mapstructure's messages to name the key and
// what is expected.
func describeDecodeError(err error) string {
	msg := err.Error()
	for _, f := range reflect.VisibleFields(reflect.TypeOf(Config{})) {
		key := f.Tag.Get("mapstructure")
		if strings.Contains(msg, "'"+key+"'") && f.Type == reflect.TypeOf(time.Duration(0)) {
			return fmt.Sprintf("%s must be a duration with a unit, such as 5s or 250ms (%s)", key, msg)
		}
	}
	return msg
}

func (c Config) validate() error {
	var errs []error
	if c.Listen == "" {
		errs = append(errs, errors.New("config: listen must be an address such as 127.0.0.1:8080"))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("config: data_dir must name a folder"))
	}
	if c.KeepGenerations < 1 {
		errs = append(errs, fmt.Errorf("config: keep_generations must be at least 1, got %d", c.KeepGenerations))
	}
	for key, d := range map[string]time.Duration{"read_header_timeout": c.ReadHeaderTimeout, "read_timeout": c.ReadTimeout, "write_timeout": c.WriteTimeout, "idle_timeout": c.IdleTimeout, "shutdown_timeout": c.ShutdownTimeout, "watch_interval": c.WatchInterval, "gaps_flush_interval": c.GapsFlushInterval} {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("config: %s must be positive, got %s", key, d))
		}
	}
	if c.VerifyTerms < 0 {
		errs = append(errs, fmt.Errorf("config: verify_terms must not be negative, got %d", c.VerifyTerms))
	}
	if c.MaxBodyBytes < 1 {
		errs = append(errs, fmt.Errorf("config: max_body_bytes must be at least 1, got %d", c.MaxBodyBytes))
	}
	if c.GapsMaxQueries < 0 {
		errs = append(errs, fmt.Errorf("config: gaps_max_queries must not be negative, got %d", c.GapsMaxQueries))
	}
	if c.RateLimitClients < 1 {
		errs = append(errs, fmt.Errorf("config: rate_limit_clients must be at least 1, got %d", c.RateLimitClients))
	}
	if c.LSPServer != "" {
		if _, err := lsp.NewRemote(c.LSPServer); err != nil {
			errs = append(errs, fmt.Errorf("config: lsp_server: %w", err))
		}
	}
	if err := c.serverOptions().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("config: %w", err))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("config: log_format must be text or json, got %q", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("config: log_level must be debug, info, warn or error, got %q", c.LogLevel))
	}
	return errors.Join(errs...)
}
