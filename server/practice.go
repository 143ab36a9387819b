package server

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// MaxPracticeIDs is the most term ids one practice request may name: a
// saved list longer than that is asked for in parts. 200 ids of the
// longest slugs stay well inside the 16 KiB request line.
const MaxPracticeIDs = 200

// PracticeWord is one word of a practice list: what a card needs to ask
// for it (the definition, or an example with the term blanked) and the
// names an answer is checked against.
type PracticeWord struct {
	ID           string `json:"id"`
	Term         string `json:"term"`
	PartOfSpeech string `json:"part_of_speech"`
	Level        string `json:"level"`
	Definition   string `json:"definition"`
	// Names are the term, its forms and its aliases: any of them is a
	// right answer.
	Names []string `json:"names"`
	// Gaps are the examples that contain one of the names, cut around
	// its first occurrence.
	Gaps []PracticeGap `json:"gaps"`
}

// PracticeGap is an example with the term blanked: Before, the name as
// written there (Answer), After.
type PracticeGap struct {
	Before string `json:"before"`
	Answer string `json:"answer"`
	After  string `json:"after"`
}

// PracticeResponse is the body of GET /api/v1/practice.
type PracticeResponse struct {
	// Title names the list: "Backend Developer", "Backend Developer:
	// Database", "Your words".
	Title string         `json:"title"`
	Words []PracticeWord `json:"words"`
	// Missing lists the asked ids that are no term (any more): a saved
	// list may outlive a term.
	Missing []string `json:"missing"`
}

