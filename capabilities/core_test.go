package capabilities

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// coreCounts returns commands and default commands per core key.
func coreCounts(v Version) map[string][2]int {
	ms, _ := CoreManifests(v)
	out := map[string][2]int{}
	for _, m := range ms {
		n := 0
		for id := range m.Permissions {
			if strings.HasPrefix(id, "allow-") {
				n++
			}
		}
		out[m.Key] = [2]int{n, len(m.Default.Permissions)}
	}
	return out
}

func TestCoreTableCounts(t *testing.T) {
	// tauri-acl §10: B has 157 commands, A 143.
	b := map[string][2]int{"core": {0, 9}, "core:path": {8, 8}, "core:event": {4, 4}, "core:window": {76, 26},
		"core:webview": {18, 4}, "core:app": {12, 5}, "core:image": {5, 5}, "core:resources": {1, 1}, "core:menu": {22, 22}, "core:tray": {11, 11}}
	a := maps.Clone(b)
	a["core:window"], a["core:webview"], a["core:app"] = [2]int{69, 25}, [2]int{16, 4}, [2]int{7, 3}
	for _, c := range []struct {
		v    string
		want map[string][2]int
	}{{"2.8.2", b}, {"2.0.0", a}, {"2.1.1", a}, {"2.9.0", b}} {
		got := coreCounts(versionOrUnknown(c.v))
		if !maps.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.v, got, c.want)
		}
	}
	total := func(m map[string][2]int) (n int) {
		for _, c := range m {
			n += c[0]
		}
		return n
	}
	if total(b) != 157 || total(a) != 143 {
		t.Errorf("totals %d %d", total(b), total(a))
	}
	// An unknown version uses the newest release known, which has at
	// least B's commands, and says so.
	for key, n := range coreCounts(Version{}) {
		if n[0] < b[key][0] {
			t.Errorf("unknown version: %s has %d commands, fewer than 2.8.2's %d", key, n[0], b[key][0])
		}
	}
	if _, note := CoreManifests(Version{}); note == "" {
		t.Error("no note for an unknown version")
	}
}

func versionOrUnknown(s string) Version {
	if s == "" {
		return Version{}
	}
	return mustVersion(s)
}

// TestCoreTableVersions checks when each added command appears.
func TestCoreTableVersions(t *testing.T) {
	if _, note := CoreManifests(mustVersion("2.8.4")); note != "tauri 2.8.4 is not in the embedded database; using the nearest lower known release 2.8.3" {
		t.Errorf("2.8.4: note %q", note)
	}
	has := func(v, key, perm string) bool {
		ms, _ := CoreManifests(mustVersion(v))
		for _, m := range ms {
			if m.Key == key {
				return m.Permissions[perm] != nil
			}
		}
		return false
	}
	for _, c := range []struct{ key, perm, since, before string }{
		{"core:window", "allow-set-badge-count", "2.2.0", "2.1.1"},
		{"core:webview", "deny-set-webview-background-color", "2.2.0", "2.1.1"},
		{"core:app", "allow-identifier", "2.4.0", "2.3.1"},
		{"core:window", "allow-is-always-on-top", "2.4.0", "2.3.1"},
		{"core:app", "allow-set-dock-visibility", "2.5.0", "2.4.2"},
		{"core:webview", "allow-set-webview-auto-resize", "2.6.0", "2.5.0"},
		{"core:app", "allow-bundle-type", "2.7.0", "2.6.2"},
		{"core:window", "allow-set-focusable", "2.8.0", "2.7.0"},
		{"core:window", "allow-set-simple-fullscreen", "2.8.0", "2.8.0-rc.1"},
	} {
		if !has(c.since, c.key, c.perm) || has(c.before, c.key, c.perm) {
			t.Errorf("%s:%s should arrive in %s", c.key, c.perm, c.since)
		}
	}
	if _, note := CoreManifests(mustVersion("2.9.0")); note == "" {
		t.Error("no note for a version newer than the table")
	}
	if _, note := CoreManifests(mustVersion("2.8.2")); note != "" {
		t.Errorf("note %q", note)
	}
}

