package server

import (
	"cmp"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// page is what the layout shared by every page needs.
type page struct {
	Title       string // the <title>
	Description string // <meta name="description"> and og:description
	OGTitle     string
	OGType      string // "website" when empty
	Query       string // the text in the search box
	Home        bool   // the search box is in the page, not the header
	// Live is set on the search page, whose results follow the box as
	// the learner types: the box offers no suggestions there (two lists
	// in different orders would compete), and the down arrow moves into
	// the results, as Algolia DocSearch's does.
	Live bool
	// Script is a script of this page only, besides app.js: term.js.
	Script  string
	NoIndex bool
}

const siteName = "Glossary"

// descriptionLength is where meta descriptions are cut, about what search
// engines and link previews show.
const descriptionLength = 160

// homeView is the data of the home page.
type homeView struct {
	page
	Terms     int
	Roles     []RoleSummary
	Spotlight []TermSummary
}

// Home page sizes: how many terms are in the spotlight, and where role
// summaries are cut.
const (
	homeSpotlight     = 6
	homeSummaryLength = 100
)

// home handles GET /: the search box, the roles as entry points and a few
// spotlight terms.
func (s *Server) home(c *gin.Context) {
	cat := searcher(c).Catalog()
	v := homeView{Terms: cat.Terms()}
	v.page = page{Home: true, Title: siteName + " – the English of IT, explained",
		Description: "Look up the words of professional IT English: plain definitions, examples from real work, CEFR level, pronunciation and related terms, by role."}
	v.OGTitle = v.Title
	for _, r := range cat.Roles() {
		rs := roleSummary(r)
		rs.Summary = cut(firstSentence(rs.Summary), homeSummaryLength)
		v.Roles = append(v.Roles, rs)
	}
	v.Spotlight = spotlight(cat, homeSpotlight)
	s.render(c, http.StatusOK, "home", "layout", v)
}

// spotlight is the first n terms of the roles' spotlights
// (corpus.Corpus.Spotlight), as the home page lists them.
func spotlight(cat *search.Catalog, n int) []TermSummary {
	var out []TermSummary
	for _, t := range cat.Spotlight(n) {
		out = append(out, termSummary(t))
	}
	return out
}

// termView is the data of a term page.
type termView struct {
	page
	Term       *corpus.Term
	Examples   []template.HTML // with the term marked
	Related    []relatedGroup
	Roles      []link
	Categories []link
	// Say is what the Listen button reads: the spoken form of a name or
	// an acronym, or the term; empty for a written-only form.
	Say string
	// Meanings are the term's senses, the main one first, when it has
	// more than one; the page then numbers them.
	Meanings []meaningView
	// An imported entry's source by its short name, its whole text and
	// its attribution; and the senses other glossaries give a term.
	SourceName  string
	Text        []string // paragraphs
	Attribution *corpus.Attribution
	Others      []senseView
}

type senseView struct {
	Name, Definition string
	Text             []string
	*corpus.Attribution
}

// meaningView is one numbered sense of a term.
type meaningView struct {
	Anchor       string // the element id, "sense-data-model"; "" for the main sense
	PartOfSpeech string
	Level        string
	Categories   []string // labels
	Aliases      []string
	Definition   string
	Examples     []template.HTML
	Related      []linkGroup
	Collocations []string
	Notes        string
}

// linkGroup is a sense's links of one type, labelled as reasonLabels does.
type linkGroup struct {
	Label string
	Links []senseLink
}

// senseLink is a link to a term, and to one of its senses when Number is
// not 0.
type senseLink struct {
	URL, Label string
	Number     int
}

type link struct{ URL, Label string }

type relatedGroup struct {
	Reason, Label string
	Terms         []relatedLink
}

// relatedLink is a related term with the sense meant, numbered as on its
// page (0 for the main sense).
type relatedLink struct {
	search.Related
	Number int
}

// URL is the related term's page, at the sense meant.
func (r relatedLink) URL() string { return senseURL(r.ID, r.Sense) }

// A term page lists at most termRelated related terms, of which at most
// termSharedCategory only share a category: the weakest reason.
const (
	termRelated        = 24
	termSharedCategory = 8
)

// reasonLabels names the groups of related terms, in the order a term
// page shows them.
var reasonLabels = []struct{ reason, label string }{
	{"synonym", "Synonyms"},
	{"antonym", "Opposites"},
	{"confused-with", "Often confused with"},
	{"see-also", "See also"},
	{"kind-of", "A kind of"},
	{"part-of", "Part of"},
	{search.ReasonLinkedFrom, "Terms that link here"},
	{search.ReasonMentioned, "Words in the definition"},
	{search.ReasonMentionsThis, "Terms defined with this word"},
	{search.ReasonSharedCategory, "More in the same categories"},
}

// termPage handles GET /terms/{id}: the whole entry, with examples, related
// terms, roles and categories.
func (s *Server) termPage(c *gin.Context) {
	g := searcher(c)
	cat := g.Catalog()
	t, err := cat.Term(c.Param("id"))
	if err != nil {
		if u := otherName(cat, "/terms/", c.Param("id")); errors.Is(err, search.ErrNotFound) && u != "" {
			c.Redirect(http.StatusMovedPermanently, u)
			c.Abort()
			return
		}
		s.fail(c, err)
		return
	}
	rel, err := g.Related(t.ID, termRelated)
	if err != nil {
		s.fail(c, err)
		return
	}
	v := termView{Term: t, Related: groupRelated(cat, limitReason(rel, search.ReasonSharedCategory, termSharedCategory)), Say: t.Term}
	if p := t.Pronunciation; p != nil {
		v.Say = cmp.Or(p.Say, t.Term)
		if p.WrittenOnly {
			v.Say = ""
		}
	}
	about, ogTitle := "", t.Term
	if t.PartOfSpeech != "" {
		about = t.PartOfSpeech
		ogTitle += " (" + posAbbr(t.PartOfSpeech) + ")"
	}
	if t.Level != "" {
		about = strings.TrimPrefix(about+", "+t.Level, ", ")
	}
	if t.Source != corpus.SourceCurated {
		v.SourceName = cat.SourceName(t.Source)
		v.Attribution = t.Attribution
		v.Text = paragraphs(t.Text)
		about = strings.TrimPrefix(about+", "+v.SourceName, ", ")
	}
	for _, s := range t.Senses {
		v.Others = append(v.Others, senseView{Name: cat.SourceName(s.Source), Definition: s.Definition, Text: paragraphs(s.Text), Attribution: s.Attribution})
	}
	if about != "" {
		about = " (" + about + ")"
	}
	v.page = page{
		Title:       t.Term + " – meaning and examples – " + siteName,
		Description: cut(t.Term+about+": "+t.Definition, descriptionLength),
		OGTitle:     ogTitle,
		OGType:      "article",
		Script:      "term.js",
	}
	m := newTermMarker(termNames(t)...)
	for _, ex := range t.Examples {
		v.Examples = append(v.Examples, m.mark(ex))
	}
	v.Meanings = meanings(cat, t)
	for _, r := range t.Roles {
		v.Roles = append(v.Roles, link{URL: "/roles/" + r, Label: cat.RoleName(r)})
	}
	for _, slug := range t.Categories {
		v.Categories = append(v.Categories, link{URL: filterURL(search.FacetCategory, slug), Label: cat.CategoryLabel(slug)})
	}
	s.render(c, http.StatusOK, "term", "layout", v)
}

// meanings lists the senses of a term with more than one, the main sense
// first; nil for a term with one sense.
func meanings(cat *search.Catalog, t *corpus.Term) []meaningView {
	if len(t.Meanings) == 0 {
		return nil
	}
	names := slices.Concat([]string{t.Term}, t.Forms)
	view := func(anchor, pos, level string, cats, aliases []string, def string, examples []string, related []corpus.Link, colls []string, notes string) meaningView {
		mv := meaningView{Anchor: anchor, PartOfSpeech: pos, Level: level, Aliases: aliases, Definition: def, Collocations: colls, Notes: notes}
		for _, slug := range cats {
			mv.Categories = append(mv.Categories, cat.CategoryLabel(slug))
		}
		mk := newTermMarker(slices.Concat(names, aliases)...)
		for _, ex := range examples {
			mv.Examples = append(mv.Examples, mk.mark(ex))
		}
		mv.Related = linkGroups(cat, related)
		return mv
	}
	out := []meaningView{view("", t.PartOfSpeech, t.Level, t.MainCategories, t.Aliases, t.Definition, t.Examples, t.Related, t.Collocations, t.Notes)}
	for _, m := range t.Meanings {
		out = append(out, view(senseAnchor(m.ID), m.PartOfSpeech, m.Level, m.Categories, m.Aliases, m.Definition, m.Examples, m.Related, m.Collocations, m.Notes))
	}
	return out
}

// senseAnchor is the element id of a further sense on its term's page.
func senseAnchor(sense string) string { return "sense-" + sense }

// senseNumber is the number of a sense on its term's page: 1 for the main
// one, 0 when the term has one sense (or the sense is unknown).
func senseNumber(t *corpus.Term, sense string) int {
	if t == nil || len(t.Meanings) == 0 {
		return 0
	}
	if sense == "" {
		return 1
	}
	for i, m := range t.Meanings {
		if m.ID == sense {
			return i + 2
		}
	}
	return 0
}

// senseURL is the address of a term's page, at the sense when it is not
// the main one.
func senseURL(id, sense string) string {
	if sense == "" {
		return "/terms/" + id
	}
	return "/terms/" + id + "#" + senseAnchor(sense)
}

// linkGroups groups a sense's typed links by type, in the order of
// reasonLabels.
func linkGroups(cat *search.Catalog, related []corpus.Link) []linkGroup {
	var out []linkGroup
	for _, rl := range reasonLabels {
		g := linkGroup{Label: rl.label}
		for _, l := range related {
			if o := lookupTerm(cat, l.ID); o != nil && l.Type == rl.reason {
				g.Links = append(g.Links, senseLink{URL: senseURL(l.ID, l.Sense), Label: o.Term, Number: senseNumber(o, l.Sense)})
			}
		}
		if len(g.Links) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// paragraphs splits an imported entry's text at its blank lines.
func paragraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}

// limitReason keeps at most n of the related terms given for reason.
func limitReason(rel []search.Related, reason string, n int) []search.Related {
	var out []search.Related
	for _, r := range rel {
		if r.Reason == reason {
			if n == 0 {
				continue
			}
			n--
		}
		out = append(out, r)
	}
	return out
}

// termNames are the names a term is marked by in its examples.
func termNames(t *corpus.Term) []string {
	return slices.Concat([]string{t.Term}, t.Forms, t.Aliases)
}

// groupRelated groups related terms by reason, in the order of
// reasonLabels; reasons it does not know come last, named as they are.
// A term with several senses that a link or the definition means in one
// of them is numbered as on its page.
func groupRelated(cat *search.Catalog, rel []search.Related) []relatedGroup {
	numbered := func(r search.Related) relatedLink {
		switch r.Reason {
		case search.ReasonLinkedFrom, search.ReasonMentionsThis, search.ReasonSharedCategory:
			return relatedLink{Related: r} // the other term, not a sense of it
		}
		return relatedLink{Related: r, Number: senseNumber(lookupTerm(cat, r.ID), r.Sense)}
	}
	var groups []relatedGroup
	for _, rl := range reasonLabels {
		g := relatedGroup{Reason: rl.reason, Label: rl.label}
		for _, r := range rel {
			if r.Reason == rl.reason {
				g.Terms = append(g.Terms, numbered(r))
			}
		}
		if len(g.Terms) > 0 {
			groups = append(groups, g)
		}
	}
	for _, r := range rel {
		if !slices.ContainsFunc(reasonLabels, func(rl struct{ reason, label string }) bool { return rl.reason == r.Reason }) {
			i := slices.IndexFunc(groups, func(g relatedGroup) bool { return g.Reason == r.Reason })
			if i < 0 {
				groups = append(groups, relatedGroup{Reason: r.Reason, Label: r.Reason})
				i = len(groups) - 1
			}
			groups[i].Terms = append(groups[i].Terms, numbered(r))
		}
	}
	return groups
}

// roleView is the data of a role page: the sections of the page the
// product grew from.
type roleView struct {
	page
	Role         *corpus.Role
	Terms        int
	Spotlight    []spotlightTerm
	Categories   []RoleCategoryResponse
	RelatedRoles []RoleSummary
	AllTermsURL  string
}

type spotlightTerm struct {
	TermSummary
	Example template.HTML // the first example, with the term marked
}

// rolePage handles GET /roles/{slug}: summary, topics, vocabulary
// spotlight, vocabulary by category, scenarios and other roles.
func (s *Server) rolePage(c *gin.Context) {
	cat := searcher(c).Catalog()
	r, err := cat.Role(c.Param("slug"))
	if err != nil {
		if u := otherName(cat, "/roles/", c.Param("slug")); errors.Is(err, search.ErrNotFound) && u != "" {
			c.Redirect(http.StatusMovedPermanently, u)
			c.Abort()
			return
		}
		s.fail(c, err)
		return
	}
	resp := roleResponse(cat, r)
	v := roleView{Role: r, Terms: len(r.TermIDs()), Categories: resp.Categories, RelatedRoles: resp.RelatedRoles,
		AllTermsURL: filterURL(search.FacetRole, r.Slug)}
	v.page = page{Title: r.Name + " – IT English vocabulary – " + siteName, Description: cut(r.Summary, descriptionLength)}
	v.OGTitle = r.Name + ": the English you need"
	for _, ts := range resp.Spotlight {
		st := spotlightTerm{TermSummary: ts}
		if t := lookupTerm(cat, ts.ID); t != nil && len(t.Examples) > 0 {
			st.Example = newTermMarker(termNames(t)...).mark(t.Examples[0])
		}
		v.Spotlight = append(v.Spotlight, st)
	}
	s.render(c, http.StatusOK, "role", "layout", v)
}

// browseView is the data of the browse pages: /browse, with the letters,
// the categories and the imported glossaries, and /browse/{letter}, with
// the terms of one letter.
//
// The terms are listed a letter a page, as Cambridge Dictionary's browse
// pages are: all of them on one page made it 47,000 px long on a phone,
// and a sticky letter bar of three rows hid the heading of the letter
// tapped.
type browseView struct {
	page
	Index []letterGroup // A–Z (and "#"), for the letter index
	// Current is the letter shown, with its terms, and Prev and Next its
	// neighbours that have terms; Current is nil on /browse.
	Current    *letterGroup
	Prev, Next *letterGroup
	Total      int // curated terms in all
	Categories []categoryCount
	// Sources are the imported glossaries, with their entry counts and a
	// search of each: their tens of thousands of entries are not listed.
	Sources []categoryCount
}

type letterGroup struct {
	Letter, Slug string
	Terms        []*corpus.Term
	URL          string // its page; "" for a letter without terms
	Selected     bool   // the letter shown
}

// letterIndex lists every letter A–Z for the index of the browse pages,
// "#" first when terms start with anything else; letters without terms
// have no URL.
func letterIndex(groups []letterGroup, current string) []letterGroup {
	var out []letterGroup
	for _, g := range groups {
		if g.Letter == "#" {
			out = append(out, g)
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		l := letterGroup{Letter: string(r)}
		if i := slices.IndexFunc(groups, func(g letterGroup) bool { return g.Letter == l.Letter }); i >= 0 {
			l = groups[i]
		}
		out = append(out, l)
	}
	for i := range out {
		out[i].Selected = out[i].Slug != "" && out[i].Slug == current
		out[i].Terms = nil // the index needs none
	}
	return out
}

type categoryCount struct {
	Label, URL string
	Count      int
}

// browse handles GET /browse: the letter index, the categories with
// their number of terms, and the imported glossaries. Imported entries
// are counted by source and reached through search (FOLDOC alone would
// make a page over a megabyte).
func (s *Server) browse(c *gin.Context) {
	cat := searcher(c).Catalog()
	v := browseView{Index: letterIndex(letterGroups(cat), ""), Total: cat.Curated()}
	for _, src := range cat.Sources() {
		if src.Count > 0 {
			v.Sources = append(v.Sources, categoryCount{Label: src.Label, Count: src.Count, URL: filterURL(search.FacetSource, src.Value)})
		}
	}
	v.page = page{Title: "Browse all terms A–Z – " + siteName,
		Description: "Every term of the IT English glossary, A to Z and by category."}
	v.OGTitle = v.Title
	for _, k := range cat.Categories() {
		v.Categories = append(v.Categories, categoryCount{Label: k.Label, Count: k.Count, URL: filterURL(search.FacetCategory, k.Value)})
	}
	s.render(c, http.StatusOK, "browse", "layout", v)
}

// browseLetter handles GET /browse/{letter}: the terms that start with a
// letter (a–z, or "other" for the rest), with the letter index and the
// previous and next letters. /browse/K is redirected to /browse/k.
func (s *Server) browseLetter(c *gin.Context) {
	slug := c.Param("letter")
	if lower := strings.ToLower(slug); lower != slug && len(slug) <= len("other") {
		c.Redirect(http.StatusMovedPermanently, "/browse/"+lower)
		c.Abort()
		return
	}
	cat := searcher(c).Catalog()
	groups := letterGroups(cat)
	i := slices.IndexFunc(groups, func(g letterGroup) bool { return g.Slug == slug })
	if i < 0 {
		s.errorPage(c, http.StatusNotFound, "")
		return
	}
	v := browseView{Index: letterIndex(groups, slug), Current: &groups[i], Total: cat.Curated()}
	if i > 0 {
		v.Prev = &groups[i-1]
	}
	if i+1 < len(groups) {
		v.Next = &groups[i+1]
	}
	name := "“" + v.Current.Letter + "”"
	if v.Current.Letter == "#" {
		name = "a digit or a symbol"
	}
	v.page = page{Title: "Terms starting with " + name + " – " + siteName,
		Description: cut(plural(len(v.Current.Terms), "term", "terms")+" of IT English starting with "+name+": "+termList(v.Current.Terms), descriptionLength)}
	v.OGTitle = v.Title
	s.render(c, http.StatusOK, "browse", "layout", v)
}

// termList joins the names of terms with commas.
func termList(terms []*corpus.Term) string {
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = t.Term
	}
	return strings.Join(names, ", ")
}

// letterGroups gives the catalog's letters (search.Catalog.Letters) their
// slugs and pages: /browse/a, and /browse/other for "#".
func letterGroups(cat *search.Catalog) []letterGroup {
	var groups []letterGroup
	for _, l := range cat.Letters() {
		slug := strings.ToLower(l.Letter)
		if l.Letter == "#" {
			slug = "other"
		}
		groups = append(groups, letterGroup{Letter: l.Letter, Slug: slug, Terms: l.Terms, URL: "/browse/" + slug})
	}
	return groups
}

// errorView is the data of the error page.
type errorView struct {
	page
	Status          int
	Heading, Detail string
	SearchURL       string // a search for what the missing page was about
	SearchFor       string
}

// errorPage answers with the HTML error page: 404 for unknown pages,
// terms and roles, with a search for what was asked.
func (s *Server) errorPage(c *gin.Context, status int, detail string) {
	v := errorView{Status: status, Detail: detail}
	switch status {
	case http.StatusNotFound:
		v.Heading = "Page not found"
		v.Detail = "There is no page at this address. It may have moved, or the link may be mistyped."
		path := c.Request.URL.Path
		for _, prefix := range []string{"/terms/", "/roles/"} {
			if rest, ok := strings.CutPrefix(path, prefix); ok && rest != "" && !strings.Contains(rest, "/") {
				v.SearchFor = strings.ReplaceAll(rest, "-", " ")
				v.Detail = "We have no entry at this address."
			}
		}
		if v.SearchFor != "" && utf8.ValidString(v.SearchFor) && len(v.SearchFor) <= 100 {
			v.SearchURL = searchState{Query: v.SearchFor}.url("/search")
		}
	case http.StatusBadRequest:
		v.Heading = "That request did not work"
	case http.StatusMethodNotAllowed:
		v.Heading = "Method not allowed"
	case http.StatusRequestEntityTooLarge:
		v.Heading = "Request too large"
		v.Detail = "This request came with a body larger than this site takes: its pages read what you look for from the address alone. Follow a link or use the search box instead of sending a form or a file."
	case http.StatusTooManyRequests:
		v.Heading = "Too many requests"
		v.Detail = "Too many requests came from your address in a short time (people sharing a network share an address). " + retryIn(c) + " then reload the page."
	case http.StatusServiceUnavailable:
		v.Heading = "Back in a moment"
	default:
		if status >= 500 {
			v.Heading = "Something went wrong"
			v.Detail = "An internal error stopped this page. It has been logged; please try again."
			break
		}
		// A client error without a page of its own says what it is and
		// what was wrong, as the API's problem does.
		v.Heading = http.StatusText(status)
		if v.Detail == "" {
			v.Detail = "This request could not be answered."
		} else {
			v.Detail = sentence(v.Detail)
		}
		v.Detail += " Check the address, or start again from the home page."
	}
	v.page = page{Title: v.Heading + " – " + siteName, Description: v.Detail, NoIndex: true}
	v.OGTitle = v.Title
	s.render(c, status, "error", "layout", v)
}

// retryIn says how long to wait, from the Retry-After the rate limiter
// set.
func retryIn(c *gin.Context) string {
	switch secs := c.Writer.Header().Get("Retry-After"); secs {
	case "":
		return "Wait a little,"
	case "1":
		return "Wait a second,"
	default:
		return "Wait " + secs + " seconds,"
	}
}

// sentence makes an error detail ("the request body could not be read")
// a sentence: capitalised, with a full stop.
func sentence(detail string) string {
	r, n := utf8.DecodeRuneInString(detail)
	detail = string(unicode.ToUpper(r)) + detail[n:]
	if !strings.HasSuffix(detail, ".") {
		detail += "."
	}
	return detail
}

// firstSentence returns text up to its first full stop.
func firstSentence(text string) string {
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return strings.TrimSpace(text)
}

// cut shortens text to at most n bytes at a word boundary, with an
// ellipsis.
func cut(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	i := strings.LastIndexByte(text[:n-len("…")+1], ' ')
	if i <= 0 {
		i = n - len("…")
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
	}
	return strings.TrimRight(text[:i], " ,;:") + "…"
}
