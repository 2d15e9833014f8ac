package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionSelfScan runs tauriaudit's workflow rules on its own action and
// example: in a scratch repository a workflow hands attacker-controlled text
// (a pull request's title) to every input of the action as a local action,
// beside the example workflow. Neither may give a finding; the same scan
// with an input spliced into a run: script must (TA-DEP-017), or the
// check proves nothing.
func TestActionSelfScan(t *testing.T) {
	var meta actionMeta
	action := string(readYAML(t, actionPath, &meta))
	if got := selfScanFindings(t, action); len(got) > 0 {
		t.Errorf("findings on the action or the example:\n%s", strings.Join(got, "\n"))
	}

	spliced := strings.Replace(action, `run: bash "$GITHUB_ACTION_PATH/scripts/action-scan.sh"`,
		`run: echo "${{ inputs.path }}"`, 1)
	if spliced == action {
		t.Fatal("the scan step's run: line changed; update this test")
	}
	got := selfScanFindings(t, spliced)
	if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "TA-DEP-017 action.yml") {
		t.Errorf("an input spliced into run: was not reported; findings: %v", got)
	}
}

// selfScanFindings scans a scratch repository holding action and the
// example workflow and lists the findings on workflow or action files.
func selfScanFindings(t *testing.T, action string) []string {
	t.Helper()
	var meta actionMeta
	readYAML(t, actionPath, &meta)
	root := t.TempDir()
	writeFile(t, root, "action.yml", action)
	for _, script := range []string{"action-install.sh", "action-scan.sh"} {
		body, err := os.ReadFile(filepath.Join("../../scripts", script))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, root, "scripts/"+script, string(body))
	}
	example, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, ".github/workflows/example.yml", string(example))
	writeFile(t, root, ".github/workflows/hostile.yml", hostileCaller(t, &meta))
	writeFile(t, root, "src-tauri/tauri.conf.json", `{"identifier": "com.example.selfscan"}`)

	out, stderr, code := invoke(t, "scan", "--format", "json", "--fail-on", "none", root)
	if code != 0 {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	var doc struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Message  string `json:"message"`
			Location struct {
				File string `json:"file"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		file := f.Location.File
		if file == "action.yml" || strings.HasPrefix(file, ".github/") || strings.HasPrefix(file, "scripts/") {
			got = append(got, f.RuleID+" "+file+": "+f.Message)
		}
	}
	return got
}

// hostileCaller is a workflow that runs the local action on pull requests
// with a pull request's title in every input.
func hostileCaller(t *testing.T, meta *actionMeta) string {
	var b strings.Builder
	b.WriteString(`name: hostile
on: pull_request
permissions:
  contents: read
  security-events: write
  actions: read
jobs:
  audit:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with:
`)
	for _, in := range fields(t, &meta.Inputs) {
		b.WriteString("          " + in.name + ": ${{ github.event.pull_request.title }}\n")
	}
	return b.String()
}