// TestCoreDefault is tauri-acl §12.11's core:default part.
func TestCoreDefault(t *testing.T) {
	ms, _ := CoreManifests(mustVersion("2.8.2"))
	acl := NewACL(ms...)
	capNode := mustJSON(t, "cap.json", `{"identifier":"main","windows":["main"],"permissions":["core:default"]}`)
	c, probs := ParseCapability(capNode, FromFile, Version{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	r := Resolve(acl, []*Capability{c}, source.Linux, Version{})
	if len(r.Problems) > 0 {
		t.Fatal(r.Problems)
	}
	for _, cmd := range []string{"plugin:window|get_all_windows", "plugin:app|version", "plugin:event|emit_to",
		"plugin:webview|internal_toggle_devtools", "plugin:path|resolve_directory", "plugin:tray|set_show_menu_on_left_click"} {
		if len(r.Allowed[cmd]) != 1 {
			t.Errorf("%s not allowed once: %d", cmd, len(r.Allowed[cmd]))
		}
	}
	if r.Allowed["plugin:window|create"] != nil {
		t.Error("core:default allows plugin:window|create")
	}
	// 8+4+26+4+5+5+1+22+11 default commands.
	if len(r.Allowed) != 86 {
		t.Errorf("%d commands allowed", len(r.Allowed))
	}
	g := r.Allowed["plugin:app|version"][0]
	if want := []string{"core:default", "core:app:default", "core:app:allow-version"}; !slices.Equal(g.Path, want) {
		t.Errorf("path %v", g.Path)
	}
	if g.Permission.Source != SourceCoreBuiltin || g.Permission.Node != nil {
		t.Errorf("source %q", g.Permission.Source)
	}
}

// TestCoreMatchesCorpus compares the database with acl-manifests.json files
// real builds wrote: music-assistant's (tauri 2.1.1) is A exactly;
// ActivityWatch's was written by a 2.2/2.3 build; HuLa's (2.11.0) must
// contain B.
func TestCoreMatchesCorpus(t *testing.T) {
	skipWithoutCorpus(t)
	for _, c := range []struct {
		app, version string
		superset     bool
	}{
		{"music-assistant__companion", "2.1.1", false},
		{"ActivityWatch__aw-tauri", "2.2.0", false},
		{"ActivityWatch__aw-tauri", "2.3.1", false},
		{"HuLaSpark__HuLa", "2.8.2", true},
		{"iblai__os", "2.8.2", true},
	} {
		committed, _ := ParseACLManifests(readCorpus(t, c.app+"/src-tauri/gen/schemas/acl-manifests.json", true))
		real := map[string]*Manifest{}
		for _, m := range committed {
			real[m.Key] = m
		}
		ours, _ := CoreManifests(mustVersion(c.version))
		for _, m := range ours {
			r := real[m.Key]
			if r == nil {
				t.Errorf("%s: no %s", c.app, m.Key)
				continue
			}
			compareManifest(t, c.app+" "+m.Key, m, r, c.superset)
		}
	}
}

func compareManifest(t *testing.T, what string, ours, real *Manifest, superset bool) {
	t.Helper()
	for id, p := range ours.Permissions {
		rp := real.Permissions[id]
		if rp == nil {
			t.Errorf("%s: %s missing from the real manifest", what, id)
			continue
		}
		if !slices.Equal(p.Commands.Allow, rp.Commands.Allow) || !slices.Equal(p.Commands.Deny, rp.Commands.Deny) {
			t.Errorf("%s: %s commands %v, real %v", what, id, p.Commands, rp.Commands)
		}
	}
	sortedDefault := func(m *Manifest) []string {
		s := slices.Clone(m.Default.Permissions)
		slices.Sort(s)
		return s
	}
	if superset {
		for _, d := range ours.Default.Permissions {
			if !slices.Contains(real.Default.Permissions, d) {
				t.Errorf("%s: default %s missing from the real manifest", what, d)
			}
		}
		return
	}
	if len(ours.Permissions) != len(real.Permissions) {
		t.Errorf("%s: %d permissions, real %d", what, len(ours.Permissions), len(real.Permissions))
	}
	if !slices.Equal(sortedDefault(ours), sortedDefault(real)) {
		t.Errorf("%s: default %v, real %v", what, ours.Default.Permissions, real.Default.Permissions)
	}
}

func mustJSON(t testing.TB, name, text string) *source.Node {
	t.Helper()
	n, _, err := source.ParseJSON(source.NewFile(name, []byte(text)), true)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCoreManifestsFreshPerCall: the parsed core document is shared
// between calls, but every call gets manifests of its own with the same
// content, since a resolution may annotate them.
func TestCoreManifestsFreshPerCall(t *testing.T) {
	v := mustVersion("2.5.0")
	a, _ := CoreManifests(v)
	b, _ := CoreManifests(v)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d manifests", len(a), len(b))
	}
	for i := range a {
		if a[i] == b[i] {
			t.Fatalf("%s: the same manifest object twice", a[i].Key)
		}
		if a[i].Key != b[i].Key || !reflect.DeepEqual(a[i], b[i]) {
			t.Errorf("%s: differs between calls", a[i].Key)
		}
	}
}
