package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// remoteTimeout bounds each request a Remote sends: an editor waits for
// the answer on every keystroke, so a slow server must fail fast.
const remoteTimeout = 2 * time.Second

// Remote is a Glossary over a glossary server's JSON API:
//
//	Suggest  GET /api/v1/suggest?q=&size=&fields=   (summaries: no examples)
//	Lookup   GET /api/v1/search?q=&size=3, then GET /api/v1/terms/{id} of a hit
//	         to check that the phrase is exactly its name, an alias or a form
//	Term     GET /api/v1/terms/{id} and GET /api/v1/terms/{id}/related?size=
//
// Term pages, related terms and look-ups are cached for a minute (at most
// a thousand of each), so hovering over a line again, or resolving a
// completion that hover already fetched, costs no request and keeps within
// the server's rate limits.
type Remote struct {
	base    string
	corpus  func() (*corpus.Corpus, error) // for the terminology checker; see WithCorpus
	client  *http.Client
	entries *cache[*corpus.Term]
	related *cache[[]string]
	lookups *cache[string] // key -> id, "" for no term
}

// NewRemote returns a Glossary over the server at base, such as
// http://127.0.0.1:8080.
func NewRemote(base string) (*Remote, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("glossary server %q: want an http:// or https:// URL", base)
	}
	return &Remote{
		base:    strings.TrimSuffix(base, "/"),
		client:  &http.Client{Timeout: remoteTimeout},
		entries: newCache[*corpus.Term](),
		related: newCache[[]string](),
		lookups: newCache[string](),
	}, nil
}

// WithCorpus gives the terminology checker a corpus to check against,
// loaded on first use: the API has no way to list every name, so a Remote
// has none of its own. It returns r.
func (r *Remote) WithCorpus(load func() (*corpus.Corpus, error)) *Remote {
	r.corpus = sync.OnceValues(load)
	return r
}

// Corpus returns the corpus of WithCorpus, or nil.
func (r *Remote) Corpus(context.Context) (*corpus.Corpus, error) {
	if r.corpus == nil {
		return nil, nil
	}
	return r.corpus()
}

// Suggest asks the server's autocomplete for what a completion item
// shows and ranks by: name, part of speech, definition, level and roles
// (the fields parameter), not the examples, which completionItem/resolve
// fetches.
func (r *Remote) Suggest(ctx context.Context, prefix string, size int, role string) ([]Term, error) {
	var res struct {
		Suggestions []struct {
			search.Suggestion
			Level string   `json:"level"`
			Roles []string `json:"roles"`
		} `json:"suggestions"`
	}
	q := url.Values{"q": {prefix}, "size": {strconv.Itoa(size)}, "fields": {suggestFields}}
	if role != "" {
		q.Set("role", role)
	}
	if err := r.get(ctx, "/api/v1/suggest?"+q.Encode(), &res); err != nil {
		return nil, err
	}
	out := make([]Term, len(res.Suggestions))
	for i, s := range res.Suggestions {
		out[i] = Term{ID: s.ID, Name: s.Term, PartOfSpeech: s.PartOfSpeech, Level: s.Level, Roles: s.Roles, Definition: s.Definition, Summary: true}
	}
	return out, nil
}

// suggestFields are the fields Remote.Suggest asks for.
const suggestFields = "part_of_speech,definition,level,roles"

// Lookup searches for key and takes the first of the top three hits that
// has key as its name, an alias or a form.
func (r *Remote) Lookup(ctx context.Context, key string) (*Term, error) {
	id, ok := r.lookups.get(key)
	if !ok {
		var err error
		if id, err = r.find(ctx, key); err != nil {
			return nil, err
		}
		r.lookups.put(key, id)
	}
	if id == "" {
		return nil, nil
	}
	return r.Term(ctx, id)
}

// find returns the id of the term named key, or "".
func (r *Remote) find(ctx context.Context, key string) (string, error) {
	var res struct {
		Hits []search.Hit `json:"hits"`
	}
	q := url.Values{"q": {key}, "size": {"3"}}
	if err := r.get(ctx, "/api/v1/search?"+q.Encode(), &res); err != nil {
		return "", err
	}
	for _, h := range res.Hits {
		if slices.Contains(nameKeys(h.Term), key) {
			return h.ID, nil // the hit's name: no need to fetch its page
		}
		t, err := r.entry(ctx, h.ID)
		if err != nil {
			return "", err
		}
		for _, n := range append(append([]string{t.Term}, t.Aliases...), t.Forms...) {
			if slices.Contains(nameKeys(n), key) {
				return h.ID, nil
			}
		}
	}
	return "", nil
}

// Term fetches the term page and the names of its related terms.
func (r *Remote) Term(ctx context.Context, id string) (*Term, error) {
	t, err := r.entry(ctx, id)
	if err != nil {
		return nil, err
	}
	names, ok := r.related.get(id)
	if !ok {
		var res struct {
			Related []search.Related `json:"related"`
		}
		path := "/api/v1/terms/" + url.PathEscape(id) + "/related?size=" + strconv.Itoa(maxRelated)
		if err := r.get(ctx, path, &res); err != nil {
			return nil, err
		}
		names = make([]string, len(res.Related))
		for i, rel := range res.Related {
			names[i] = rel.Term
		}
		r.related.put(id, names)
	}
	out := fromCorpus(t, names)
	return &out, nil
}

// entry fetches the term page of id.
func (r *Remote) entry(ctx context.Context, id string) (*corpus.Term, error) {
	if t, ok := r.entries.get(id); ok {
		return t, nil
	}
	var t corpus.Term
	if err := r.get(ctx, "/api/v1/terms/"+url.PathEscape(id), &t); err != nil {
		return nil, err
	}
	r.entries.put(id, &t)
	return &t, nil
}

// get fetches path and decodes its JSON body into v. An answer other than
// 200 is an error carrying the status and the problem's detail.
func (r *Remote) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.base+path, nil)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := r.client.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var problem struct {
			Detail string `json:"detail"`
		}
		_ = json.Unmarshal(body, &problem)
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, problem.Detail)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

// cache is a small map whose entries expire after cacheTTL; once it holds
// cacheSize entries it starts again empty, which bounds its memory without
// the bookkeeping of an LRU.
type cache[V any] struct {
	mu sync.Mutex
	m  map[string]cached[V]
}

type cached[V any] struct {
	v       V
	expires time.Time
}

const (
	cacheTTL  = time.Minute
	cacheSize = 1000
)

func newCache[V any]() *cache[V] { return &cache[V]{m: map[string]cached[V]{}} }

func (c *cache[V]) get(k string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || time.Now().After(e.expires) {
		var zero V
		return zero, false
	}
	return e.v, true
}

func (c *cache[V]) put(k string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= cacheSize {
		clear(c.m)
	}
	c.m[k] = cached[V]{v: v, expires: time.Now().Add(cacheTTL)}
}
