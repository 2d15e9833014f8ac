package deps

import "testing"

const bunLock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "@tauri-apps/plugin-shell": "^2.0.0" },
    },
  },
  "packages": {
    "@tauri-apps/plugin-shell": ["@tauri-apps/plugin-shell@2.2.0", "", { "dependencies": { "@tauri-apps/api": "^2.0.0" } }, "sha512-AAA=="],

    "@tauri-apps/api": ["@tauri-apps/api@2.1.1", "https://npm.corp.example/", {}, "sha512-BBB=="],

    "ws": ["ws@workspace:packages/ws"],

    "g": ["g@github:x/g#0123456", {}, "x-g-0123456"],

    "t": ["t@https://example.com/t.tgz", {}],

    "nested/dup": ["dup@1.0.0", "", {}, "sha512-CCC=="],
  }
}
`

func TestBunLock(t *testing.T) {
	f := file("bun.lock", bunLock)
	lk, err := ParseBunLock(f)
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "bun", lk.Diagnostics)
	if lk.Version != "1" || len(lk.Entries) != 6 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	sh := entry(t, lk, "@tauri-apps/plugin-shell", "2.2.0")
	if sh.Source != SourceRegistry || sh.Integrity != "sha512-AAA==" || sh.Resolved != "" || at(sh.Loc) != "10:5" ||
		at(sh.VersionLoc) != "10:34" || len(sh.Dependencies) != 1 {
		t.Errorf("shell = %+v", sh)
	}
	if hits := Match(lk.Entries); len(hits) != 1 || hits[0].Entry != sh {
		t.Errorf("hits = %+v", hits)
	}
	if api := entry(t, lk, "@tauri-apps/api", ""); api.Resolved != "https://npm.corp.example/" || text(f, api.ResolvedLoc) != `"https://npm.corp.example/"` {
		t.Errorf("api = %+v", api)
	}
	if ws := entry(t, lk, "ws", ""); ws.Source != SourceWorkspace {
		t.Errorf("ws = %+v", ws)
	}
	if g := entry(t, lk, "g", ""); g.Source != SourceGit || g.Integrity != "" {
		t.Errorf("g = %+v", g)
	}
	if tt := entry(t, lk, "t", ""); tt.Source != SourceTarball {
		t.Errorf("t = %+v", tt)
	}
	if d := entry(t, lk, "dup", "1.0.0"); d.Key != "nested/dup" {
		t.Errorf("dup = %+v", d)
	}
}

func TestBunLockHostile(t *testing.T) {
	lk, err := ParseBunLock(file("bun.lock", `{"lockfileVersion": 9, "packages": {"a": "a@1.0.0", "b": [], "c": [1]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(lk.Diagnostics) != 4 || len(lk.Entries) != 0 {
		t.Errorf("diagnostics %v entries %d", lk.Diagnostics, len(lk.Entries))
	}
	if _, err := ParseBunLock(file("bun.lockb", "\x00\x01binary")); err == nil {
		t.Error("bun.lockb must be refused")
	}
	for n := 0; n < len(bunLock); n += 31 {
		ParseBunLock(file("bun.lock", bunLock[:n]))
	}
}
