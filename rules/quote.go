package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Values from scanned files are quoted in messages; a long one keeps its
// first quotedHead and last quotedTail bytes, so the text after it (why
// the value is reported) stays readable.
const (
	quotedHead = 100
	quotedTail = 40
)

// Shorten elides the middle of a value longer than quotedHead+quotedTail
// plus a little, at character boundaries.
func Shorten(s string) string {
	if len(s) <= quotedHead+quotedTail+20 {
		return s
	}
	return s[:runeFloor(s, quotedHead)] + "…" + s[runeCeil(s, len(s)-quotedTail):]
}

// runeFloor moves byte offset i back to the start of the character it is in.
func runeFloor(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// runeCeil moves byte offset i forward to the start of the next character
// unless it is at one.
func runeCeil(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// Quote is %q for a value quoted in a message: a long value is shortened
// and its length given.
func Quote(s string) string {
	if short := Shorten(s); short != s {
		return fmt.Sprintf("%s (%d bytes)", strconv.Quote(short), len(s))
	}
	return strconv.Quote(s)
}

// capSubject bounds a finding's subject, which reports and baselines
// carry: a long one is shortened and keeps a digest of the whole, so two
// subjects that differ only in the elided middle stay distinct.
func capSubject(s string) string {
	if len(s) <= MaxMessageBytes {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return Shorten(s) + " sha256:" + hex.EncodeToString(sum[:8])
}
