package corpus

import (
	"strings"
)

// ipaNotation maps the spellings of the same sound that differ between the
// corpus (Cambridge Dictionary conventions) and speech synthesisers such
// as espeak-ng, so that only real disagreements count: r for ɹ, e for the
// DRESS vowel ɛ, æ for the TRAP vowel a, t for the flap ɾ and the glottal
// stop ʔ, ə for ɐ, ɪ for ᵻ, ɪr for espeak-ng's iəɹ, ɜ for the NURSE vowel
// with or without its r, and ər for ɚ.
var ipaNotation = strings.NewReplacer(
	"iəɹ", "ɪr", "iər", "ɪr", "oːɹ", "ɔːr", "oːr", "ɔːr", "ɔɹ", "ɔr",
	"ɹ", "r", "ɾ", "t", "ʔ", "t", "ɛ", "e", "ɐ", "ə", "ᵻ", "ɪ", "ɚ", "ər", "ɝ", "ɜ",
	"a", "æ", "ɡ", "g",
)

// ipaMarks are written in one transcription and not the other, or differ
// in place by convention: stress, length, syllable breaks, spaces,
// hyphens, slashes, tie bars and the mark of a syllabic consonant.
var ipaMarks = strings.NewReplacer("ˈ", "", "ˌ", "", "ː", "", ".", "", " ", "", "-", "", "/", "", "\u0361", "", "\u035c", "", "\u0329", "")

// normalizeIPA reduces a transcription to its sounds, in one notation.
func normalizeIPA(s string) string {
	s = strings.NewReplacer("aɪ", "\x01", "aʊ", "\x02").Replace(s) // diphthongs keep their a
	s = ipaNotation.Replace(s)
	s = strings.NewReplacer("\x01", "aɪ", "\x02", "aʊ").Replace(s)
	return ipaMarks.Replace(s)
}

// IPADifference compares a curated transcription (one or more IPA forms
// between slashes, separated by commas) with another one, such as a
// speech synthesiser's, ignoring differences of notation, stress and
// length: it returns the edit distance in sounds to the closest curated
// form, and that distance as a share of the form's length. It is a second
// opinion for reviewers: synthesisers guess technical words badly, and
// the curated form wins.
func IPADifference(curated, other string) (int, float64) {
	o := normalizeIPA(other)
	best, share := -1, 0.0
	for _, form := range strings.Split(curated, ",") {
		c := normalizeIPA(strings.TrimSpace(form))
		if c == "" {
			continue
		}
		d := EditDistance(c, o)
		if best < 0 || d < best {
			best, share = d, float64(d)/float64(max(len([]rune(c)), len([]rune(o))))
		}
	}
	if best < 0 {
		return len([]rune(o)), 1
	}
	return best, share
}
