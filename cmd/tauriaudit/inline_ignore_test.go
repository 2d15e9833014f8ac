package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestInlineIgnore: a tauriaudit-ignore comment in a workflow suppresses
// the finding on its line (SARIF suppression kind inSource), leaves the
// same rule's finding on another line alone, and a stale comment is
// reported at its own file and line.
func TestInlineIgnore(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "src-tauri/tauri.conf.json", `{"identifier": "com.example.inline"}`)
	writeFile(t, dir, ".github/workflows/ci.yml", `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4 # tauriaudit-ignore TA-DEP-008: GitHub's own action, pinned by Dependabot
      - uses: actions/setup-node@v4
      # tauriaudit-ignore action-not-sha-pinned: nothing on the next line
      - run: echo ok
`)
	out, stderr, code := invoke(t, "scan", "--format", "json", "--repo-root", dir, dir)
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	var doc struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Message  string `json:"message"`
			Location struct {
				File  string             `json:"file"`
				Start struct{ Line int } `json:"start"`
			} `json:"location"`
			Suppressed *struct {
				Source string `json:"source"`
				Inline bool   `json:"inline"`
			} `json:"suppressed"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range doc.Findings {
		if f.Location.File != ".github/workflows/ci.yml" {
			continue
		}
		state := "reported"
		if s := f.Suppressed; s != nil {
			state = "suppressed by " + s.Source
			if !s.Inline {
				state += " (not inline)"
			}
		}
		got[f.RuleID+"@"+strconv.Itoa(f.Location.Start.Line)] = state
	}
	want := map[string]string{
		"TA-DEP-008@6": "suppressed by .github/workflows/ci.yml:6",
		"TA-DEP-008@7": "reported",
		"TA-CFG-020@8": "reported",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	sarif, _, _ := invoke(t, "scan", "--format", "sarif", "--repo-root", dir, dir)
	if !strings.Contains(sarif, `"kind": "inSource"`) {
		t.Error("the inline suppression is not kind inSource in SARIF")
	}
}
