package source

import (
	"reflect"
	"testing"
)

func parseTestTOML(t *testing.T, s string) *Node {
	t.Helper()
	n, _, err := ParseTOML(NewFile("Tauri.toml", []byte(s)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAtAndAbsentLocation(t *testing.T) {
	root := parseTestTOML(t, "[app.security]\nfreeze-prototype = true\n[build]\nfrontend-dist = \"../dist\"\n")
	if got := root.At("app", "security", "freezePrototype"); !got.IsTrue() {
		t.Errorf("At(freezePrototype) = %v", got)
	}
	if got := root.At("app", "windows", "label"); got != nil {
		t.Errorf("At(absent) = %v, want nil", got)
	}
	if got := root.At(); got != root {
		t.Error("At() is not the node itself")
	}
	for _, c := range []struct {
		keys []string
		ptr  string
		line int
	}{
		{[]string{"app", "security", "csp"}, "/app/security/csp", 1},                         // at [app.security]
		{[]string{"build", "frontendDist"}, "/build/frontend-dist", 4},                       // present: its own place and pointer
		{[]string{"bundle", "macOS", "signingIdentity"}, "/bundle/macOS/signingIdentity", 1}, // at the root
	} {
		loc := root.AbsentLocation(c.keys...)
		if loc.Pointer != c.ptr || loc.Start.Line != c.line {
			t.Errorf("AbsentLocation(%v) = %s line %d, want %s line %d", c.keys, loc.Pointer, loc.Start.Line, c.ptr, c.line)
		}
	}
	var none *Node
	if loc := none.AbsentLocation("app"); loc != (Location{}) {
		t.Errorf("nil root: %+v", loc)
	}
}

func TestIsAndStrings(t *testing.T) {
	root := parseTestTOML(t, "one = \"a\"\nmany = [\"b\", 1, \"c\"]\nnum = 2\n")
	if !root.Is(Object) || root.Get("num").Is(String) || root.Get("absent").Is(Null) {
		t.Error("Is")
	}
	for key, want := range map[string][]string{"one": {"a"}, "many": {"b", "c"}, "num": {}, "absent": {}} {
		if got := root.Get(key).Strings(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Strings() = %q, want %q", key, got, want)
		}
	}
}
