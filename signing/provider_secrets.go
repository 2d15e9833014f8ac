package signing

import (
	"bytes"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// ProviderSecrets runs the secret detectors on one file (commit "" for
// the working tree). Generic assignments on a line another search already
// reported (a signing password, the updater key) are left to that rule;
// so are those in workflows that TA-GIT-006 reads.
func ProviderSecrets(d *secretrules.Detector, p string, data []byte, commit Hash, taken []SecretHit) []SecretHit {
	if d == nil {
		return nil
	}
	c := ""
	if !commit.IsZero() {
		c = commit.String()
	}
	var out []SecretHit
	fixture := IsFixturePath(p) || testOrDevFile(p)
	for _, m := range d.Scan(p, data, c) {
		if m.RuleID == "generic-api-key" && !m.Custom && (lineTaken(taken, m.Line) || namesSecretVariable(lineOf(data, m.Offset), secretVarPrefixes)) {
			continue
		}
		out = append(out, SecretHit{Kind: ProviderSecret, Path: p, Line: m.Line, Col: m.Col, EndCol: m.EndCol,
			Offset: m.Offset, End: m.End, What: m.Description, Subject: m.RuleID, Commit: commit, Fixture: fixture,
			Identity: m.Identity, Shown: redact(m.Secret), Rule: m.RuleID, Provider: m.Provider, Detail: m.Detail, Level: m.Level, Custom: m.Custom})
	}
	return out
}

func lineTaken(hits []SecretHit, line int) bool {
	for _, h := range hits {
		if h.Line == line {
			return true
		}
	}
	return false
}

func lineOf(data []byte, off int) []byte {
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	le := bytes.IndexByte(data[off:], '\n')
	if le < 0 {
		return data[ls:]
	}
	return data[ls : off+le]
}

// redact keeps enough of a secret to find it, not to use it; a PEM
// header is shown whole.
func redact(s string) string {
	switch {
	case strings.HasPrefix(s, "-----BEGIN"):
		return s
	case len(s) <= 12:
		return s[:min(len(s), 4)] + "…"
	}
	return s[:8] + "…"
}

// testOrDevFile reports test sources (*.test.ts, *_test.go, test_*.py,
// *.spec.js) and development-only folders (dev, mock, demo, sample):
// credentials there are usually made for the tests, so reported as notes.
func testOrDevFile(p string) bool {
	l := strings.ToLower(p)
	for _, seg := range strings.Split(path.Dir(l), "/") {
		switch seg {
		case "dev", "mock", "mocks", "demo", "demos", "sample", "samples", "example", "testing", "e2e":
			return true
		}
	}
	b := path.Base(l)
	return strings.Contains(b, ".test.") || strings.Contains(b, ".spec.") || strings.Contains(b, "_test.") ||
		strings.HasPrefix(b, "test_")
}
