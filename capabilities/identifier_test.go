package capabilities

import (
	"strings"
	"testing"
)

func TestParseIdentifier(t *testing.T) {
	a, b := mustVersion("2.3.1"), mustVersion("2.4.0")
	type want struct {
		prefix, base string
		err          string // "" = valid
	}
	const (
		invalid   = "identifiers can only include lowercase ASCII, hyphens which are not leading or trailing, and a single colon if using a prefix"
		multi     = "identifiers can only include a single separator ':'"
		trailing  = "identifiers cannot have a trailing hyphen"
		noBase    = "identifiers cannot have a prefix without a base"
		tauriPlug = "identifiers cannot start with tauri-plugin-"
	)
	cases := []struct {
		in   string
		v    Version
		want want
	}{
		// tauri-acl §4 examples and §12.26.
		{"fs:allow-read-file", a, want{"fs", "allow-read-file", ""}},
		{"core:window:allow-create", a, want{"core:window", "allow-create", ""}},
		{"core:default", a, want{"core", "default", ""}},
		{"allow-greet", a, want{"", "allow-greet", ""}},
		{"fs:a:b", a, want{err: multi}},
		{"fs:allow_read", a, want{err: invalid}},
		{"tauri-plugin-fs:x", a, want{err: tauriPlug}},
		{"tauri-plugin-", a, want{err: tauriPlug}},
		{"core:a:b:c", a, want{"core:a:b", "c", ""}},
		{"core::x", a, want{"core:", "x", ""}},
		{"pre--fix:x", a, want{err: invalid}},
		{"pre--fix:x", b, want{"pre--fix", "x", ""}},
		{"pre---fix", b, want{"", "pre---fix", ""}},
		{"Fs:Read", a, want{"Fs", "Read", ""}},
		// Edges of the state machine.
		{"", a, want{err: "identifiers cannot be empty"}},
		{"-a", a, want{err: invalid}},
		{":a", a, want{err: invalid}},
		{"a-", a, want{err: trailing}},
		{"a--", b, want{err: trailing}},
		{"a:", a, want{err: noBase}},
		{"core:window:", a, want{err: noBase}},
		{"a-:b", a, want{err: invalid}},
		{"a-:b", b, want{err: invalid}},
		{"a:-b", a, want{err: invalid}},
		{"a::b", a, want{err: multi}},
		{"a.b", a, want{err: invalid}},
		{"a/b", a, want{err: invalid}},
		{"é", a, want{err: invalid}},
		{"a b", a, want{err: invalid}},
		{"0:1", a, want{"0", "1", ""}},
		{"fs:a:_", a, want{err: multi}},
		{strings.Repeat("a", 116), a, want{"", strings.Repeat("a", 116), ""}},
		{strings.Repeat("a", 117), a, want{err: "identifiers cannot be longer than 116, found 117"}},
		// The unknown version behaves as the newest verified one.
		{"pre--fix:x", Version{}, want{"pre--fix", "x", ""}},
	}
	for _, c := range cases {
		id, err := ParseIdentifier(c.in, c.v)
		got := want{id.Prefix, id.Base, ""}
		if err != nil {
			got = want{err: err.Error()}
		}
		if got != c.want {
			t.Errorf("ParseIdentifier(%q, %s) = %+v, want %+v", c.in, c.v, got, c.want)
		}
		if err == nil && id.Raw != c.in {
			t.Errorf("ParseIdentifier(%q).Raw = %q", c.in, id.Raw)
		}
	}
}

func TestIdentifierKey(t *testing.T) {
	id, _ := ParseIdentifier("allow-x", Version{})
	if id.Key() != AppKey {
		t.Errorf("Key() = %q", id.Key())
	}
	id, _ = ParseIdentifier("core:window:allow-x", Version{})
	if id.Key() != "core:window" {
		t.Errorf("Key() = %q", id.Key())
	}
}

func TestVersion(t *testing.T) {
	for _, c := range []struct {
		v, min string
		want   bool
	}{
		{"2.4.0", "2.4.0", true},
		{"2.3.9", "2.4.0", false},
		{"2.4.0-rc.1", "2.4.0", false},
		{"v2.10.0", "2.4.0", true},
		{"", "2.4.0", true},
		{"", "2.11.1", false},
	} {
		v, err := ParseVersion(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.AtLeast(c.min); got != c.want {
			t.Errorf("%q.AtLeast(%q) = %v", c.v, c.min, got)
		}
	}
	for _, bad := range []string{"2", "x", "2.1"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) accepted", bad)
		}
	}
	if !mustVersion("2.9.0").NewerThanVerified() || mustVersion("2.8.2").NewerThanVerified() || (Version{}).NewerThanVerified() {
		t.Error("NewerThanVerified")
	}
}
