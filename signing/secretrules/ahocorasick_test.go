package secretrules

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// naiveFind is the matcher's contract spelled out: at each end offset,
// the keywords ending there, longest first, up to limit in all.
func naiveFind(keywords []string, data []byte, limit int) []hit {
	var out []hit
	text := strings.ToLower(string(data))
	for end := 1; end <= len(text); end++ {
		var here []int
		for id, kw := range keywords {
			if l := len(kw); l > 0 && l <= end && text[end-l:end] == strings.ToLower(kw) {
				here = append(here, id)
			}
		}
		// Longest first; keywords are distinct, so lengths break every tie.
		for i := range here {
			for j := i + 1; j < len(here); j++ {
				if len(keywords[here[j]]) > len(keywords[here[i]]) {
					here[i], here[j] = here[j], here[i]
				}
			}
		}
		for _, id := range here {
			if len(out) >= limit {
				return out
			}
			out = append(out, hit{kw: id, at: end - len(keywords[id])})
		}
	}
	return out
}

// TestMatcherAgreesWithNaive checks the automaton, with and without the
// triple prefilter (keywords of three bytes or more enable it), against
// the naive search on random text over a small alphabet, where keywords
// overlap, nest and run into the end of the data.
func TestMatcherAgreesWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcAB_k-"
	word := func(minLen, maxLen int) string {
		b := make([]byte, minLen+rng.IntN(maxLen-minLen+1))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for round := range 3000 {
		minLen := 1 + round%4 // from 3 on, the prefilter is used
		seen := map[string]bool{}
		var kws []string
		for range 1 + rng.IntN(6) {
			w := word(minLen, minLen+3)
			if lw := strings.ToLower(w); !seen[lw] {
				seen[lw] = true
				kws = append(kws, w)
			}
		}
		m := newMatcher(kws)
		shortest := len(kws[0])
		for _, k := range kws {
			shortest = min(shortest, len(k))
		}
		if (m.grams != nil) != (shortest >= 3) {
			t.Fatalf("keywords %q: prefilter %v", kws, m.grams != nil)
		}
		data := []byte(word(0, 60))
		limit := 1 + rng.IntN(20)
		if got, want := m.find(data, limit), naiveFind(kws, data, limit); !reflect.DeepEqual(got, want) {
			t.Fatalf("keywords %q in %q (limit %d):\n got %v\nwant %v", kws, data, limit, got, want)
		}
	}
}

// TestMatcherBuiltinPrefilter: the built-in keywords are all three bytes
// or longer, so the scan of ordinary text uses the prefilter, and it
// still finds keywords of every case at the very end of the data.
func TestMatcherBuiltinPrefilter(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	if d.m.grams == nil {
		t.Fatal("the built-in keywords do not enable the prefilter")
	}
	for _, text := range []string{"const KEY", "x = tOkEn", "ghp_", "a pwd", "sg."} {
		if hits := d.m.find([]byte(text), 10); len(hits) == 0 || hits[len(hits)-1].at+d.m.lens[hits[len(hits)-1].kw] != len(text) {
			t.Errorf("%q: hits %v, want one ending at the end", text, hits)
		}
	}
}

func TestFinderAny(t *testing.T) {
	f := NewFinder("untrusted comment:", "dW50cnVz")
	for text, want := range map[string]bool{"": false, "untrusted comment": false, "x UNTRUSTED Comment: y": true,
		"dw50cnvz": true, "dW50cnV": false, "aaadW50cnVz": true} {
		if got := f.Any([]byte(text)); got != want {
			t.Errorf("Any(%q) = %v, want %v", text, got, want)
		}
	}
}
