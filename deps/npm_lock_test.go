package deps

import (
	"strings"
	"testing"
)

const packageLockV1 = `{
  "name": "app",
  "version": "1.0.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "@tauri-apps/cli": {
      "version": "1.5.0",
      "resolved": "https://registry.npmjs.org/@tauri-apps/cli/-/cli-1.5.0.tgz",
      "integrity": "sha512-aaa==",
      "dev": true
    },
    "a": {
      "version": "1.0.0",
      "resolved": "http://evil.example.com/a-1.0.0.tgz",
      "requires": { "b": "^2.0.0" },
      "dependencies": {
        "b": { "version": "2.1.0", "resolved": "https://registry.npmjs.org/b/-/b-2.1.0.tgz", "integrity": "sha512-bbb==" }
      }
    },
    "g": { "version": "git+https://github.com/x/g.git#0123456789abcdef0123456789abcdef01234567", "from": "git+https://github.com/x/g.git" },
    "loc": { "version": "file:../loc" }
  }
}
`

const packageLockV2 = `{
  "name": "app",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": { "name": "app", "dependencies": { "@tauri-apps/plugin-shell": "^2.0.0" } },
    "node_modules/@tauri-apps/plugin-shell": {
      "version": "2.2.0",
      "resolved": "https://registry.npmjs.org/@tauri-apps/plugin-shell/-/plugin-shell-2.2.0.tgz",
      "integrity": "sha512-ccc==",
      "dependencies": { "@tauri-apps/api": "^2.0.0" }
    },
    "node_modules/@tauri-apps/api": {
      "version": "2.1.1",
      "resolved": "https://registry.npmjs.org/@tauri-apps/api/-/api-2.1.1.tgz",
      "integrity": "sha512-ddd=="
    }
  },
  "dependencies": {
    "@tauri-apps/plugin-shell": { "version": "2.2.0" },
    "@tauri-apps/api": { "version": "2.1.1" }
  }
}
`

const packageLockV3 = `{
  "name": "app",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": { "name": "app", "workspaces": ["plugins/*"] },
    "node_modules/@tauri-apps/plugin-updater": {
      "version": "2.7.1",
      "resolved": "git+ssh://git@github.com/infinilabs/tauri-plugin-updater.git#358e689c65e9943b53eff50bcb9dfd5b1cfc4072",
      "license": "MIT OR Apache-2.0"
    },
    "node_modules/string-width-cjs": {
      "name": "string-width",
      "version": "4.2.3",
      "resolved": "https://registry.npmjs.org/string-width/-/string-width-4.2.3.tgz",
      "integrity": "sha512-eee==",
      "dev": true
    },
    "node_modules/a/node_modules/@scope/b": {
      "version": "1.0.0",
      "resolved": "https://npm.corp.example/@scope/b/-/b-1.0.0.tgz",
      "integrity": "sha512-fff==",
      "optional": true
    },
    "node_modules/@yaak/action-copy-curl": { "resolved": "plugins/action-copy-curl", "link": true },
    "plugins/action-copy-curl": { "name": "@yaak/action-copy-curl", "version": "0.1.0" },
    "node_modules/bundled": { "version": "1.0.0", "inBundle": true }
  }
}
`

func TestPackageLockV1(t *testing.T) {
	f := file("package-lock.json", packageLockV1)
	lk, err := ParsePackageLock(f)
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "v1", lk.Diagnostics)
	if lk.Version != "1" || len(lk.Entries) != 5 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	cli := entry(t, lk, "@tauri-apps/cli", "1.5.0")
	if !cli.Dev || cli.Source != SourceRegistry || at(cli.Loc) != "7:5" || at(cli.VersionLoc) != "8:18" || cli.Integrity != "sha512-aaa==" {
		t.Errorf("cli = %+v", cli)
	}
	a := entry(t, lk, "a", "")
	if a.Source != SourceTarball || URLHost(a.Resolved) != "evil.example.com" || a.Integrity != "" ||
		len(a.Dependencies) != 1 || text(f, a.ResolvedLoc) != `"http://evil.example.com/a-1.0.0.tgz"` {
		t.Errorf("a = %+v", a)
	}
	if b := entry(t, lk, "b", "2.1.0"); b.Key != "b" || at(b.Loc) != "18:9" {
		t.Errorf("nested b = %+v", b)
	}
	if g := entry(t, lk, "g", ""); g.Source != SourceGit {
		t.Errorf("g = %+v", g)
	}
	if l := entry(t, lk, "loc", ""); l.Source != SourcePath {
		t.Errorf("loc = %+v", l)
	}
	if hits := Match(lk.Entries); len(hits) != 1 || hits[0].Advisory.Rule != "TA-DEP-104" {
		t.Errorf("hits = %+v", hits)
	}
}

