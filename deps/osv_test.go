package deps

import (
	"strings"
	"testing"
)

// A RUSTSEC-style record in OSV form (fields as osv.dev serves them).
const osvTauri = `{
  "schema_version": "1.4.0",
  "id": "RUSTSEC-2022-0088",
  "modified": "2023-06-13T13:10:24Z",
  "published": "2022-09-19T12:00:00Z",
  "aliases": ["CVE-2022-39215", "GHSA-28m8-9j7v-x499"],
  "summary": "tauri readDir follows symlinks",
  "affected": [{
    "package": {"ecosystem": "crates.io", "name": "tauri", "purl": "pkg:cargo/tauri"},
    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0.0.0-0"}, {"fixed": "1.0.6"}]}]
  }],
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:N"}],
  "references": [{"type": "ADVISORY", "url": "https://rustsec.org/advisories/RUSTSEC-2022-0088.html"}]
}`

const osvMulti = `{
  "id": "GHSA-xxxx-yyyy-zzzz",
  "affected": [
    {"package": {"ecosystem": "npm", "name": "@tauri-apps/cli"},
     "ranges": [{"type": "ECOSYSTEM", "events": [
        {"introduced": "2.0.0-alpha.0"}, {"fixed": "2.0.0-alpha.16"},
        {"introduced": "1.0.0"}, {"fixed": "1.5.6"}]}]},
    {"package": {"ecosystem": "crates.io", "name": "x"},
     "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "0.3.0"}]},
                {"type": "GIT", "repo": "https://github.com/x/x", "events": [{"introduced": "0"}, {"fixed": "abc"}]}],
     "versions": ["0.9.0"]},
    {"package": {"ecosystem": "crates.io", "name": "lim"},
     "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"limit": "1.5.0"}]}]},
    {"package": {"ecosystem": "crates.io", "name": "bad"},
     "ranges": [{"type": "SEMVER", "events": [{"introduced": "one"}]}]}
  ]
}`

func TestOSV(t *testing.T) {
	r, err := ParseOSV([]byte(osvTauri))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "RUSTSEC-2022-0088" || len(r.Aliases) != 2 || r.Severity[0].Type != "CVSS_V3" {
		t.Errorf("record = %+v", r)
	}
	for v, want := range map[string]bool{"1.0.5": true, "0.1.0": true, "1.0.6": false, "2.0.0": false, "1.0.0-rc.3": true, "junk": false} {
		if got := r.Affects(Crates, "tauri", v); got != want {
			t.Errorf("tauri %s: %v", v, got)
		}
	}
	if r.Affects(Npm, "tauri", "1.0.0") {
		t.Error("wrong ecosystem matched")
	}

	m, err := ParseOSV([]byte(osvMulti))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		eco     Ecosystem
		name, v string
		want    bool
	}{
		{Npm, "@tauri-apps/cli", "1.2.0", true}, {Npm, "@tauri-apps/cli", "1.5.6", false},
		{Npm, "@tauri-apps/cli", "2.0.0-alpha.3", true}, {Npm, "@tauri-apps/cli", "2.0.0-alpha.16", false},
		{Npm, "@tauri-apps/cli", "0.9.0", false}, {Npm, "@tauri-apps/cli", "1.6.0", false},
		{Crates, "x", "0.3.0", true}, {Crates, "x", "0.3.1", false}, {Crates, "x", "0.9.0", true},
		{Crates, "lim", "1.4.9", true}, {Crates, "lim", "1.5.0", false}, {Crates, "bad", "1.0.0", false},
	} {
		if got := m.Affects(c.eco, c.name, c.v); got != c.want {
			t.Errorf("%s %s %s: %v", c.eco, c.name, c.v, got)
		}
	}
	entries := []*LockEntry{{Ecosystem: Crates, Name: "tauri", Version: "1.0.5"}, {Ecosystem: Npm, Name: "@tauri-apps/cli", Version: "1.2.0"},
		{Ecosystem: Crates, Name: "tauri", Version: "2.0.0"}}
	hits := MatchOSV([]*OSVRecord{r, m}, entries)
	if len(hits) != 2 || hits[0].Record != r || hits[1].Record != m {
		t.Errorf("hits = %+v", hits)
	}
	r.Withdrawn = "2024-01-01T00:00:00Z"
	if r.Affects(Crates, "tauri", "1.0.5") {
		t.Error("withdrawn record matched")
	}
}

func TestOSVErrors(t *testing.T) {
	for _, s := range []string{"", "{", "[]", `{"summary": "no id"}`, `{"id": 5}`, strings.Repeat(" ", MaxOSVBytes+1)} {
		if _, err := ParseOSV([]byte(s)); err == nil {
			t.Errorf("%.20q accepted", s)
		}
	}
}
