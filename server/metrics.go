package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/glossary/glossary/generation"
	"github.com/glossary/glossary/search"
)

// Metrics holds the glossary's Prometheus metrics, in a registry of its own
// (never the global one, so tests and embedders get clean counts). GET
// /metrics serves it in the Prometheus text format.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.HistogramVec
	generation  prometheus.Gauge
	documents   prometheus.Gauge
	swaps       prometheus.Counter
	failures    prometheus.Counter
	rateLimited *prometheus.CounterVec
	zeroResults prometheus.Counter
	// responseCache counts the answers of each response cache by result:
	// hit, or miss (computed, then cached).
	responseCache *prometheus.CounterVec
}

// NewMetrics returns the metrics, registered in a new registry with Go
// runtime and process metrics.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "glossary_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and status code.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "status"}),
		generation: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "glossary_generation",
			Help: "Number of the index generation being served (gen-000012 is 12).",
		}),
		documents: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "glossary_generation_documents",
			Help: "Documents (terms) in the index generation being served.",
		}),
		swaps: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "glossary_reindex_swaps_total",
			Help: "Switches to a new index generation without a restart.",
		}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "glossary_reindex_failures_total",
			Help: "New index generations not switched to because they failed to open or verify.",
		}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glossary_rate_limited_requests_total",
			Help: "Requests answered 429 because the client exceeded its rate, by route class.",
		}, []string{"class"}),
		zeroResults: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "glossary_zero_result_searches_total",
			Help: "Searches with a query and no filters that found nothing.",
		}),
		responseCache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "glossary_response_cache_requests_total",
			Help: "Autocomplete and search answers by cache (suggest, search) and result: hit, or miss (computed).",
		}, []string{"cache", "result"}),
	}
	m.reg.MustRegister(m.requests, m.generation, m.documents, m.swaps, m.failures, m.rateLimited, m.zeroResults, m.responseCache,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "glossary_open_indexes",
			Help: "Index generations open in the process: the current one plus replaced ones still used by running requests.",
		}, func() float64 { return float64(search.OpenIndexes()) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Registry returns the registry the metrics are in, to add more.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SetGeneration records the generation being served.
func (m *Metrics) SetGeneration(man search.Manifest) {
	n, _ := generation.Number(man.Generation)
	m.generation.Set(float64(n))
	m.documents.Set(float64(man.DocCount))
}

// Swapped counts a switch to a new generation and records it as served.
func (m *Metrics) Swapped(man search.Manifest) {
	m.swaps.Inc()
	m.SetGeneration(man)
}

// Failed counts a new generation that was not switched to.
func (m *Metrics) Failed() { m.failures.Inc() }

func (m *Metrics) observeRequest(route string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Observe(took.Seconds())
}

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