func TestPackageLockV2(t *testing.T) {
	lk, err := ParsePackageLock(file("package-lock.json", packageLockV2))
	if err != nil {
		t.Fatal(err)
	}
	if lk.Version != "2" || len(lk.Entries) != 2 {
		t.Fatalf("version %q, %d entries (the v1 tree must be ignored)", lk.Version, len(lk.Entries))
	}
	sh := entry(t, lk, "@tauri-apps/plugin-shell", "2.2.0")
	if sh.Key != "node_modules/@tauri-apps/plugin-shell" || len(sh.Dependencies) != 1 {
		t.Errorf("shell = %+v", sh)
	}
	hits := Match(lk.Entries)
	if len(hits) != 1 || hits[0].Advisory.Rule != "TA-DEP-102" || at(hits[0].Entry.VersionLoc) != "8:18" {
		t.Errorf("hits = %+v", hits)
	}
}

func TestPackageLockV3(t *testing.T) {
	lk, err := ParsePackageLock(file("package-lock.json", packageLockV3))
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "v3", lk.Diagnostics)
	if lk.Version != "3" || len(lk.Entries) != 6 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	up := entry(t, lk, "@tauri-apps/plugin-updater", "2.7.1")
	if g := up.Git(); up.Source != SourceGit || g.Commit != "358e689c65e9943b53eff50bcb9dfd5b1cfc4072" ||
		g.URL != "ssh://git@github.com/infinilabs/tauri-plugin-updater.git" {
		t.Errorf("updater = %+v %+v", up, g)
	}
	if sw := entry(t, lk, "string-width", "4.2.3"); sw.Key != "node_modules/string-width-cjs" || !sw.Dev {
		t.Errorf("alias = %+v", sw)
	}
	b := entry(t, lk, "@scope/b", "")
	if !b.Optional || b.Source != SourceRegistry || URLHost(b.Resolved) != "npm.corp.example" {
		t.Errorf("b = %+v", b)
	}
	for _, e := range lk.Entries {
		if strings.Contains(e.Key, "action-copy-curl") && e.Source != SourceWorkspace {
			t.Errorf("workspace %q = %s", e.Key, e.Source)
		}
	}
	if e := entry(t, lk, "bundled", ""); e.Source != SourceUnknown {
		t.Errorf("bundled = %s", e.Source)
	}
}

func TestPackageLockHostile(t *testing.T) {
	for src, want := range map[string]string{
		`{"lockfileVersion": 7, "packages": {"node_modules/a": {"version": "1.0.0"}}}`: "1:21",
		`{"packages": {}}`:         "1:1",
		`{"lockfileVersion": "3"}`: "1:1",
	} {
		lk, err := ParsePackageLock(file("package-lock.json", src))
		if err != nil {
			t.Fatal(err)
		}
		if len(lk.Diagnostics) != 1 || at(lk.Diagnostics[0].Loc) != want {
			t.Errorf("%s: %v (want one at %s)", src, lk.Diagnostics, want)
		}
	}
	lk, _ := ParsePackageLock(file("package-lock.json", `{"lockfileVersion": 7, "packages": {"node_modules/a": {"version": "1.0.0"}}}`))
	if len(lk.Entries) != 1 {
		t.Error("an unknown version still yields entries")
	}
	for _, n := range []int{0, 1, 50, 300, len(packageLockV3) - 2} {
		if _, err := ParsePackageLock(file("package-lock.json", packageLockV3[:n])); err == nil {
			t.Errorf("truncated at %d parsed", n)
		}
	}
	if _, err := ParsePackageLock(file("package-lock.json", "[1,2]")); err != nil {
		t.Error(err)
	}
}
