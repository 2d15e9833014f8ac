package checks

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules"
)

// wantComment is a fixture's inline expectation, cut before scanning.
var wantComment = regexp.MustCompile(`(?m)\s*# want .*$`)

// fixtureLevels runs rule r over the files of a txtar fixture and
// returns "file:line:level" per finding, sorted: the fixtures check
// messages and positions, this checks the levels they do not see.
func fixtureLevels(t *testing.T, r *rules.Rule, fixture string) []string {
	t.Helper()
	ar, err := txtar.ParseFile("../testdata/checks/" + fixture)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = wantComment.ReplaceAllString(string(f.Data), "")
	}
	var out []string
	for _, f := range scanFiles(t, r, files, rules.LoadOptions{}) {
		out = append(out, f.Location.File+":"+levels([]rules.Finding{f})[0])
	}
	sort.Strings(out)
	return out
}

func TestWorkflowAuditLevels(t *testing.T) {
	const wf = ".github/workflows/"
	for _, tc := range []struct {
		rule    *rules.Rule
		fixture string
		want    []string
	}{
		{ExcessiveTokenPermissions, "TA-DEP-018-permissions.txtar", []string{
			wf + "ci.yml:3:note", wf + "gate.yml:5:note", wf + "greet.yml:3:warning", wf + "shared.yml:3:note", wf + "triage.yml:3:warning",
			wf + "unused.yml:7:note", wf + "writeall.yml:10:warning", wf + "writeall.yml:2:warning"}},
		{CheckoutPersistedCredentials, "TA-DEP-019-persisted.txtar", []string{
			wf + "target.yml:8:warning", wf + "upload.yml:15:warning", wf + "upload.yml:25:note",
			wf + "upload.yml:32:warning", wf + "upload.yml:41:note", wf + "upload.yml:6:warning"}},
		{ReleaseCachePoisoning, "TA-DEP-020-cache.txtar", []string{
			wf + "ci.yml:11:warning", wf + "release.yml:36:note", wf + "release.yml:9:warning"}},
		{SecretsInherit, "TA-DEP-021-inherit.txtar", []string{
			wf + "release.yml:10:warning", wf + "release.yml:13:note", wf + "release.yml:4:note", wf + "release.yml:7:warning"}},
		{DangerousWorkflowTrigger, "TA-DEP-022-triggers.txtar", []string{
			wf + "after.yml:2:warning", wf + "greet.yml:2:note", wf + "label.yml:1:note", wf + "label.yml:1:note",
			wf + "readonly.yml:2:note"}},
	} {
		if got := fixtureLevels(t, tc.rule, tc.fixture); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s levels:\n got %v\nwant %v", tc.rule.ID, got, tc.want)
		}
	}
}

func TestUploadScope(t *testing.T) {
	for _, tc := range []struct {
		path, dir string
		all       bool
	}{
		{".", "", true},
		{"./", "", true},
		{"${{ github.workspace }}", "", true},
		{"$GITHUB_WORKSPACE/**", "", true},
		{"**", "", true},
		{"repo/.git", "", true},
		{"dist/", "dist", false},
		{"./app/**", "app", false},
		{"src-tauri/target/release/bundle", "src-tauri/target/release/bundle", false},
	} {
		if dir, all := uploadScope(tc.path); dir != tc.dir || all != tc.all {
			t.Errorf("uploadScope(%q) = %q %v, want %q %v", tc.path, dir, all, tc.dir, tc.all)
		}
	}
}

func TestTagPushValue(t *testing.T) {
	for _, tc := range []struct {
		v         string
		on, known bool
	}{
		{"true", true, true},
		{"False", false, true},
		{"${{ startsWith(github.ref, 'refs/tags/') }}", true, true},
		{"${{ !startsWith(github.ref, 'refs/tags/') }}", false, true},
		{"${{ github.ref_type == 'tag' }}", true, true},
		{"${{ startsWith(github.ref, 'refs/tags/') && inputs.x }}", false, false},
		{"${{ inputs.fresh }}", false, false},
		{"npm", false, false},
	} {
		if on, known := tagPushValue(tc.v); on != tc.on || known != tc.known {
			t.Errorf("tagPushValue(%q) = %v %v", tc.v, on, known)
		}
	}
}

// The workflow audits stay linear in the workflow's size: a
// pull_request_target workflow with thousands of jobs, and a job with
// thousands of checkouts and uploads, each of which could make a
// per-job or per-checkout search quadratic.
func TestWorkflowAuditsLinear(t *testing.T) {
	var jobs, steps strings.Builder
	jobs.WriteString("on:\n  pull_request_target:\n  push:\n    tags: [v*]\njobs:\n")
	const n = 15000
	for i := range n {
		fmt.Fprintf(&jobs, "  j%d:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.head_ref }}\n      - uses: Swatinem/rust-cache@v2\n", i)
	}
	steps.WriteString("on: issue_comment\njobs:\n  big:\n    runs-on: x\n    env:\n      K: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}\n    steps:\n")
	for i := range n {
		fmt.Fprintf(&steps, "      - uses: actions/checkout@v4\n        with:\n          path: d%d\n      - uses: actions/upload-artifact@v4\n        with:\n          path: e%d\n", i, i)
	}
	steps.WriteString("      - run: npm ci\n")
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json":   {Data: []byte(depConf)},
		".github/workflows/jobs.yml":  {Data: []byte(jobs.String())},
		".github/workflows/steps.yml": {Data: []byte(steps.String())},
	}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	audits := []*rules.Rule{ExcessiveTokenPermissions, CheckoutPersistedCredentials, ReleaseCachePoisoning, SecretsInherit, DangerousWorkflowTrigger}
	cpu := testenv.StartCPU()
	res := rules.Run(context.Background(), projects, audits)
	d := cpu.Elapsed()
	if d > testenv.CPULimit(20*time.Second) {
		t.Fatalf("workflow audits took %v of CPU", d)
	}
	t.Logf("workflow audits: %v of CPU", d)
	count := map[string]int{}
	for _, f := range res.Findings {
		count[f.RuleID]++
	}
	// every checkout of the big job keeps its token for the final npm ci,
	// every job of the other restores a cache on tag pushes: both capped
	capped := rules.MaxFindingsPerFile + 1
	if count[CheckoutPersistedCredentials.ID] != capped || count[ReleaseCachePoisoning.ID] != capped ||
		count[DangerousWorkflowTrigger.ID] != 2 || count[ExcessiveTokenPermissions.ID] != 2 {
		t.Errorf("findings per rule: %v", count)
	}
}
