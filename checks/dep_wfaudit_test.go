package checks

import (
	"reflect"
	"regexp"
	"sort"
	"testing"

	"golang.org/x/tools/txtar"

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

func TestUploadedCheckoutGit(t *testing.T) {
	for _, tc := range []struct{ paths, dir, want string }{
		{".", "", "."},
		{"./", "", "./"},
		{"${{ github.workspace }}", "", "${{ github.workspace }}"},
		{"!x\n$GITHUB_WORKSPACE/**", "", "$GITHUB_WORKSPACE/**"},
		{"dist/\nsrc-tauri/target/release/bundle", "", ""},
		{"app", "app", "app"},
		{"./app/**", "app/", "./app/**"},
		{"app/dist", "app", ""},
		{"repo/.git", "", "repo/.git"},
		{"**", "", "**"},
		{"", "", ""},
	} {
		if got := uploadedCheckoutGit(tc.paths, tc.dir); got != tc.want {
			t.Errorf("uploadedCheckoutGit(%q, %q) = %q, want %q", tc.paths, tc.dir, got, tc.want)
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
