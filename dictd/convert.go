package dictd

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossary/glossary/corpus"
)

// Sources are the dictd glossaries Convert knows, with the attribution
// their licences ask for. The title is replaced by the database's own
// "00-database-short" line when it has one, which names its edition.
var Sources = map[string]corpus.Attribution{
	"foldoc": {Source: "foldoc", Name: "FOLDOC", Title: "The Free On-line Dictionary of Computing", URL: "https://foldoc.org/",
		License: "GNU Free Documentation License 1.1 or later, © Denis Howe"},
	"jargon": {Source: "jargon", Name: "Jargon File", Title: "The Jargon File", URL: "http://www.catb.org/jargon/",
		License: "public domain"},
	"vera": {Source: "vera", Name: "V.E.R.A.", Title: "V.E.R.A. – Virtual Entity of Relevant Acronyms", URL: "https://www.gnu.org/software/vera/",
		License: "GNU Free Documentation License 1.1 or later, © Oliver Heidelbach"},
}

// SourceNames lists the names of Sources, sorted.
func SourceNames() []string {
	names := make([]string, 0, len(Sources))
	for n := range Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Report says what Convert did with a database's articles.
type Report struct {
	Source   string    `json:"source"`
	Articles int       `json:"articles"` // articles read
	Entries  int       `json:"entries"`  // entries written
	Combined int       `json:"combined"` // articles folded into an entry with the same headword
	Skipped  []Problem `json:"skipped"`  // index lines and articles left out, with why
}

// Limits on what an imported entry may hold.
const (
	maxHeadword    = 100 // characters
	summaryWords   = 50  // words of Definition at most
	summaryAtLeast = 12  // words after which a sentence end closes Definition
)

// Convert turns a database's articles into a source named name, one of
// Sources. Articles with the same headword (V.E.R.A. has one per
// expansion of an acronym) become one entry. An article without a usable
// headword or definition is skipped and reported, never fatal.
func Convert(db *Database, name string) (*corpus.Source, *Report, error) {
	attr, ok := Sources[name]
	if !ok {
		return nil, nil, fmt.Errorf("unknown dictd source %q; known: %s", name, strings.Join(SourceNames(), ", "))
	}
	if short := metaText(db.Info["short"]); short != "" {
		attr.Title = short
	}
	rep := &Report{Source: name, Articles: len(db.Entries), Skipped: slices.Clone(db.Problems)}
	src := &corpus.Source{Attribution: attr, Entries: []corpus.Entry{}}
	at := map[string]int{} // normalised headword -> position in src.Entries
	for _, a := range db.Entries {
		e, why := parseArticle(a, name)
		if why != "" {
			rep.Skipped = append(rep.Skipped, Problem{Headword: cmp.Or(e.Headword, a.Keys[0]), Reason: why})
			continue
		}
		key := corpus.Normalize(e.Headword)
		if i, ok := at[key]; ok {
			combine(&src.Entries[i], e, name)
			rep.Combined++
			continue
		}
		at[key] = len(src.Entries)
		src.Entries = append(src.Entries, e)
	}
	for i := range src.Entries {
		finish(&src.Entries[i])
	}
	rep.Entries = len(src.Entries)
	return src, rep, nil
}

// metaText is a metadata article without its own headword line.
func metaText(body string) string {
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) > 1 && strings.HasPrefix(lines[0], "00") {
		lines = lines[1:]
	}
	return strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
}

// article is an article split into its parts: the names of its header
// (unindented lines before the first blank line), the indented lines of
// the header (a pronunciation, or V.E.R.A.'s expansion), and paragraphs
// of text with their lines joined.
type article struct {
	names []string
	extra []string
	paras []string
}

func split(body string) article {
	var a article
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	i := 0
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
		l := strings.TrimRight(lines[i], " \t")
		if l[0] == ' ' || l[0] == '\t' {
			a.extra = append(a.extra, strings.Join(strings.Fields(l), " "))
		} else {
			a.names = append(a.names, strings.TrimSpace(l))
		}
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			a.paras = append(a.paras, strings.Join(para, " "))
			para = nil
		}
	}
	for ; i < len(lines); i++ {
		if f := strings.Fields(lines[i]); len(f) > 0 {
			para = append(para, strings.Join(f, " "))
		} else {
			flush()
		}
	}
	flush()
	return a
}

