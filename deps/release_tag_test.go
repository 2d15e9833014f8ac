package deps

import "testing"

func TestParseReleaseTag(t *testing.T) {
	tests := []struct {
		name, prefix, version string
		ok                    bool
	}{
		{"v1.2.3", "", "1.2.3", true},
		{"1.2.3", "", "1.2.3", true},
		{"app-v1.2.3", "app", "1.2.3", true},
		{"my_app@2.0.0-beta.1", "my_app", "2.0.0-beta.1", true},
		{"tools/cli/v0.4.0+build.5", "tools/cli", "0.4.0+build.5", true},
		{"release-candidate", "", "", false},
		{"v1.2", "", "", false},
		{"v01.2.3", "", "", false}, // leading zero: not SemVer
	}
	for _, tt := range tests {
		got, ok := ParseReleaseTag(tt.name)
		if ok != tt.ok {
			t.Errorf("ParseReleaseTag(%q) ok = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if ok && (got.Prefix != tt.prefix || got.Version.String() != tt.version) {
			t.Errorf("ParseReleaseTag(%q) = prefix %q version %q, want %q %q", tt.name, got.Prefix, got.Version.String(), tt.prefix, tt.version)
		}
	}
}

func TestNewestReleaseTag(t *testing.T) {
	var tags []ReleaseTag
	for _, n := range []string{"v1.2.3", "v1.10.0", "v2.0.0-beta.1", "v1.9.9"} {
		tag, ok := ParseReleaseTag(n)
		if !ok {
			t.Fatalf("ParseReleaseTag(%q) failed", n)
		}
		tags = append(tags, tag)
	}
	if got, _ := NewestReleaseTag(tags, false); got.Name != "v1.10.0" {
		t.Errorf("stable newest = %s, want v1.10.0", got.Name)
	}
	if got, _ := NewestReleaseTag(tags, true); got.Name != "v2.0.0-beta.1" {
		t.Errorf("newest with prereleases = %s, want v2.0.0-beta.1", got.Name)
	}
	if _, ok := NewestReleaseTag(nil, true); ok {
		t.Error("NewestReleaseTag(nil) found a tag")
	}
}

func TestNormNameAndUpdaterVersion(t *testing.T) {
	if a, b := NormName("My App"), NormName("my_app"); a != b || a != "myapp" {
		t.Errorf("NormName: %q, %q, want myapp", a, b)
	}
	if v, ok := ParseUpdaterVersion("vv1.0.0"); !ok || v.String() != "1.0.0" {
		t.Errorf("ParseUpdaterVersion(vv1.0.0) = %v, %v", v, ok)
	}
	if _, ok := ParseUpdaterVersion("1.0"); ok {
		t.Error("ParseUpdaterVersion accepted 1.0")
	}
}
