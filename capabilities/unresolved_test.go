package capabilities

import (
	"slices"
	"testing"
)

// TestUnresolvedGrants: a grant of an unknown plugin, and an app set that
// reaches one, stay visible with the path to the unknown reference.
func TestUnresolvedGrants(t *testing.T) {
	app := &Manifest{Key: AppKey, Permissions: map[string]*Permission{}, Sets: map[string]*Set{
		"tools": {Identifier: "tools", Permissions: []string{"acme:allow-run", "inner"}},
		"inner": {Identifier: "inner", Permissions: []string{"beta:default", "tools"}}, // loops back
	}}
	fs := &Manifest{Key: "fs", Permissions: map[string]*Permission{"allow-read": {Identifier: "allow-read"}}, Sets: map[string]*Set{}}
	acl := NewACL(app, fs)
	capNode := mustJSON(t, "cap.json", `{"identifier":"main","windows":["main","aux-*"],
  "permissions":["fs:allow-read","acme:allow-run","tools"]}`)
	c, probs := ParseCapability(capNode, FromFile, Version{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	got := Unresolved(acl, []*Capability{c}, Version{})
	type row struct{ perm, ref, key, via string }
	var rows []row
	for _, u := range got {
		rows = append(rows, row{u.Permission, u.Reference, u.Plugin, slices.Concat(u.Via, []string{""})[0]})
		if u.Capability != "main" || u.File != "cap.json" || u.Line != 2 || !slices.Equal(u.Windows, []string{"main", "aux-*"}) {
			t.Errorf("ref %+v", u)
		}
	}
	want := []row{
		{"acme:allow-run", "acme:allow-run", "acme", ""},
		{"tools", "acme:allow-run", "acme", "tools"},
		{"tools", "beta:default", "beta", "tools"},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("got %+v\nwant %+v", rows, want)
	}
}