var (
	crossRef = regexp.MustCompile(`\{([^{}]*)\}`)
	datePara = regexp.MustCompile(`^\(\d{4}-\d{2}-\d{2}\)$`)
	// Leading parts of a first paragraph that are not its definition:
	// FOLDOC's subject tags ("<programming>"), pronunciations
	// ("/thuhnk/"), sense numbers ("1.") and the Jargon File's parts of
	// speech ("n.", "vt.").
	// Tags are sometimes mistyped ("<networking<", "<tool, crypto}").
	leadTags  = regexp.MustCompile(`^(<[^<>{}]{0,100}[>}<][,;]?\s*)+`)
	leadOpen  = regexp.MustCompile(`^<[a-z]+\s+`) // "<language A query language"
	leadPron  = regexp.MustCompile(`^/[^/]{0,60}/[,;]?\s*`)
	leadSense = regexp.MustCompile(`^\(?\d{1,2}[.)]\s+`)
	leadPOS   = regexp.MustCompile(`^((n|v|vt|vi|adj|adv|interj|excl|prep|pron|conj|pl|abbrev|prov)\.[,;]?\s*)+`)
	// An etymology or usage note before the definition: "[from the Unix
	// null device]", "[Usenet; common]".
	leadNote = regexp.MustCompile(`^(\[[^\[\]]*\]|\((From|from)\s[^()]*\))\s*`)
	// Braces of cross-references left unbalanced by a typo ("{hard disk.").
	strayBrace = regexp.MustCompile(`\{(\w)|(\w)\}`)
	// An e-mail address in angle brackets, as FOLDOC credits authors.
	email = regexp.MustCompile(`\s*<[^<>\s]+@[^<>\s]+>`)
	// V.E.R.A. qualifies expansions with "(ethernet, BIT)" or
	// "[technology]", and marks doubtful ones with "???".
	expansionNotes = regexp.MustCompile(`(\s*(\([^()]*\)|\[[^\[\]]*\]|\?\?\?))+$`)
)

// posAbbrev maps the Jargon File's part-of-speech abbreviations to ours.
var posAbbrev = map[string]string{"n.": "noun", "v.": "verb", "vt.": "verb", "vi.": "verb", "adj.": "adjective", "adv.": "adverb", "interj.": "phrase", "excl.": "phrase", "prov.": "phrase"}

// parseArticle reads one article, or says why it cannot be imported.
func parseArticle(a Article, source string) (corpus.Entry, string) {
	art := split(a.Body)
	var e corpus.Entry
	if len(art.names) > 0 {
		e.Headword = art.names[0]
	}
	if e.Headword == "" {
		e.Headword = strings.TrimSpace(a.Keys[0])
	}
	switch n := utf8.RuneCountInString(e.Headword); {
	case n == 0:
		return e, "no headword"
	case n > maxHeadword:
		return e, fmt.Sprintf("headword longer than %d characters", maxHeadword)
	}
	for _, n := range append(slices.Clone(art.names[min(1, len(art.names)):]), a.Keys...) {
		if !strings.Contains(n, "&#") {
			e.Aliases = append(e.Aliases, n)
		}
	}
	var paras []string
	for _, p := range art.paras {
		if source == "foldoc" && datePara.MatchString(p) {
			continue
		}
		for _, m := range crossRef.FindAllStringSubmatch(p, -1) {
			if ref := strings.Join(strings.Fields(m[1]), " "); ref != "" {
				e.SeeAlso = append(e.SeeAlso, ref)
			}
		}
		paras = append(paras, strings.Join(strings.Fields(crossRef.ReplaceAllString(p, "$1")), " "))
	}
	if source == "vera" {
		// The expansion is the definition, and a name to find it by.
		for _, x := range expansions(append(slices.Clone(art.extra), paras...)) {
			e.Definition = joinNonEmpty("; ", e.Definition, x)
			if alias := strings.TrimSpace(expansionNotes.ReplaceAllString(x, "")); alias != "" {
				e.Aliases = append(e.Aliases, alias)
			}
		}
		if e.Definition == "" {
			return e, "no expansion"
		}
		return e, ""
	}
	if source == "jargon" {
		e.PartOfSpeech = partOfSpeech(art)
	}
	e.Definition = summary(paras)
	if e.Definition == "" {
		return e, "no definition, only a subject tag or a reference"
	}
	e.Text = strings.Join(paras, "\n\n")
	return e, ""
}

// expansions joins V.E.R.A.'s expansion lines that wrap: a line that
// leaves a bracket open goes on on the next ("Association of ... (org.,"
// then "USA)").
func expansions(lines []string) []string {
	var out []string
	open := 0
	for _, l := range lines {
		if open > 0 && len(out) > 0 {
			out[len(out)-1] += " " + l
		} else {
			out = append(out, l)
		}
		open += strings.Count(l, "(") + strings.Count(l, "[") - strings.Count(l, ")") - strings.Count(l, "]")
		open = max(open, 0)
	}
	return out
}

