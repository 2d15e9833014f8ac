package capabilities

import "testing"

// mustVersion parses a version constant of a test.
func mustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestVersionForms(t *testing.T) {
	v := mustVersion("=v2.0.0-rc.12")
	if v.String() != "2.0.0-rc.12" || v.AtLeast("2.0.0") || !v.AtLeast("2.0.0-rc.2") {
		t.Errorf("%s: AtLeast is wrong", v)
	}
	if (Version{}).String() != "unknown" || !(Version{}).AtLeast(NewestVerified) || (Version{}).AtLeast("9.0.0") {
		t.Error("the unknown version must behave as NewestVerified")
	}
	for _, bad := range []string{"2.0", "2.0.0.0", "x", "2.01.0"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) succeeded", bad)
		}
	}
	if mustVersion("2.8.2+build").NewerThanVerified() {
		t.Error("build metadata names the same release")
	}
}
