package deps

import (
	"testing"
)

func TestAdvisoryRanges(t *testing.T) {
	cases := []struct {
		rule, pkg string
		eco       Ecosystem
		yes, no   string
	}{
		{"TA-DEP-101", "tauri", Crates, "2.0.0 2.10.3 2.11.0 2.0.6", "2.11.1 2.12.0 1.8.1 2.0.0-rc.1"},
		{"TA-DEP-102", "tauri-plugin-shell", Crates, "2.2.0 2.0.0 2.0.0-beta.1", "2.2.1 2.3.0"},
		{"TA-DEP-102", "@tauri-apps/plugin-shell", Npm, "2.0.1 2.2.0", "2.2.1"},
		{"TA-DEP-103", "tauri", Crates, "1.6.6 1.0.0 0.5.0 2.0.0-beta.0 2.0.0-beta.19", "1.6.7 1.8.0 2.0.0-beta.20 2.0.0-rc.1 2.0.0 2.0.0-alpha.10"},
		{"TA-DEP-104", "tauri-cli", Crates, "1.0.0 1.5.5 2.0.0-alpha.0 2.0.0-alpha.15", "1.5.6 0.9.0 2.0.0-alpha.16 2.0.0"},
		{"TA-DEP-104", "@tauri-apps/cli", Npm, "1.2.3", "1.6.0"},
		{"TA-DEP-105", "tauri", Crates, "1.4.0", "1.4.1 1.3.9 1.4.0-rc.1"},
		{"TA-DEP-106", "tauri", Crates, "1.0.0 1.0.8 1.1.3 1.2.4", "1.0.9 1.1.4 1.2.5 1.3.0 0.9.0"},
		{"TA-DEP-107", "tauri", Crates, "1.0.7 1.1.2 1.2.2 2.0.0-alpha.1", "1.0.8 1.1.3 1.2.3 2.0.0-alpha.2"},
		{"TA-DEP-108", "tauri", Crates, "1.0.6 1.1.1", "1.0.7 1.1.2 1.2.0"},
		{"TA-DEP-109", "tauri", Crates, "1.0.5 1.0.0-rc.1", "1.0.6 1.1.0"},
	}
	byRule := map[string]*Advisory{}
	for _, a := range Advisories {
		byRule[a.Rule] = a
	}
	for _, c := range cases {
		a := byRule[c.rule]
		for _, v := range versions(c.yes) {
			if _, ok := a.Affects(c.eco, c.pkg, v); !ok {
				t.Errorf("%s: %s %s should be affected", c.rule, c.pkg, v)
			}
		}
		for _, v := range versions(c.no) {
			if _, ok := a.Affects(c.eco, c.pkg, v); ok {
				t.Errorf("%s: %s %s should not be affected", c.rule, c.pkg, v)
			}
		}
	}
	// The wrong ecosystem or a non-semver version never matches.
	if _, ok := byRule["TA-DEP-101"].Affects(Npm, "tauri", "2.1.0"); ok {
		t.Error("ecosystem ignored")
	}
	if _, ok := byRule["TA-DEP-101"].Affects(Crates, "tauri", "git+https://x#y"); ok {
		t.Error("invalid version matched")
	}
}

func TestAdvisoryTable(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range Advisories {
		if seen[a.Rule] || a.ID == "" || a.Summary == "" || len(a.Affected) == 0 || len(a.Fixed) == 0 {
			t.Errorf("incomplete or duplicate advisory %+v", a)
		}
		seen[a.Rule] = true
		for _, af := range a.Affected {
			for _, r := range af.Ranges {
				for _, v := range []string{r.Introduced, r.Fixed, r.LastAffected} {
					if v != "" {
						if _, err := ParseVersion(v); err != nil {
							t.Errorf("%s: bad bound %q", a.Rule, v)
						}
					}
				}
			}
		}
		// Every fixed version is outside every range.
		for _, fx := range a.Fixed {
			for _, af := range a.Affected {
				if _, ok := a.Affects(af.Ecosystem, af.Name, fx); ok {
					t.Errorf("%s: fixed version %s is affected", a.Rule, fx)
				}
			}
		}
	}
	if len(seen) != 9 {
		t.Errorf("%d advisories, want 9 (TA-DEP-101…109)", len(seen))
	}
}

func TestMalicious(t *testing.T) {
	for name, want := range map[string]string{"tauri-win-rt-notification": "RUSTSEC-2023-0108",
		"tauri-winrt-notifications": "RUSTSEC-2023-0117", "tauri-winrt-notification": "", "tauri": ""} {
		m := Malicious(name)
		if (m == nil) != (want == "") || (m != nil && m.ID != want) {
			t.Errorf("%s: %+v", name, m)
		}
	}
	entries := []*LockEntry{{Ecosystem: Crates, Name: "tauri-winrt-notifications"}, {Ecosystem: Npm, Name: "tauri-winrt-notifications"}}
	if hits := MatchMalicious(entries); len(hits) != 1 || hits[0].Entry != entries[0] {
		t.Errorf("hits %+v", hits)
	}
}

func TestTyposquat(t *testing.T) {
	for name, want := range map[string]string{
		"tauri-win-rt-notification": "tauri-winrt-notification", "tauri-winrt-notifications": "tauri-winrt-notification",
		"tauri-plugin-shel": "tauri-plugin-shell", "tauri-plguin-fs": "", "tauri-pluginn-updater": "tauri-plugin-updater",
		"tauri": "", "tauri-plugin-fs": "", "tauri-plugin-mic": "", "tauri-specta": "", "serde": "",
		"tauri-plugin-clipboard-managr": "tauri-plugin-clipboard-manager",
	} {
		got, ok := TyposquatOf(name)
		if got != want || ok != (want != "") {
			t.Errorf("TyposquatOf(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}

func TestIsTauriComponent(t *testing.T) {
	for _, c := range []struct {
		eco  Ecosystem
		name string
		want bool
	}{{Crates, "tauri", true}, {Crates, "tauri-plugin-fs", true}, {Crates, "tauri-build", true}, {Crates, "tauric", false},
		{Npm, "@tauri-apps/api", true}, {Npm, "tauri", false}, {Crates, "@tauri-apps/api", false}} {
		if IsTauriComponent(c.eco, c.name) != c.want {
			t.Errorf("%s %s", c.eco, c.name)
		}
	}
}
