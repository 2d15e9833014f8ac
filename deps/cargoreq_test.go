package deps

import (
	"strings"
	"testing"
)

// Cases follow the semver crate's documented behaviour (the crate Cargo
// uses), including its pre-release rule.
var cargoReqCases = []struct {
	req     string
	yes, no string // space-separated versions
}{
	{">=1.0.0", "1.0.0 2.0.0", "0.1.0 0.0.1 1.0.0-pre 2.0.0-pre"},
	{">= 1.0.0", "1.0.0 2.0.0", "0.9.9"},
	{">=2.1.0-alpha", "2.1.0-alpha 2.1.0-beta 2.1.0 3.0.0", "2.0.0 1.0.0 3.0.0-alpha 2.1.1-alpha"},
	{">1.0.0", "1.0.1 2.0.0", "1.0.0 0.9.9 1.0.1-pre"},
	{"=1.0.0", "1.0.0", "1.0.1 0.9.9 1.0.0-pre 1.1.0"},
	{"=0.1.0-beta2.a", "0.1.0-beta2.a", "0.9.1 0.1.0 0.1.1-beta2.a 0.1.0-beta2"},
	{"1.0.0", "1.0.0 1.1.0 1.0.1", "0.9.9 0.10.0 0.1.0 1.0.0-pre 1.0.1-pre 2.0.0"},
	{"^1", "1.1.2 1.1.0 1.2.1 1.0.1", "0.9.1 2.9.0 0.1.4"},
	{"^1.1", "1.1.2 1.1.0 1.2.1", "0.9.1 2.9.0 1.0.1 0.1.4"},
	{"^1.1.2", "1.1.2 1.1.4 1.2.1", "0.9.1 2.9.0 1.1.1 0.0.1 1.1.2-alpha1 1.1.3-alpha1 2.9.0-alpha1"},
	{"^0.1.2", "0.1.2 0.1.4", "0.9.1 2.9.0 1.1.1 0.1.0 0.1.2-beta 0.1.3-alpha 0.2.0-pre 0.2.0"},
	{"^0.5.1-alpha3", "0.5.1-alpha3 0.5.1-alpha4 0.5.1-beta 0.5.1 0.5.5", "0.5.1-alpha1 0.5.2-alpha3 0.5.5-pre 0.5.0 0.5.0-pre 0.6.0"},
	{"^0.0.2", "0.0.2", "0.9.1 2.9.0 1.1.1 0.0.1 0.1.4 0.0.3"},
	{"^0.0", "0.0.2 0.0.0", "0.9.1 2.9.0 1.1.1 0.1.4"},
	{"^0", "0.9.1 0.0.2 0.0.0", "2.9.0 1.1.1"},
	{"^1.4.2-beta.5", "1.4.2 1.4.3 1.4.2-beta.5 1.4.2-beta.6 1.4.2-c", "0.9.9 2.0.0 1.4.2-alpha 1.4.2-beta.4 1.4.3-beta.5"},
	{"0.3", "0.3.0 0.3.9", "0.4.0 0.2.9"},
	{"~1", "1.0.0 1.0.1 1.1.1", "0.9.1 2.9.0 0.0.9"},
	{"~1.2", "1.2.0 1.2.1", "1.1.1 1.3.0 0.0.9"},
	{"~1.2.2", "1.2.2 1.2.4", "1.2.1 1.9.0 1.0.9 2.0.1 0.1.3"},
	{"~1.2.3-beta.2", "1.2.3 1.2.4 1.2.3-beta.2 1.2.3-beta.4", "1.3.3 1.1.4 1.2.3-beta.1 1.2.4-beta.2"},
	{"*", "0.9.1 2.9.0 0.0.9 1.0.1 1.1.1", "1.0.0-pre"},
	{"1.*", "1.2.0 1.2.1 1.1.1 1.3.0", "0.0.9 2.0.0 1.2.0-pre"},
	{"1.2.*", "1.2.0 1.2.2 1.2.4", "1.9.0 1.0.9 2.0.1 0.1.3"},
	{"1.2.x", "1.2.0 1.2.9", "1.3.0"},
	{"<1.0.0", "0.1.0 0.0.1", "1.0.0 1.0.0-beta 1.0.1 0.9.9-alpha"},
	{"<= 2.1.0-alpha2", "2.1.0-alpha2 2.1.0-alpha1 2.0.0 1.0.0", "2.1.0 2.2.0-alpha1 2.0.0-alpha2 1.0.0-alpha2"},
	{">1.0.0-alpha, <1.0.0", "1.0.0-beta", "1.0.0 0.9.0"},
	{">1.0.0-alpha, <1.0", "", "1.0.0-beta"},
	{">1.0.0-alpha, <1", "", "1.0.0-beta"},
	{">=1.2.3, <2.0.0", "1.2.3 1.5.0", "2.0.0 1.2.2 2.0.0-alpha"},
	{">=0.5.1-alpha3, <0.6", "0.5.1-alpha3 0.5.1-alpha4 0.5.1-beta 0.5.1 0.5.5", "0.5.1-alpha1 0.5.2-alpha3 0.5.5-pre 0.5.0-pre 0.6.0 0.6.0-pre"},
	{">=1.*", "1.0.0 1.9.0 2.0.0", "0.9.0"},
	{"=2.0.0-rc.1", "2.0.0-rc.1", "2.0.0 2.0.0-rc.2"},
	{"^2.0.0-beta.0", "2.0.0-beta.0 2.0.0-rc.3 2.0.0 2.11.0", "2.0.1-beta.0 1.9.9 3.0.0"},
	{"1.2.3+build5", "1.2.3 1.3.0", "1.2.2"},
	{" ^1.2 ", "1.3.0", "2.0.0"},
}

