package signing

import (
	"strings"
	"testing"
)

func TestLiteralToken(t *testing.T) {
	gh := "ghp_" + strings.Repeat("a1B2", 9)
	for _, tc := range []struct{ text, kind string }{
		{gh, "GitHub token"},
		{"echo //registry.npmjs.org/:_authToken=npm_" + strings.Repeat("x", 36) + " > .npmrc", "npm token"},
		{"AKIAQ3TAURIAUDIT7ZZQ", "AWS access key"},
		{"AKIAIOSFODNN7EXAMPLE", ""}, // AWS's documented example
		{"AKIAIOSFODNN7EXAMPLE AKIAQ3TAURIAUDIT7ZZQ", "AWS access key"},
		{"ghp_short", ""},
		{"${{ secrets.GH_TOKEN }}", ""},
		{"xghp_" + strings.Repeat("a", 36), ""}, // no word boundary: part of a longer name
	} {
		kind, start, end := LiteralToken(tc.text)
		if kind != tc.kind {
			t.Errorf("LiteralToken(%q) = %q, want %q", tc.text, kind, tc.kind)
		}
		if kind != "" && !strings.HasPrefix(tc.text[start:end], tc.text[start:start+3]) {
			t.Errorf("span %d:%d", start, end)
		}
	}
	if _, s, e := LiteralToken("token: " + gh); s != 7 || e != 7+len(gh) {
		t.Errorf("span = %d:%d", s, e)
	}
}
