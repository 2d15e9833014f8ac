package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/report/sarifschema"
)

// TestSARIFInRepositorySubfolder scans an app two folders below the top
// of a git repository with a history audit, as the action does with
// `path: apps/desktop`: every result names a file relative to the
// repository root and a start line, commit and tag findings included,
// and each result is rated in its level's band.
func TestSARIFInRepositorySubfolder(t *testing.T) {
	r := newGitRepo(t, "sha1", "apps/desktop")
	r.write(remoteRel, remoteCap)
	r.write(".tauriaudit.toml", "[[ignore]]\nrule = \"TA-CSP-003\"\nreason = \"stale\"\n")
	// A secret committed and removed at the top of the repository,
	// outside the scanned folder: a history finding at ../../.env.
	writeFile(t, r.top, ".env", "TAURI_SIGNING_PRIVATE_KEY=dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5ClJXUlRZMEl5\n")
	r.git("add", "-A")
	r.git("commit", "-qm", "remote capability and a key")
	r.git("rm", "-q", ".env")
	r.git("commit", "-qm", "drop the key")
	r.git("tag", "v1.0.0")

	out, stderr, code := invoke(t, "scan", "--format", "sarif", "--git-all", "--no-cache", r.app)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	for _, err := range sarifschema.CheckGitHub([]byte(out)) {
		t.Error(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
					LogicalLocations []struct{ Name string } `json:"logicalLocations"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0]
		uri := loc.PhysicalLocation.ArtifactLocation.URI
		seen[res.RuleID] = uri
		if uri != ".env" && !strings.HasPrefix(uri, "apps/desktop/") {
			t.Errorf("%s at %q: not a path from the repository root", res.RuleID, uri)
		}
		if strings.HasPrefix(res.RuleID, "TA-GIT-00") && res.RuleID <= "TA-GIT-003" && len(loc.LogicalLocations) == 0 {
			t.Errorf("%s at %q has no commit logical location", res.RuleID, uri)
		}
	}
	for rule, uri := range map[string]string{
		"TA-ACL-001": "apps/desktop/src-tauri/capabilities/remote.json",
		"TA-GIT-001": "apps/desktop/src-tauri/tauri.conf.json",
		"TA-GIT-003": "apps/desktop/src-tauri/tauri.conf.json",
		"TA-GIT-004": ".env",
		"TA-CFG-020": "apps/desktop/.tauriaudit.toml",
	} {
		if seen[rule] != uri {
			t.Errorf("%s at %q, want %q (all: %v)", rule, seen[rule], uri, seen)
		}
	}

	text, _, _ := invoke(t, "scan", "--quiet", r.app)
	if !strings.Contains(text, "apps/desktop/src-tauri/capabilities/remote.json:") {
		t.Errorf("text report does not name files from the repository root:\n%s", text)
	}
	js, _, _ := invoke(t, "scan", "--format", "json", r.app)
	if !strings.Contains(js, `"repoPath": "apps/desktop"`) || strings.Contains(js, `"line": 0`) {
		t.Errorf("JSON report lacks repoPath or has a line 0")
	}
}

// --repo-root names the root explicitly and must hold the scanned folder.
func TestRepoRootFlag(t *testing.T) {
	out, _, code := invoke(t, "scan", "--quiet", "--repo-root", "../..", "../../testdata/demo-app")
	if code != 1 || !strings.Contains(out, "testdata/demo-app/src-tauri/tauri.conf.json:") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if _, stderr, code := invoke(t, "scan", "--repo-root", t.TempDir(), "../../testdata/demo-app"); code != 2 || !strings.Contains(stderr, "--repo-root") {
		t.Errorf("a root that does not hold PATH: exit %d, %s", code, stderr)
	}
}
