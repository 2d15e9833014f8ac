package signing

import "regexp"

// knownTokens are credential formats whose prefix and length identify
// them, so a literal one in a workflow is a leaked credential whatever
// variable or input holds it.
var knownTokens = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`)},
	{"npm token", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
	{"GitLab token", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20}\b`)},
	{"Docker Hub token", regexp.MustCompile(`\bdckr_pat_[A-Za-z0-9_-]{27}\b`)},
	{"PyPI token", regexp.MustCompile(`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`)},
	{"Slack token", regexp.MustCompile(`\bxox[abpors]-[0-9]{10,13}-[A-Za-z0-9-]{10,}`)},
	{"AWS access key", regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
}

// LiteralToken returns the kind of the first well-known credential
// literal in text ("GitHub token", …) and where it is, or "" when there
// is none.
func LiteralToken(text string) (kind string, start, end int) {
	for _, t := range knownTokens {
		if loc := t.re.FindStringIndex(text); loc != nil {
			return t.kind, loc[0], loc[1]
		}
	}
	return "", 0, 0
}
