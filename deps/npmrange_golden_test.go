package deps

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestNpmRangeGolden compares ParseNpmRange with node-semver's verdicts
// recorded by testdata/deps/npm_semver_golden.js: validity, the desugared
// range string and which of a set of versions satisfy each range.
func TestNpmRangeGolden(t *testing.T) {
	data, err := os.ReadFile("../testdata/deps/npm_semver_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		NodeSemver string `json:"node_semver"`
		Versions   []string
		Cases      []struct {
			Range     string
			Desugared *string
			Satisfies []string
		}
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 1000 {
		t.Fatalf("only %d golden cases", len(g.Cases))
	}
	for _, c := range g.Cases {
		r, err := ParseNpmRange(c.Range)
		if (err == nil) != (c.Desugared != nil) {
			t.Errorf("%q: error %v, node-semver %s says valid=%v", c.Range, err, g.NodeSemver, c.Desugared != nil)
			continue
		}
		if err != nil {
			continue
		}
		if r.String() != *c.Desugared {
			t.Errorf("%q desugars to %q, node-semver to %q", c.Range, r.String(), *c.Desugared)
		}
		var got []string
		for _, v := range g.Versions {
			if r.MatchesString(v) {
				got = append(got, v)
			}
		}
		if strings.Join(got, " ") != strings.Join(c.Satisfies, " ") {
			t.Errorf("%q is satisfied by %v, node-semver says %v", c.Range, got, c.Satisfies)
		}
	}
}
