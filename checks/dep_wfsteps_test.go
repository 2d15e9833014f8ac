package checks

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
)

// A composite action's step run by two jobs is reported once, at its own
// line, in the signing job's context, with that job's calling step as a
// related location.
func TestGraphStepReportedOnceWithCaller(t *testing.T) {
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)},
		".github/actions/setup/action.yml": {Data: []byte("runs:\n  using: composite\n  steps:\n" +
			"    - uses: actions/setup-node@v4\n" +
			"    - shell: bash\n      run: curl -fsSL https://example.com/i.sh | sh\n")},
		".github/workflows/ci.yml": {Data: []byte("on: push\njobs:\n" +
			"  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n" +
			"  release:\n    runs-on: ubuntu-latest\n    env:\n      TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.K }}\n" +
			"    steps:\n      - uses: ./.github/actions/setup\n")},
	}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), projects, []*rules.Rule{ActionNotSHAPinned, RemoteScriptInBuild})
	got := map[string]int{}
	for _, f := range res.Findings {
		got[f.RuleID]++
		if f.Location.File != ".github/actions/setup/action.yml" {
			t.Errorf("%s reported at %s, want the action's own file", f.RuleID, f.Location.File)
		}
		if f.Level != rules.Error {
			t.Errorf("%s: level %s, want error (the release job holds a signing key)", f.RuleID, f.Level)
		}
		if len(f.Related) != 1 || f.Related[0].Location.File != ".github/workflows/ci.yml" || f.Related[0].Location.Start.Line != 12 {
			t.Errorf("%s: related %+v, want the release job's uses: at ci.yml:12", f.RuleID, f.Related)
		}
	}
	if got[ActionNotSHAPinned.ID] != 1 || got[RemoteScriptInBuild.ID] != 1 {
		t.Errorf("findings per rule = %v, want one each", got)
	}
}
