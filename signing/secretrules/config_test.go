package secretrules

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

const teamConfig = `title = "team rules"
[extend]
useDefault = true
disabledRules = ["gcp-api-key"]

[[rules]]
id = "acme-token"
description = "ACME internal token"
regex = '''acme_(?P<tok>[a-z0-9]{24})'''
secretGroup = 1
keywords = ["acme_"]
  [[rules.allowlists]]
  stopwords = ["sandbox"]

[[rules]]
id = "broken"
regex = '''(?<=x)token'''

[[allowlists]]
paths = ['''^vendor/''']
[[allowlists]]
condition = "AND"
regexTarget = "line"
regexes = ['''#\s*gitleaks:allow''']
`

func TestGitleaksConfig(t *testing.T) {
	repo, errs := ParseGitleaks([]byte(teamConfig))
	if len(errs) != 1 || errs[0].Line != 17 || !strings.Contains(errs[0].Msg, "broken") {
		t.Fatalf("errors %+v, want the broken rule at line 17", errs)
	}
	d := NewDetector(Builtin().Merge(repo), ParseIgnore([]byte("# reviewed\nold.txt:acme-token:1\nabc123:hist.txt:acme-token:2\n")))
	cases := []struct {
		file, commit, content string
		want                  []string
	}{
		{"app.env", "", "ACME=acme_q8zt3lmw9xkp2vnr7syd4hcj\n", []string{"acme-token"}},
		{"app.env", "", "ACME=acme_sandboxq8zt3lmw9xkp2vnr7\n", nil},                  // stopword
		{"vendor/x.js", "", "acme_q8zt3lmw9xkp2vnr7syd4hcj", nil},                     // global path allowlist
		{"a.js", "", "k = 'acme_q8zt3lmw9xkp2vnr7syd4hcj' # gitleaks:allow", nil},     // line allowlist
		{"firebase.ts", "", `apiKey: "AIza7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtDDb_xH"`, nil}, // disabled
		{"old.txt", "", "acme_q8zt3lmw9xkp2vnr7syd4hcj", nil},                         // ignored by file:rule:line
		{"hist.txt", "abc123", "\nacme_q8zt3lmw9xkp2vnr7syd4hcj", nil},                // ignored by commit:file:rule:line
		{"hist.txt", "def456", "\nacme_q8zt3lmw9xkp2vnr7syd4hcj", []string{"acme-token"}},
		// A team's rule applies to lockfiles; built-in ones do not.
		{"pnpm-lock.yaml", "", "acme_q8zt3lmw9xkp2vnr7syd4hcj\nghp_" + strings.Repeat("a", 36), []string{"acme-token"}},
	}
	for _, c := range cases {
		var got []string
		for _, m := range d.Scan(c.file, []byte(c.content), c.commit) {
			got = append(got, m.RuleID)
			if m.RuleID == "acme-token" && (m.Secret != "q8zt3lmw9xkp2vnr7syd4hcj" || !m.Custom) {
				t.Errorf("secret group: %+v", m)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s %q: got %v, want %v", c.file, c.content, got, c.want)
		}
	}
}

func TestConfigErrorsNeverPanic(t *testing.T) {
	for _, in := range []string{"[[rules]\n", "[[rules]]\nid='x'\nregex='('\n", "[[rules]]\nregex='a'\n",
		"[[rules]]\nid='x'\nregex='a'\nsecretGroup=3\n", "[[rules]]\nid='x'\npath='['\n", "[[allowlists]]\nregexes=['(']\n"} {
		c, errs := ParseGitleaks([]byte(in))
		if len(errs) == 0 || c == nil {
			t.Errorf("%q: no error reported", in)
		}
		NewDetector(Builtin().Merge(c), nil).Scan("a.env", []byte("x = aaaa"), "")
	}
}

// TestAdversarialInputBounded feeds every detector its worst shapes: a
// keyword repeated over a 4 MB single line, a near-match over and over,
// a PEM header without an end. Time stays linear: well under a second.
func TestAdversarialInputBounded(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	inputs := map[string][]byte{
		"keywords.env":   bytes.Repeat([]byte("api_key=ghp_AKIA xoxb- sk_live_ discord :AA SG. "), 80_000),
		"near.min.js":    bytes.Repeat([]byte("ghp_"+strings.Repeat("a", 35)+" "), 100_000),
		"pem.txt":        bytes.Repeat([]byte("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"), 100_000),
		"generic.env":    bytes.Repeat([]byte("SECRET="+strings.Repeat("Ab1", 70)+"\n"), 20_000),
		"oneline.yml":    bytes.Repeat([]byte("token: "), 600_000),
		"aws.properties": bytes.Repeat([]byte("AKIAQ3TAURIAUDIT7ZZQ "+strings.Repeat("A", 39)+"\n"), 50_000),
	}
	for name, data := range inputs {
		cpu := testenv.StartCPU()
		d.Scan(name, data, "")
		el := cpu.Elapsed()
		t.Logf("%s: %d bytes in %v", name, len(data), el)
		if el > testenv.CPULimit(2*time.Second) {
			t.Errorf("%s (%d bytes): %v", name, len(data), el)
		}
	}
}

// TestBuiltinRulesCompile does for the built-in rules what parse does for
// a repository's at read time: each expression compiles, and its
// secretGroup exists.
func TestBuiltinRulesCompile(t *testing.T) {
	rules := Builtin().Rules
	if len(rules) < 20 {
		t.Fatalf("only %d built-in rules", len(rules))
	}
	for _, r := range rules {
		if r.re == nil {
			continue
		}
		re, err := regexp.Compile(r.re.String())
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if r.secretGroup > re.NumSubexp() {
			t.Errorf("%s: secretGroup %d but %d groups", r.ID, r.secretGroup, re.NumSubexp())
		}
	}
}

func TestBuiltinRulesSkipLockfiles(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	line := []byte("aws configure set aws_access_key_id AKIAQ3TAURIAUDIT7ZZQ\n")
	if len(d.Scan("deploy.sh", line, "")) == 0 {
		t.Fatal("the planted key is not found in a script")
	}
	for _, p := range []string{"pnpm-lock.yaml", "sub/Cargo.lock", "package-lock.json", "x.lock"} {
		if ms := d.Scan(p, line, ""); len(ms) != 0 {
			t.Errorf("%s: %+v", p, ms)
		}
	}
}

// TestConfigSyntaxErrorLine: a configuration TOML cannot read is one
// error at the line where reading failed.
func TestConfigSyntaxErrorLine(t *testing.T) {
	for in, line := range map[string]int{
		"title = 'x'\n\n[[rules]\nid = 'a'\n":                   3,
		"[[rules]]\nid = 'a'\nregex = 'b'\nsecretGroup = 'c'\n": 4,
		"[extend]\nuseDefault = true\nuseDefault = false\n":     3,
	} {
		_, errs := ParseGitleaks([]byte(in))
		if len(errs) != 1 || errs[0].Line != line || !strings.HasPrefix(errs[0].Msg, "not a valid gitleaks configuration: ") {
			t.Errorf("%q: %+v, want one error at line %d", in, errs, line)
		}
	}
}
