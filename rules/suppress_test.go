package rules

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// badToken is a tiny test rule: one finding per CSP token "BAD" in the base
// config, with the token as subject.
var badToken = &Rule{ID: "TA-CSP-999", Name: "bad-token", Title: "t", Doc: "d", Level: Warning, Severity: 5.0,
	Run: func(p *Pass) error {
		n := p.Project.Base.Root.Get("app").Get("security").Get("csp")
		s := n.String()
		for i := strings.Index(s, "BAD"); i >= 0; {
			loc := n.File.Span(n.Start+1+i, n.Start+4+i) // the token inside the string
			p.Reportf(loc, "BAD", "found BAD")
			j := strings.Index(s[i+1:], "BAD")
			if j < 0 {
				break
			}
			i += j + 1
		}
		return nil
	}}

func runOn(t *testing.T, config string) *Result {
	t.Helper()
	ps, err := LoadFS(context.Background(), fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(config)}}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), ps, []*Rule{badToken})
}

func TestFingerprintSurvivesLineShifts(t *testing.T) {
	a := runOn(t, `{"identifier": "x", "app": {"security": {"csp": "BAD"}}}`)
	b := runOn(t, "{\n\n\n  \"identifier\": \"x\",\n  \"productName\": \"added\",\n  \"app\": {\"security\": {\"csp\": \"BAD\"}}\n}")
	if len(a.Findings) != 1 || len(b.Findings) != 1 {
		t.Fatalf("findings %d and %d, want 1 each", len(a.Findings), len(b.Findings))
	}
	if a.Findings[0].Location.Start.Line == b.Findings[0].Location.Start.Line {
		t.Fatal("test setup: the finding should have moved")
	}
	if a.Findings[0].Fingerprint != b.Findings[0].Fingerprint {
		t.Error("fingerprint changed when unrelated lines moved")
	}
	c := runOn(t, `{"identifier": "x", "app": {"security": {"csp": "BAD BAD"}}}`)
	if c.Findings[0].Fingerprint == c.Findings[1].Fingerprint {
		t.Error("two findings with the same subject in one file need distinct fingerprints")
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	old := runOn(t, `{"identifier": "x", "app": {"security": {"csp": "BAD"}}}`)
	var buf strings.Builder
	if err := NewBaseline(old.Findings).Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline([]byte(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	now := runOn(t, "{\"identifier\": \"x\",\n \"app\": {\"security\": {\"csp\": \"BAD BAD\"}}}")
	b.Apply(now, "base.json")
	var fresh int
	for _, f := range now.Findings {
		if f.Suppressed == nil {
			fresh++
		}
	}
	if fresh != 1 || Failing(now.Findings, Warning) != 1 {
		t.Errorf("new findings %d, want 1 (the second BAD)", fresh)
	}
	if _, err := ReadBaseline([]byte(`{"schema": "other"}`)); err == nil {
		t.Error("want an error for a foreign schema")
	}
}

func parseConfig(t *testing.T, text string) (*Config, error) {
	t.Helper()
	return ParseConfig(source.NewFile(".tauriaudit.toml", []byte(text)), []*Rule{badToken, IgnoreExpired, IgnoreUnused})
}

func TestConfigErrorsArePositioned(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"disable = [\"nope\"]\n", `.tauriaudit.toml:1:12: unknown rule "nope"`},
		{"[[ignore]]\nrule = \"bad-token\"\n", `.tauriaudit.toml:1:1: ignore entry for TA-CSP-999 needs a reason`},
		{"[[ignore]]\nrule = \"bad-token\"\nreason = \"x\"\nuntil = \"soon\"\n", `.tauriaudit.toml:4:9: until must be a date`},
		{"[levels]\nbad-token = \"fatal\"\n", `.tauriaudit.toml:2:13: level must be`},
		{"colour = true\n", `.tauriaudit.toml:1:10: unknown key "colour"`},
		{"enable = [\n", `.tauriaudit.toml:`},
	} {
		_, err := parseConfig(t, tc.text)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want prefix %q", tc.text, err, tc.want)
		}
	}
}

func TestIgnoresExpiryAndUnused(t *testing.T) {
	cfg, err := parseConfig(t, `
exclude = ["vendor/**"]
[levels]
bad-token = "error"
[[ignore]]
rule = "TA-CSP-999"
path = "src-tauri/*.json"
reason = "accepted for the demo"
until = 2026-12-31
[[ignore]]
rule = "bad-token"
subject = "something else"
reason = "never matches"
`)
	if err != nil {
		t.Fatal(err)
	}
	res := runOn(t, `{"identifier": "x", "app": {"security": {"csp": "BAD"}}}`)
	cfg.Apply(res, time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC))
	got := summarize(res)
	if got != "TA-CFG-020 note unsuppressed|TA-CSP-999 error suppressed" {
		t.Errorf("before expiry: %s", got)
	}
	cfg2, _ := parseConfig(t, "[[ignore]]\nrule = \"TA-CSP-999\"\nreason = \"r\"\nuntil = 2026-01-01\n")
	res = runOn(t, `{"identifier": "x", "app": {"security": {"csp": "BAD"}}}`)
	cfg2.Apply(res, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	if got := summarize(res); got != "TA-CFG-019 warning unsuppressed|TA-CSP-999 warning unsuppressed" {
		t.Errorf("after expiry: %s", got)
	}
}

func summarize(res *Result) string {
	var parts []string
	for _, f := range res.Findings {
		s := "unsuppressed"
		if f.Suppressed != nil {
			s = "suppressed"
		}
		parts = append(parts, f.RuleID+" "+string(f.Level)+" "+s)
	}
	slices.Sort(parts)
	return strings.Join(parts, "|")
}

func TestSelect(t *testing.T) {
	cfg, err := parseConfig(t, "disable = [\"ignore-unused\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.Select([]*Rule{badToken, IgnoreUnused})
	if len(got) != 1 || got[0] != badToken {
		t.Errorf("select: %v", got)
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"src-tauri/*.json", "src-tauri/tauri.conf.json", true},
		{"src-tauri/*.json", "src-tauri/capabilities/a.json", false},
		{"**/fixtures/**", "a/b/fixtures/c/d.json", true},
		{"**/fixtures/**", "fixtures/x", true},
		{"examples/**", "examples/app/tauri.conf.json", true},
		{"examples/**", "src/examples", false},
	} {
		if got := matchGlob(tc.glob, tc.path); got != tc.want {
			t.Errorf("matchGlob(%q, %q) = %v", tc.glob, tc.path, got)
		}
	}
}

func TestConfigReleaseTags(t *testing.T) {
	c, err := parseConfig(t, "release_tags = [\"v*\", \"desktop/v*\"]\n")
	if err != nil || !slices.Equal(c.ReleaseTags, []string{"v*", "desktop/v*"}) {
		t.Fatalf("got %v, %v", c, err)
	}
	if _, err := parseConfig(t, "release_tags = [\"v*\", \"[\"]\n"); err == nil || !strings.Contains(err.Error(), ":1:") || !strings.Contains(err.Error(), "bad glob") {
		t.Errorf("bad glob: %v", err)
	}
}