// partOfSpeech finds the part of speech a Jargon File article gives
// itself after its pronunciation or sense number ("/H·C·F/, n.", "1. n."),
// or "".
func partOfSpeech(art article) string {
	for _, x := range append(slices.Clone(art.extra), art.paras...) {
		x = leadPron.ReplaceAllString(x, "")
		x = leadNote.ReplaceAllString(x, "")
		x = leadSense.ReplaceAllString(x, "")
		if f := strings.Fields(x); len(f) > 0 {
			return posAbbrev[strings.TrimRight(f[0], ",;")]
		}
	}
	return ""
}

// summary is the first sense of an entry, short enough for a result
// list: the first paragraph that is not an etymology, without its leading
// tags, pronunciation, sense number and part of speech, cut at the end of
// a sentence once it has summaryAtLeast words, and at summaryWords words
// at most.
func summary(paras []string) string {
	for _, p := range paras {
		if strings.HasPrefix(p, "(") && strings.HasSuffix(p, ")") {
			continue // "(1997-10-11)"
		}
		for {
			q := leadTags.ReplaceAllString(p, "")
			q = leadOpen.ReplaceAllString(q, "")
			q = leadPron.ReplaceAllString(q, "")
			q = leadSense.ReplaceAllString(q, "")
			q = leadPOS.ReplaceAllString(q, "")
			q = leadNote.ReplaceAllString(q, "")
			if q == p {
				break
			}
			p = q
		}
		words := strings.Fields(strayBrace.ReplaceAllString(email.ReplaceAllString(p, ""), "$1$2"))
		if !strings.ContainsFunc(p, unicode.IsLetter) {
			continue // what was left of a bibliography reference: ["A Proposal", 1967].
		}
		for i, w := range words {
			if i+1 >= summaryWords {
				return strings.Join(words[:i+1], " ") + " …"
			}
			if i+1 >= summaryAtLeast && sentenceEnd(w, words[i+1:]) {
				return strings.Join(words[:i+1], " ")
			}
		}
		return strings.Join(words, " ")
	}
	return ""
}

// sentenceEnd reports whether a word ends a sentence: it ends with a full
// stop, question or exclamation mark, is not an abbreviation such as
// "e.g." or an initial such as "Z.", and the next word, if any, starts
// with a capital letter, a digit or a quote.
func sentenceEnd(w string, rest []string) bool {
	w = strings.TrimRight(w, `"')”’`)
	if !strings.HasSuffix(w, ".") && !strings.HasSuffix(w, "?") && !strings.HasSuffix(w, "!") {
		return false
	}
	switch strings.ToLower(w) {
	case "e.g.", "i.e.", "etc.", "cf.", "vs.", "approx.", "esp.", "incl.", "al.":
		return false
	}
	stem := strings.TrimRight(w, ".?!")
	if utf8.RuneCountInString(stem) < 2 || strings.Contains(stem, ".") {
		return false
	}
	if len(rest) == 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[0])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘(`, r)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// combine folds an article into the entry with the same headword.
func combine(into *corpus.Entry, e corpus.Entry, source string) {
	if source == "vera" {
		into.Definition = joinNonEmpty("; ", into.Definition, e.Definition)
	} else {
		into.Text = joinNonEmpty("\n\n", cmp.Or(into.Text, into.Definition), cmp.Or(e.Text, e.Definition))
	}
	into.Aliases = append(into.Aliases, e.Aliases...)
	into.SeeAlso = append(into.SeeAlso, e.SeeAlso...)
}

// finish drops duplicate aliases and links, aliases that are the headword
// itself, and a Text that says no more than the Definition.
func finish(e *corpus.Entry) {
	head := corpus.Normalize(e.Headword)
	seen := map[string]bool{head: true}
	aliases := e.Aliases[:0]
	for _, a := range e.Aliases {
		if k := corpus.Normalize(a); k != "" && !seen[k] && utf8.RuneCountInString(a) <= maxHeadword {
			seen[k] = true
			aliases = append(aliases, strings.TrimSpace(a))
		}
	}
	e.Aliases = aliases
	seen = map[string]bool{head: true}
	refs := e.SeeAlso[:0]
	for _, r := range e.SeeAlso {
		if k := corpus.Normalize(r); !seen[k] {
			seen[k] = true
			refs = append(refs, r)
		}
	}
	e.SeeAlso = refs
	if e.Text == e.Definition {
		e.Text = ""
	}
	if len(e.Aliases) == 0 {
		e.Aliases = nil
	}
	if len(e.SeeAlso) == 0 {
		e.SeeAlso = nil
	}
}
