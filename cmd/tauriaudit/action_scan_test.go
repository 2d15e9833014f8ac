package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// parseOutputs reads NAME=VALUE lines as GitHub reads $GITHUB_OUTPUT.
func parseOutputs(data string) map[string]string {
	outs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(data), "\n") {
		if name, value, ok := strings.Cut(line, "="); ok {
			outs[name] = value
		}
	}
	return outs
}

// runActionScan runs scripts/action-scan.sh from the repository root with
// the TA_* environment the action gives it; it returns the step outputs and
// the job summary.
func runActionScan(t *testing.T, bin string, env ...string) (map[string]string, string) {
	t.Helper()
	tmp := t.TempDir()
	ghOut, summary := filepath.Join(tmp, "output"), filepath.Join(tmp, "summary.md")
	cmd := exec.Command("bash", "scripts/action-scan.sh")
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "TA_BIN="+bin, "GITHUB_OUTPUT="+ghOut, "GITHUB_STEP_SUMMARY="+summary,
		"TA_SARIF="+filepath.Join(tmp, "out.sarif"))
	cmd.Env = append(cmd.Env, env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("action-scan.sh: %v\n%s", err, out)
	}
	written, _ := os.ReadFile(ghOut)
	md, _ := os.ReadFile(summary)
	return parseOutputs(string(written)), string(md)
}

// TestActionSourceBuildAndScan installs tauriaudit the way the action does
// without a version (a build from the action's checkout), then runs the
// scan step on the demo app: its counts must equal the JSON report's summary.
func TestActionSourceBuildAndScan(t *testing.T) {
	needTools(t, "bash", "jq")
	r := runInstall(t, "TA_VERSION=", "RUNNER_OS=Linux", "TA_SOURCE_DIR=../..")
	if r.err != nil {
		t.Fatalf("source build failed: %v\n%s", r.err, r.out)
	}

	jsonOut, _, _ := invoke(t, "scan", "--format", "json", "../../testdata/demo-app")
	var report struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &report); err != nil {
		t.Fatal(err)
	}

	outs, summary := runActionScan(t, r.bin, "TA_PATH=./testdata/demo-app/", "TA_PLATFORM=linux")
	if outs["status"] != "1" {
		t.Errorf("status %q, want 1 (the demo app has errors)", outs["status"])
	}
	if outs["category"] != "tauriaudit/testdata/demo-app" {
		t.Errorf("category %q", outs["category"])
	}
	if _, err := os.Stat(outs["sarif-file"]); err != nil {
		t.Errorf("sarif-file output %q: %v", outs["sarif-file"], err)
	}
	if !strings.Contains(summary, "TA-") || !strings.Contains(summary, "capabilit") {
		t.Errorf("job summary lacks the report or the ACL:\n%.400s", summary)
	}

	all, _ := runActionScan(t, r.bin, "TA_PATH=testdata/demo-app", "TA_CATEGORY=mine")
	if all["category"] != "mine" {
		t.Errorf("category input ignored: %q", all["category"])
	}
	for level, name := range map[string]string{"error": "errors", "warning": "warnings", "note": "notes"} {
		if got := all[name]; got != strconv.Itoa(report.Summary[level]) {
			t.Errorf("%s output %q, JSON summary %d", name, got, report.Summary[level])
		}
	}
	if report.Summary["error"] == 0 {
		t.Fatal("the demo app should have errors")
	}
	// The demo app's Windows-only findings drop out under --platform linux.
	if outs["errors"] == "" || outs["errors"] == all["errors"] {
		t.Errorf("platform input ignored: %s errors for linux, %s for every platform", outs["errors"], all["errors"])
	}
}

// TestActionScanUnusable: a scan that cannot run reports status 2 and no
// SARIF file, so the action skips the upload and fails.
func TestActionScanUnusable(t *testing.T) {
	needTools(t, "bash")
	bin := filepath.Join(t.TempDir(), "tauriaudit")
	script := "#!/bin/sh\necho 'tauriaudit: no Tauri app found' >&2\nexit 2\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	outs, _ := runActionScan(t, bin, "TA_PATH=.")
	if outs["status"] != "2" || outs["sarif-file"] != "" || outs["category"] != "tauriaudit" {
		t.Errorf("outputs %v, want status 2, no sarif-file, category tauriaudit", outs)
	}
}
