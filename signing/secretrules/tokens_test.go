package secretrules

import "testing"

func TestTokens(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	for _, tc := range []struct{ text, rule string }{
		{"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", "github-pat"},
		{"ghp_tauriAuditFakeToken0ghpZq8Lm1W3LrtFw", ""}, // checksum off by one
		{"ghp_a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2", ""}, // the old list's shape, no checksum
		{"echo //registry.npmjs.org/:_authToken=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 > .npmrc", "npm-access-token"},
		{"AKIAQ3TAURIAUDIT7ZZQ", "aws-access-token"},
		{"AKIAIOSFODNN7EXAMPLE", ""}, // AWS's documented example
		{"${{ secrets.GH_TOKEN }}", ""},
		{"x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", ""},                                  // part of a longer name
		{"password = gojjHRg80USP2W5DfJXcaYio", ""},                                        // generic: needs a secret file
		{"-----BEGIN RSA PRIVATE KEY-----", ""},                                            // a body spans lines
		{"token: sk_test_51sqxezy3Lex7BWr2drgd1QsO7jprBGumXxY9B4bZW", "stripe-test-token"}, // a note, still found
	} {
		ms := d.Tokens(tc.text)
		got := ""
		if len(ms) > 0 {
			got = ms[0].RuleID
		}
		if got != tc.rule {
			t.Errorf("Tokens(%q) = %q, want %q", tc.text, got, tc.rule)
		}
	}
	if !d.OneLineRule("github-pat") || d.OneLineRule("generic-api-key") || d.OneLineRule("private-key") || d.OneLineRule("nope") {
		t.Error("OneLineRule")
	}
	if ms := d.Tokens("AKIAQ3TAURIAUDIT7ZZQ"); len(ms) != 1 || ms[0].Level != Warning {
		t.Errorf("an AWS key id alone: %+v, want one warning", ms)
	}
}
