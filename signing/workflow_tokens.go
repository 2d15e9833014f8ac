package signing

import (
	"regexp"
	"strings"
)

// knownTokens are credential formats whose prefix and length identify
// them, so a literal one in a workflow is a leaked credential whatever
// variable or input holds it.
// Each pattern runs only on text holding one of its literal prefixes:
// workflows are mostly text without any, and the scan reads every value
// and run line of every workflow.
var knownTokens = []struct {
	kind     string
	prefixes []string
	re       *regexp.Regexp
}{
	{"GitHub token", []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}, regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`)},
	{"npm token", []string{"npm_"}, regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
	{"GitLab token", []string{"glpat-"}, regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20}\b`)},
	{"Docker Hub token", []string{"dckr_pat_"}, regexp.MustCompile(`\bdckr_pat_[A-Za-z0-9_-]{27}\b`)},
	{"PyPI token", []string{"pypi-AgEIcHlwaS5vcmc"}, regexp.MustCompile(`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`)},
	{"Slack token", []string{"xox"}, regexp.MustCompile(`\bxox[abpors]-[0-9]{10,13}-[A-Za-z0-9-]{10,}`)},
	{"AWS access key", []string{"AKIA", "ASIA"}, regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
}

// LiteralToken returns the kind of the first well-known credential
// literal in text ("GitHub token", …) and where it is, or "" when there
// is none.
func LiteralToken(text string) (kind string, start, end int) {
	for _, t := range knownTokens {
		if !containsAny(text, t.prefixes) {
			continue
		}
		for _, loc := range t.re.FindAllStringIndex(text, -1) {
			if !documentedExample(text[loc[0]:loc[1]]) {
				return t.kind, loc[0], loc[1]
			}
		}
	}
	return "", 0, 0
}

func containsAny(text string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(text, n) {
			return true
		}
	}
	return false
}

// documentedExample reports the providers' published example values
// (AWS's AKIAIOSFODNN7EXAMPLE and the like), which grant nothing.
func documentedExample(token string) bool { return strings.HasSuffix(token, "EXAMPLE") }
