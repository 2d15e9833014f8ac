package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

var inlineRules = []*Rule{
	{ID: "TA-CSP-003", Name: "csp-unsafe-eval", Level: Warning},
	{ID: "TA-CSP-001", Name: "csp-missing", Level: Warning},
	IgnoreExpired, IgnoreUnused,
}

func findingAt(rule, file string, line int) Finding {
	return Finding{RuleID: rule, Level: Warning, Message: rule + " at " + file, Location: source.Location{File: file, Start: source.Pos{Line: line, Col: 1}}}
}

// inlineRun applies the comments of files (path → content) to findings
// and returns the result.
func inlineRun(files map[string]string, now time.Time, fs ...Finding) *Result {
	set := &source.FileSet{}
	for p, data := range files {
		set.Add(source.NewFile(p, []byte(data)))
	}
	res := &Result{Findings: fs}
	ApplyInline(res, set, inlineRules, now)
	return res
}

func suppressedAt(res *Result, rule, file string, line int) *Suppression {
	for _, f := range res.Findings {
		if f.RuleID == rule && f.Location.File == file && f.Location.Start.Line == line {
			return f.Suppressed
		}
	}
	return nil
}

func metaAt(res *Result, rule string, line int) *Finding {
	for i, f := range res.Findings {
		if f.RuleID == rule && f.Location.Start.Line == line {
			return &res.Findings[i]
		}
	}
	return nil
}

func TestInlineSuppression(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	conf := `{
  "csp": "script-src 'unsafe-eval'", // tauriaudit-ignore TA-CSP-003: legacy templates
  // tauriaudit-ignore csp-missing, TA-CSP-003 until=2027-01-31: migrating
  "devCsp": null,
  "a": 1, // tauriaudit-ignore TA-CSP-001: trailing, so it covers its own line only
  "b": 2,
  "note": "tauriaudit-ignore TA-CSP-003: in a string, not a comment",
  /* tauriaudit-ignore TA-CSP-003 until=2026-01-01: expired */
  "c": 3,
  // tauriaudit-ignore TA-CSP-003:
  "d": 4
}`
	res := inlineRun(map[string]string{"src-tauri/tauri.conf.json5": conf, "other.json5": "{}\n{}\n"}, now,
		findingAt("TA-CSP-003", "src-tauri/tauri.conf.json5", 2),
		findingAt("TA-CSP-001", "src-tauri/tauri.conf.json5", 4),
		findingAt("TA-CSP-003", "src-tauri/tauri.conf.json5", 4),
		findingAt("TA-CSP-001", "src-tauri/tauri.conf.json5", 6),
		findingAt("TA-CSP-003", "src-tauri/tauri.conf.json5", 7),
		findingAt("TA-CSP-003", "src-tauri/tauri.conf.json5", 9),
		findingAt("TA-CSP-003", "src-tauri/tauri.conf.json5", 11),
		findingAt("TA-CSP-003", "other.json5", 2), // same line as a comment, other file
	)
	const file = "src-tauri/tauri.conf.json5"
	if s := suppressedAt(res, "TA-CSP-003", file, 2); s == nil || s.Reason != "legacy templates" || !s.Inline || s.Source != file+":2" {
		t.Errorf("trailing comment: suppression %+v", s)
	}
	for _, rule := range []string{"TA-CSP-001", "TA-CSP-003"} {
		if s := suppressedAt(res, rule, file, 4); s == nil || s.Reason != "migrating" {
			t.Errorf("comment alone on the line above, %s: suppression %+v", rule, s)
		}
	}
	for _, c := range []struct {
		rule, file string
		line       int
		why        string
	}{
		{"TA-CSP-001", file, 6, "a trailing comment does not reach the next line"},
		{"TA-CSP-003", file, 7, "the marker is in a string"},
		{"TA-CSP-003", file, 9, "the ignore expired"},
		{"TA-CSP-003", file, 11, "the ignore has no reason"},
		{"TA-CSP-003", "other.json5", 2, "the comment is in another file"},
	} {
		if s := suppressedAt(res, c.rule, c.file, c.line); s != nil {
			t.Errorf("%s %s:%d suppressed although %s", c.rule, c.file, c.line, c.why)
		}
	}
	if m := metaAt(res, "TA-CFG-019", 8); m == nil || !strings.Contains(m.Message, "expired on 2026-01-01") || m.Location.File != file {
		t.Errorf("expired comment: %+v", m)
	}
	if m := metaAt(res, "TA-CFG-020", 10); m == nil || m.Level != Warning || !strings.Contains(m.Message, "reason") {
		t.Errorf("comment without a reason: %+v", m)
	}
	if m := metaAt(res, "TA-CFG-020", 5); m == nil || !strings.HasSuffix(m.Message, "no finding on this line") {
		t.Errorf("the trailing TA-CSP-001 ignore on line 5 covers no finding on line 5, so it is unused: %+v", m)
	}
}

func TestInlineUnusedAndUnsupported(t *testing.T) {
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	res := inlineRun(map[string]string{
		"Cargo.toml":                    "[dependencies]\n# tauriaudit-ignore TA-CSP-003: nothing here\nx = \"1\"\n",
		"src-tauri/capabilities/a.json": "{} // tauriaudit-ignore TA-CSP-003: JSON has no comments\n",
		"src/main.rs":                   "fn main() {} // tauriaudit-ignore TA-NOPE-001: typo\n",
	}, now, findingAt("TA-CSP-003", "src-tauri/capabilities/a.json", 1))
	if m := metaAt(res, "TA-CFG-020", 2); m == nil || m.Location.File != "Cargo.toml" || m.Level != Note {
		t.Errorf("unused TOML comment: %+v", m)
	}
	if s := suppressedAt(res, "TA-CSP-003", "src-tauri/capabilities/a.json", 1); s != nil {
		t.Error("a comment in a .json file suppressed a finding")
	}
	var bad *Finding
	for i, f := range res.Findings {
		if f.Location.File == "src/main.rs" {
			bad = &res.Findings[i]
		}
	}
	if bad == nil || !strings.Contains(bad.Message, `unknown rule "TA-NOPE-001"`) {
		t.Errorf("unknown rule in a Rust comment: %+v", bad)
	}
}

// FuzzInlineIgnores: any content in each comment style yields
// directives without panicking, each inside the file.
func FuzzInlineIgnores(f *testing.F) {
	names := []string{"a.json5", "x.toml", "m.rs", "w.yml", "v.ts"}
	f.Add(uint8(0), "// tauriaudit-ignore TA-CSP-003: r\n")
	f.Add(uint8(1), "a = '''# tauriaudit-ignore'''\n# tauriaudit-ignore csp-missing until=2027-13-40: r")
	f.Add(uint8(2), "/* /* tauriaudit-ignore TA-CSP-003: */ r#\"")
	f.Add(uint8(3), "k: 'v # tauriaudit-ignore TA-CSP-003: x\n- \"")
	f.Fuzz(func(t *testing.T, style uint8, data string) {
		file := source.NewFile(names[int(style)%len(names)], []byte(data))
		for _, ig := range inlineIgnores(file, inlineRules) {
			if ig.Loc.Start.Offset < 0 || ig.Loc.End.Offset > len(data) {
				t.Fatalf("directive outside the file: %+v", ig.Loc)
			}
		}
	})
}
