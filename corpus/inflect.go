package corpus

import (
	"strings"
)

// isInflection reports whether form is an inflection of head: a plural, a
// third person, a past tense or participle, an -ing form, or a comparative
// or superlative, of one word of head with the other words unchanged
// ("race conditions", "rolled back", "cherry-picked"). Derived words are
// not inflections ("accurately" of "accurate", "sharding" of "shard" is:
// it is the verb's -ing form). Case is ignored.
//
// The check is by rule, not by dictionary: the regular endings with their
// spelling changes (y → ies, a dropped e, a doubled consonant, -c → -cked),
// the Latin and Greek plurals IT English uses (indices, schemata, criteria),
// and English's irregular verbs and plurals.
func isInflection(head, form string) bool {
	head, form = strings.ToLower(head), strings.ToLower(form)
	if head == form {
		return true
	}
	hw, fw := splitWords(head), splitWords(form)
	if len(hw) != len(fw) {
		return false
	}
	diff := -1
	for i := range hw {
		if hw[i] != fw[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 {
		return false
	}
	for _, base := range bases(hw[diff]) {
		if base == fw[diff] || inflects(base, fw[diff]) {
			return true
		}
	}
	return false
}

// bases lists the words that w may itself be an inflection of, w first:
// "sharding" has the forms of "shard" (shards, sharded), and
// "connections" those of "connection".
func bases(w string) []string {
	out := []string{w}
	word, sep := w, ""
	if last := w[len(w)-1]; last == ' ' || last == '-' || last == '/' {
		word, sep = w[:len(w)-1], w[len(w)-1:]
	}
	for base, forms := range irregular {
		for _, f := range forms {
			if f == word {
				out = append(out, base+sep)
			}
		}
	}
	for _, e := range []string{"s", "es", "ed", "d", "ing", "er", "est", "r", "st"} {
		stem, ok := strings.CutSuffix(word, e)
		if !ok || len(stem) < 2 {
			continue
		}
		for _, b := range []string{stem, stem + "e", stem + "y"} {
			if inflects(b, word) {
				out = append(out, b+sep)
			}
		}
		if n := len(stem); n > 2 && stem[n-1] == stem[n-2] && inflects(stem[:n-1], word) {
			out = append(out, stem[:n-1]+sep) // shipped → ship
		}
		if strings.HasSuffix(stem, "i") && inflects(stem[:len(stem)-1]+"y", word) {
			out = append(out, stem[:len(stem)-1]+"y"+sep) // queries → query
		}
	}
	return out
}

// splitWords splits at spaces and hyphens, keeping each separator on the
// word before it so "cherry-pick" and "cherry pick" stay different.
func splitWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == ' ' || r == '-' || r == '/' {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// inflects reports whether f is an inflected form of the word w; a
// separator ending w must end f too.
func inflects(w, f string) bool {
	if sep := w[len(w)-1]; sep == ' ' || sep == '-' || sep == '/' {
		if f == "" || f[len(f)-1] != sep {
			return false
		}
		w, f = w[:len(w)-1], f[:len(f)-1]
	}
	if w == "" {
		return false
	}
	for _, irr := range irregular[w] {
		if f == irr {
			return true
		}
	}
	// A compound of an irregular word inflects like it: troubleshoot,
	// troubleshot; rebuild, rebuilt; upsell, upsold.
	for base, forms := range irregular {
		if prefix, ok := strings.CutSuffix(w, base); ok && prefix != "" {
			for _, irr := range forms {
				if f == prefix+irr {
					return true
				}
			}
		}
	}
	for _, c := range regularInflections(w) {
		if f == c {
			return true
		}
	}
	return false
}

// regularInflections lists the regular inflections of a word, with
// English's spelling rules applied every way they can be.
func regularInflections(w string) []string {
	endings := []string{"s", "es", "ed", "ing", "er", "est", "'s", "s'"}
	out := make([]string, 0, 24)
	for _, e := range endings {
		out = append(out, w+e)
	}
	last := w[len(w)-1]
	switch {
	case last == 'e':
		stem := w[:len(w)-1]
		out = append(out, w+"d", stem+"ing", w+"r", w+"st")
	case last == 'y' && len(w) > 1 && !isVowel(w[len(w)-2]):
		stem := w[:len(w)-1]
		out = append(out, stem+"ies", stem+"ied", stem+"ier", stem+"iest")
	case last == 'c':
		out = append(out, w+"ked", w+"king", w+"ks")
	case !isVowel(last) && last != 'w' && last != 'x' && last != 'y':
		// A doubled final consonant: ship → shipped, commit → committed.
		d := w + string(last)
		out = append(out, d+"ed", d+"ing", d+"er", d+"est")
	}
	// Plurals from Latin and Greek, as IT English writes them.
	for _, p := range [][2]string{{"is", "es"}, {"um", "a"}, {"us", "i"}, {"ex", "ices"}, {"ix", "ices"}, {"on", "a"}, {"a", "ae"}, {"f", "ves"}, {"fe", "ves"}, {"ma", "mata"}} {
		if strings.HasSuffix(w, p[0]) {
			out = append(out, strings.TrimSuffix(w, p[0])+p[1])
		}
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// irregular lists the irregular inflections of English words that IT
// English uses: verbs (past tense and participle; a few -ing forms that
// the spelling rules miss) and plurals. It is the language's, not the
// glossary's: no entry is listed for its own sake.
var irregular = map[string][]string{
	"be": {"is", "are", "was", "were", "been", "being"}, "have": {"has", "had", "having"},
	"do": {"does", "did", "done", "doing"}, "go": {"goes", "went", "gone", "going"},
	"begin": {"began", "begun", "beginning"}, "bind": {"bound"}, "break": {"broke", "broken"},
	"bring": {"brought"}, "build": {"built"}, "buy": {"bought"}, "catch": {"caught"},
	"choose": {"chose", "chosen"}, "come": {"came"}, "cut": {"cutting"}, "deal": {"dealt"}, "dig": {"dug", "digging"},
	"draw": {"drew", "drawn"}, "drive": {"drove", "driven"}, "eat": {"ate", "eaten"},
	"fall": {"fell", "fallen"}, "feed": {"fed"}, "feel": {"felt"}, "fight": {"fought"},
	"find": {"found"}, "fly": {"flew", "flown", "flies"}, "forget": {"forgot", "forgotten"},
	"freeze": {"froze", "frozen"}, "get": {"got", "gotten", "getting"}, "give": {"gave", "given"},
	"grow": {"grew", "grown"}, "hang": {"hung"}, "hear": {"heard"}, "hide": {"hid", "hidden"},
	"hit": {"hitting"}, "hold": {"held"}, "keep": {"kept"}, "know": {"knew", "known"},
	"lay": {"laid"}, "lead": {"led"}, "leave": {"left"}, "lend": {"lent"}, "let": {"letting"},
	"lose": {"lost"}, "make": {"made"}, "mean": {"meant"}, "meet": {"met"}, "pay": {"paid"},
	"put": {"putting"}, "read": {"reading"}, "rebuild": {"rebuilt"}, "ride": {"rode", "ridden"},
	"ring": {"rang", "rung"}, "rise": {"rose", "risen"}, "run": {"ran", "running"},
	"rewrite": {"rewrote", "rewritten"}, "say": {"said"}, "see": {"saw", "seen"}, "seek": {"sought"},
	"sell": {"sold"}, "send": {"sent"}, "set": {"setting"}, "shake": {"shook", "shaken"},
	"shoot": {"shot"}, "show": {"shown"}, "shut": {"shutting"}, "sit": {"sat"}, "sleep": {"slept"},
	"speak": {"spoke", "spoken"}, "spend": {"spent"}, "spin": {"spun", "spinning"},
	"split": {"splitting"}, "spread": {"spreading"}, "stand": {"stood"}, "steal": {"stole", "stolen"},
	"stick": {"stuck"}, "strike": {"struck"}, "swim": {"swam", "swum"}, "take": {"took", "taken"},
	"teach": {"taught"}, "tear": {"tore", "torn"}, "tell": {"told"}, "think": {"thought"},
	"throw": {"threw", "thrown"}, "understand": {"understood"}, "undo": {"undid", "undone"},
	"wake": {"woke", "woken"}, "wear": {"wore", "worn"}, "win": {"won", "winning"},
	"wind": {"wound"}, "withdraw": {"withdrew", "withdrawn"}, "write": {"wrote", "written"},
	"override": {"overrode", "overridden"}, "overwrite": {"overwrote", "overwritten"},
	"child": {"children"}, "man": {"men"}, "woman": {"women"}, "person": {"people"},
	"mouse": {"mice"}, "foot": {"feet"}, "tooth": {"teeth"}, "datum": {"data"},
}
