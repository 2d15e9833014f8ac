package checks

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tauriaudit/tauriaudit/rules"
)

// goTested are rules whose cases need real repositories, signed release
// artifacts, an OSV directory or the suppression step, so they are Go
// tests instead of txtar fixtures: TA-GIT-001..003 in git_history_test.go,
// TA-REL-005..010 in rel_artifacts_test.go (and REL-006 in rel_manifest_test.go, REL-008 in rel_dmg_test.go), TA-DEP-014 in dep_test.go
// (TestOSVAdvisory), TA-CFG-019/020 in rules/suppress_test.go.
var goTested = map[string]bool{
	"TA-GIT-001": true, "TA-GIT-002": true, "TA-GIT-003": true,
	"TA-REL-005": true, "TA-REL-006": true, "TA-REL-007": true, "TA-REL-008": true, "TA-REL-009": true, "TA-REL-010": true,
	"TA-DEP-014": true, "TA-CFG-019": true, "TA-CFG-020": true,
}

var (
	fixtureRules = regexp.MustCompile(`(?m)^rules:(.*)$`)
	// a rule ID or name followed by its message pattern, as in `// want`
	wantRuleID = regexp.MustCompile("([A-Za-z0-9-]+)\\s+[`\"]")
)

// TestEveryRuleHasFixtures: each rule is run by some fixture that expects
// one of its findings, so a rule that never fires fails a test. (Negative
// cases are usually the clean entries beside the bad ones in the same
// fixture, where an unexpected finding fails the fixture itself.)
func TestEveryRuleHasFixtures(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/checks/*.txtar")
	pos := map[string]bool{}
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := fixtureRules.FindStringSubmatch(string(ar.Comment))
		if m == nil {
			continue
		}
		wanted := map[string]bool{}
		for _, f := range ar.Files {
			for _, line := range strings.Split(string(f.Data), "\n") {
				if i := strings.Index(line, "want "); i >= 0 || f.Name == "want" {
					for _, m := range wantRuleID.FindAllStringSubmatch(line[max(i, 0):], -1) {
						if r := rules.Find(All(), m[1]); r != nil {
							wanted[r.ID] = true
						}
					}
				}
			}
		}
		for _, name := range strings.Fields(m[1]) {
			r := rules.Find(All(), name)
			if r == nil {
				continue
			}
			if wanted[r.ID] {
				pos[r.ID] = true
			}
		}
	}
	for _, r := range All() {
		if goTested[r.ID] {
			continue
		}
		if !pos[r.ID] {
			t.Errorf("%s %s: no fixture expects a finding", r.ID, r.Name)
		}
	}
}