// practiceRole handles GET /api/v1/practice/roles/{slug}?category=: the
// words of a role, or of one category of its vocabulary, with what
// practice cards need. An unknown role or a category the role does not
// have is a 404.
func (s *Server) practiceRole(c *gin.Context) {
	resp, err := rolePractice(c, searcher(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	answer(c, resp)
}

// rolePractice collects the words of the role named in the path or the
// role parameter, and of its category parameter.
func rolePractice(c *gin.Context, g Searcher) (PracticeResponse, error) {
	slug := cmp.Or(c.Param("slug"), c.Query("role"))
	if err := checkValue("role", slug, MaxValueLength); err != nil {
		return PracticeResponse{}, err
	}
	category, err := text(c, "category")
	if err != nil {
		return PracticeResponse{}, err
	}
	cat := g.Catalog()
	r, err := cat.Role(slug)
	if err != nil {
		return PracticeResponse{}, err
	}
	resp := PracticeResponse{Title: r.Name, Words: []PracticeWord{}, Missing: []string{}}
	ids := r.TermIDs()
	if category != "" {
		i := slices.IndexFunc(r.Categories, func(rc corpus.RoleCategory) bool { return rc.Category == category })
		if i < 0 {
			var have []string
			for _, rc := range r.Categories {
				have = append(have, rc.Category)
			}
			return resp, fmt.Errorf("%w: role %s has no category %q; its categories are %s", search.ErrNotFound, r.Slug, category, strings.Join(have, ", "))
		}
		ids = r.Categories[i].Terms
		resp.Title = r.Name + ": " + cat.CategoryLabel(category)
	}
	for _, id := range ids {
		if t := lookupTerm(cat, id); t != nil {
			resp.Words = append(resp.Words, practiceWord(t))
		}
	}
	return resp, nil
}

// practiceTerms handles GET /api/v1/practice/terms?ids=: the words of a
// list of term ids (a learner's saved words), in the order asked, with
// what practice cards need. Ids that are no term (any more) are listed
// in missing rather than failing the list; no ids, no words.
func (s *Server) practiceTerms(c *gin.Context) {
	ids, err := practiceIDs(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	cat := searcher(c).Catalog()
	resp := PracticeResponse{Title: "Your words", Words: []PracticeWord{}, Missing: []string{}}
	for _, id := range ids {
		if t := lookupTerm(cat, id); t != nil {
			resp.Words = append(resp.Words, practiceWord(t))
		} else {
			resp.Missing = append(resp.Missing, id)
		}
	}
	answer(c, resp)
}

// practiceIDs reads the ids parameter: comma-separated, repeatable, at
// most MaxPracticeIDs values of at most MaxValueLength characters; empty
// values and repeats are dropped.
func practiceIDs(c *gin.Context) ([]string, error) {
	var ids []string
	n := 0
	for _, raw := range c.QueryArray("ids") {
		if err := checkValue("parameter ids", raw, (MaxValueLength+1)*MaxPracticeIDs); err != nil {
			return nil, err
		}
		for _, id := range strings.Split(raw, ",") {
			if id = strings.TrimSpace(id); id == "" {
				continue
			}
			if l := utf8.RuneCountInString(id); l > MaxValueLength {
				return nil, badRequest("an id in parameter ids is %d characters long; the limit is %d", l, MaxValueLength)
			}
			if n++; n > MaxPracticeIDs {
				return nil, badRequest("at most %d ids per request; ask for a longer list in parts", MaxPracticeIDs)
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

// practiceWord is t as a practice list gives it.
func practiceWord(t *corpus.Term) PracticeWord {
	names := termNames(t)
	w := PracticeWord{ID: t.ID, Term: t.Term, PartOfSpeech: t.PartOfSpeech, Level: t.Level,
		Definition: t.Definition, Names: names, Gaps: []PracticeGap{}}
	m := newTermMarker(names...)
	for _, ex := range t.Examples {
		if gap, ok := m.gap(ex); ok {
			w.Gaps = append(w.Gaps, gap)
		}
	}
	return w
}

// gap cuts text around the first whole-word occurrence of the names.
func (m termMarker) gap(text string) (PracticeGap, bool) {
	if m.re == nil {
		return PracticeGap{}, false
	}
	for i := 0; i < len(text); {
		loc := m.re.FindStringIndex(text[i:])
		if loc == nil || loc[0] == loc[1] {
			break
		}
		start, end := i+loc[0], i+loc[1]
		if wordBoundary(text, start, end) {
			return PracticeGap{Before: text[:start], Answer: text[start:end], After: text[end:]}, true
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		i = start + size
	}
	return PracticeGap{}, false
}

// myWordsView and practiceView are the data of /my-words and /practice:
// their content comes from the browser's storage and the practice API.
type myWordsView struct{ page }

type practiceView struct {
	page
	Heading string
	// Source is the practice API's URL of the list
	// ("/api/v1/practice/roles/backend-developer"); empty for the
	// learner's own words, which practice.js asks for by id.
	Source string
}

// myWordsPage handles GET /my-words: the learner's saved words, kept in
// the browser (mywords.js); the page says so without JavaScript.
func (s *Server) myWordsPage(c *gin.Context) {
	v := myWordsView{page{Title: "My words – " + siteName, NoIndex: true,
		Description: "The words you saved, kept in this browser: review, practise, export and print them."}}
	v.OGTitle = v.Title
	s.render(c, http.StatusOK, "mywords", "layout", v)
}

// practicePage handles GET /practice?role=&category= and GET /practice
// (the learner's own words): flash cards run by practice.js. A role or
// category that does not exist is a 404 page, a bad parameter 400.
func (s *Server) practicePage(c *gin.Context) {
	g := searcher(c)
	v := practiceView{}
	title := "Practise your words"
	if c.Query("role") != "" {
		resp, err := rolePractice(c, g)
		if err != nil {
			s.fail(c, err)
			return
		}
		title = "Practise: " + resp.Title
		v.Source = "/api/v1/practice/roles/" + url.PathEscape(c.Query("role"))
		if cat := c.Query("category"); cat != "" {
			v.Source += "?category=" + url.QueryEscape(cat)
		}
	}
	v.page = page{Title: title + " – " + siteName, NoIndex: true,
		Description: "Flash cards with spaced repetition: see a definition or an example, type the term."}
	v.OGTitle, v.Heading = title, title
	s.render(c, http.StatusOK, "practice", "layout", v)
}

// serviceWorker handles GET /sw.js: the service worker that keeps the
// practice and my-words pages working offline. It is served from the root
// so that its scope covers them; it only ever answers for those pages,
// the static files and the practice API (sw.js).
func (s *Server) serviceWorker(c *gin.Context) {
	c.Request.URL.Path = "/static/sw.js"
	c.Header("Cache-Control", "no-cache")
	c.Header("X-Content-Type-Options", "nosniff")
	staticFiles.ServeHTTP(c.Writer, c.Request)
}
