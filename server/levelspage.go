package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/glossary/glossary/corpus"
	"github.com/glossary/glossary/search"
)

// rolesView is the data of the page that lists every role.
type rolesView struct {
	page
	Roles []RoleSummary
}

// rolesPage handles GET /roles: every role, with its summary and the
// number of its terms, as entry points (the home page shows them too).
func (s *Server) rolesPage(c *gin.Context) {
	v := rolesView{}
	for _, r := range searcher(c).Catalog().Roles() {
		rs := roleSummary(r)
		rs.Summary = firstSentence(rs.Summary)
		v.Roles = append(v.Roles, rs)
	}
	v.page = page{Title: "IT English vocabulary by role – " + siteName,
		Description: "The English each IT role needs: the vocabulary of " + plural(len(v.Roles), "role", "roles") + ", from backend developer to product manager."}
	v.OGTitle = v.Title
	s.render(c, http.StatusOK, "roles", "layout", v)
}

// levelsView is the data of the page that explains the CEFR levels.
type levelsView struct {
	page
	Levels []levelInfo
}

// levelInfo is one CEFR level as the levels page explains it.
type levelInfo struct {
	Level, Anchor, Name, Means string
	Count                      int
	URL                        string // the search for the terms of the level
	Examples                   []link
}

// levelMeanings says what each level of corpus.Levels means for a learner
// of IT English, in the words of the CEFR's global scale, shortened.
var levelMeanings = map[string][2]string{
	"A2": {"Elementary", "Everyday words you meet early. You understand them in short, simple sentences."},
	"B1": {"Intermediate", "Words of daily work. You follow a familiar task and explain it simply."},
	"B2": {"Upper intermediate", "The working vocabulary of a professional. You follow technical discussions in your field."},
	"C1": {"Advanced", "Precise and specialised words. You read design documents and argue for a solution."},
	"C2": {"Proficient", "Rare, subtle or highly specialised words. You use them as an expert does, with every nuance."},
}

// levelExamples is how many example terms the levels page gives a level.
const levelExamples = 4

// levelsPage handles GET /levels: what A2–C2 mean, linked from the level
// filter and the level badges, since a badge's tooltip is not shown on
// phones. Cambridge Dictionary explains its levels on a page of their own
// too, and marks each word with a badge that links to it.
func (s *Server) levelsPage(c *gin.Context) {
	cat := searcher(c).Catalog()
	v := levelsView{}
	for _, l := range corpus.Levels {
		m := levelMeanings[l]
		li := levelInfo{Level: l, Anchor: "level-" + l, Name: m[0], Means: m[1], Count: cat.LevelCount(l), URL: filterURL(search.FacetLevel, l)}
		// The roles' spotlight terms first, as the best known, then A–Z.
		for _, t := range cat.LevelExamples(l, levelExamples) {
			li.Examples = append(li.Examples, link{URL: "/terms/" + t.ID, Label: t.Term})
		}
		v.Levels = append(v.Levels, li)
	}
	v.page = page{Title: "What do the levels A2–C2 mean? – " + siteName,
		Description: "Every term has a CEFR level, from A2 (elementary) to C2 (proficient): how hard the word is for a learner of English. What each level means."}
	v.OGTitle = v.Title
	s.render(c, http.StatusOK, "levels", "layout", v)
}
