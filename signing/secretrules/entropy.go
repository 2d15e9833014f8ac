package secretrules

import (
	"math"
	"strings"
)

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderWords mark documentation values and templates, never live
// credentials.
var placeholderWords = []string{"example", "xxxx", "your", "placeholder", "changeme", "dummy", "sample", "redacted",
	"fake", "insert", "replace", "${", "{{", "<", "****", "...", "0000000000", "1234567890", "0123456789", "9876543210", "abcdef", "fedcba"}

// isPlaceholderSecret reports values that are visibly not a live secret.
func isPlaceholderSecret(s string) bool {
	l := strings.ToLower(s)
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	// A run of one character (aaaa…, 1111…) is a filler.
	run := 1
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			if run++; run >= 8 {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}
