package corpus_test

import (
	"testing"

	"github.com/glossary/glossary/corpus"
)

func TestIPADifference(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, curated, other string
		want                 int
	}{
		{"same, with espeak-ng's stress marks", "/ˈmɑːdəl/", "mˈɑːdəl", 0},
		{"ɹ is r, oː before r is ɔː", "/stɔːr/", "stˈoːɹ", 0},
		{"ɛ is Cambridge's e, ɚ is ər", "/ˈmeməri/", "mˈɛmɚi", 0},
		{"espeak-ng's extra r counts", "/ˈmeməri/", "mˈɛmɚɹi", 1},
		{"a phrase, spaces ignored", "/ˈendʒɪn ˈeks/", "ˈɛndʒɪn ˈɛks", 0},
		{"the closest of several forms", "/ˌes kjuː ˈel/, /ˈsiːkwəl/", "sˈiːkwəl", 0},
		{"a real disagreement", "/kæʃ/", "kˈæʃeɪ", 2},
		{"a in diphthongs stays a", "/ˈpaɪplaɪn/", "pˈaɪplaɪn", 0},
		{"a glottal stop and a syllabic n", "/ˈbʌtn/", "bˈʌʔn̩", 0},
		{"NURSE with and without r", "/ˈsɝːvɪs/", "sˈɜːvɪs", 0},
		{"NEAR before r", "/ˈkwɪri/", "kwˈiəɹi", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := corpus.IPADifference(tt.curated, tt.other); got != tt.want {
				t.Errorf("IPADifference(%q, %q) = %d; want %d", tt.curated, tt.other, got, tt.want)
			}
		})
	}
}
