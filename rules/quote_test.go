package rules

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQuoteShortensLongValues: short values are quoted whole; a long one
// keeps its start and end, at character boundaries, and says its length.
func TestQuoteShortensLongValues(t *testing.T) {
	if got := Quote("https://a.example/*"); got != `"https://a.example/*"` {
		t.Errorf("short value: %s", got)
	}
	long := "https://" + strings.Repeat("é", 2000) + "/end"
	got := Quote(long)
	if !strings.HasPrefix(got, `"https://éé`) || !strings.Contains(got, "…") || !strings.HasSuffix(got, `éé/end" (4012 bytes)`) ||
		len(got) > quotedHead+quotedTail+40 || !utf8.ValidString(got) {
		t.Errorf("long value quoted as %s", got)
	}
}

// TestSubjectCapKeepsDistinctSubjects: two long subjects that differ only
// in the elided middle stay distinct; a short one is kept.
func TestSubjectCapKeepsDistinctSubjects(t *testing.T) {
	a := strings.Repeat("a", 3000) + "x" + strings.Repeat("a", 3000)
	b := strings.Repeat("a", 3000) + "y" + strings.Repeat("a", 3000)
	ca, cb := capSubject(a), capSubject(b)
	if ca == cb || len(ca) > MaxMessageBytes || capSubject("short") != "short" {
		t.Errorf("capped subjects: %q vs %q", ca, cb)
	}
}