func versions(s string) []string { return strings.Fields(s) }

func TestCargoReqMatches(t *testing.T) {
	for _, tc := range cargoReqCases {
		r, err := ParseCargoReq(tc.req)
		if err != nil {
			t.Errorf("ParseCargoReq(%q): %v", tc.req, err)
			continue
		}
		for _, v := range versions(tc.yes) {
			if !r.MatchesString(v) {
				t.Errorf("%q should match %s", tc.req, v)
			}
		}
		for _, v := range versions(tc.no) {
			if r.MatchesString(v) {
				t.Errorf("%q should not match %s", tc.req, v)
			}
		}
	}
}

func TestCargoReqErrors(t *testing.T) {
	for _, s := range []string{"", "   ", ">= >= 0.0.2", ">== 0.0.2", "a.0.0", "1.0.0-", ">=", "1.2.3 - 2.3.4",
		"*, 1", "1, *", "1.2.3 4.5.6", "01.0.0", "1.0.0+", "1.0.0-01", "1.2-beta", "1.*.3", "1.2.3.4",
		"1.0,", ",1.0", "^", "~ ", "1.0.0-alpha_1", "\t1.0", "v1.0", "1.*-beta", "^*", "X.1",
		strings.Repeat(">=1, ", 32) + ">=1", strings.Repeat("1,", 600) + "1", "18446744073709551616"} {
		if r, err := ParseCargoReq(s); err == nil {
			t.Errorf("ParseCargoReq(%q) = %v, want an error", s, r.Comparators)
		}
	}
}

func TestCargoReqLimit(t *testing.T) {
	r, err := ParseCargoReq(strings.Repeat(">=1, ", 31) + ">=1")
	if err != nil || len(r.Comparators) != 32 {
		t.Errorf("32 comparators: %v", err)
	}
}

func TestCargoComparatorString(t *testing.T) {
	for in, want := range map[string]string{"1.2": "^1.2", "=1.2.3-rc.1": "=1.2.3-rc.1", "1.*": "1.*",
		">= 1": ">=1", "~0.3.1": "~0.3.1", "1.2.x": "1.2.*"} {
		r, err := ParseCargoReq(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Comparators[0].String(); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}

func TestParseVersion(t *testing.T) {
	good := []string{"0.0.0", "1.2.3", "2.0.0-rc.1", "1.0.0-alpha.beta.1", "1.0.0+20130313144700",
		"1.0.0-beta+exp.sha.5114f85", "18446744073709551615.0.0", "1.0.0-0A.is.legal"}
	for _, s := range good {
		v, err := ParseVersion(s)
		if err != nil {
			t.Errorf("ParseVersion(%q): %v", s, err)
		} else if v.String() != s {
			t.Errorf("round trip %q -> %q", s, v.String())
		}
	}
	bad := []string{"", "1", "1.2", "v1.2.3", "01.2.3", "1.02.3", "1.2.3-", "1.2.3+", "1.2.3-01",
		"1.2.3-a..b", "1.2.3-a_b", " 1.2.3", "1.2.3.4", "18446744073709551616.0.0", "-1.2.3", "1.2.3-é"}
	for _, s := range bad {
		if _, err := ParseVersion(s); err == nil {
			t.Errorf("ParseVersion(%q) succeeded", s)
		}
	}
}

func TestVersionOrder(t *testing.T) {
	// SemVer 2.0.0 §11 precedence example, ascending: both ecosystems agree.
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0-beta.2", "2.0.0-beta.11", "2.0.0", "10.0.0"}
	for _, compare := range []func(a, b string) (int, bool){CompareCargo, CompareNpm} {
		for i := 1; i < len(order); i++ {
			c, ok := compare(order[i-1], order[i])
			if !ok || c != -1 {
				t.Errorf("%s < %s: got %d ok=%v", order[i-1], order[i], c, ok)
			}
		}
		if _, ok := compare("1.0", "1.0.0"); ok {
			t.Error("invalid versions must not be ordered")
		}
	}
}

func TestCompareCargoBuild(t *testing.T) {
	// Cargo's total order breaks precedence ties on build metadata.
	order := []string{"1.0.0", "1.0.0+0", "1.0.0+00", "1.0.0+1", "1.0.0+2", "1.0.0+10", "1.0.0+a", "1.0.0+a.1", "1.0.0+b"}
	for i := 1; i < len(order); i++ {
		if c, ok := CompareCargo(order[i-1], order[i]); !ok || c != -1 {
			t.Errorf("%s < %s: got %d ok=%v", order[i-1], order[i], c, ok)
		}
		if c, ok := CompareCargo(order[i], order[i-1]); !ok || c != 1 {
			t.Errorf("%s > %s: got %d ok=%v", order[i], order[i-1], c, ok)
		}
	}
	if _, ok := CompareCargo("v1.0.0", "1.0.0"); ok {
		t.Error("Cargo versions have no leading v")
	}
	if !CargoBefore("2.0.0-rc.1", "2.0.0") || CargoBefore("2.0.0", "2.0.0") || CargoBefore("", "2.0.0") || CargoBefore("2.x", "3.0.0") {
		t.Error("CargoBefore")
	}
}

func TestCompareNpm(t *testing.T) {
	if c, ok := CompareNpm("1.0.0+a", "1.0.0+b"); !ok || c != 0 {
		t.Errorf("npm ignores build metadata: %d %v", c, ok)
	}
	if c, ok := CompareNpm(" v1.2.3", "=1.2.4"); !ok || c != -1 {
		t.Errorf("npm accepts a leading v or =: %d %v", c, ok)
	}
}
