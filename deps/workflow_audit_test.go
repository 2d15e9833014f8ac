package deps

import "testing"

func TestActionVersion(t *testing.T) {
	for _, tc := range []struct {
		uses, comment string
		major, minor  int
		ok            bool
	}{
		{"actions/checkout@v4", "", 4, 0, true},
		{"actions/upload-artifact@v4.3.1", "", 4, 3, true},
		{"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "# v4.2.2", 4, 2, true},
		{"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "# pin@v3", 3, 0, true},
		{"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "", 0, 0, false},
		{"actions/checkout@main", "", 0, 0, false},
	} {
		a := ParseActionRef(tc.uses)
		a.Comment = tc.comment
		ma, mi, ok := a.Version()
		if ma != tc.major || mi != tc.minor || ok != tc.ok {
			t.Errorf("%s %q: got %d.%d %v", tc.uses, tc.comment, ma, mi, ok)
		}
	}
	a := ParseActionRef("actions/upload-artifact@v4.3.0")
	if !a.VersionBefore(4, 4) || a.VersionBefore(4, 3) || ParseActionRef("x/y@main").VersionBefore(9, 0) {
		t.Error("VersionBefore")
	}
	var none *ActionRef
	if _, _, ok := none.Version(); ok {
		t.Error("nil action has a version")
	}
}

func TestEffectivePermissions(t *testing.T) {
	own := &Permissions{Scopes: map[string]string{"contents": "read"}}
	top := &Permissions{All: "write-all"}
	w := &Workflow{Permissions: top}
	if w.EffectivePermissions(&Job{Permissions: own}) != own || w.EffectivePermissions(&Job{}) != top {
		t.Error("job permissions do not override the workflow's")
	}
	if (&Workflow{}).EffectivePermissions(&Job{}) != nil {
		t.Error("undeclared permissions are not nil")
	}
	var undeclared *Permissions
	if !undeclared.MayWrite() || !top.MayWrite() || own.MayWrite() {
		t.Error("MayWrite")
	}
}

func TestStepInputs(t *testing.T) {
	s := &Step{With: []*KV{{Key: "lookup-only", Value: " TRUE "}, {Key: "cache", Value: "npm"}}}
	if !s.InputIs("lookup-only", true) || s.InputIs("lookup-only", false) || s.InputIs("cache", true) || s.InputIs("absent", false) {
		t.Error("InputIs")
	}
	j := &Job{Steps: []*Step{{Index: 0}, {Index: 1}, {Index: 2}}}
	if got := j.StepsAfter(j.Steps[1]); len(got) != 1 || got[0] != j.Steps[2] {
		t.Errorf("StepsAfter = %v", got)
	}
	if j.StepsAfter(nil) != nil || len(j.StepsAfter(&Step{Index: 7})) != 0 {
		t.Error("StepsAfter out of range")
	}
}
