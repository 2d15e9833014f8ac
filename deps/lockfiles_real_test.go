package deps

import (
	"os"
	"strings"
	"testing"
)

// The lockfiles in testdata/lockfiles were written by the real tools
// (bun 1.4.5, deno 2.9.6, yarn 4.18.1, installed from npm) for a tiny
// project depending on @tauri-apps/api and @tauri-apps/cli.
func readLock(t *testing.T, name, as string) *Lockfile {
	t.Helper()
	data, err := os.ReadFile("testdata/lockfiles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	lk, err := ParseLockfile(file(as, string(data)))
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, name, lk.Diagnostics)
	return lk
}

func entryNamed(lk *Lockfile, name string) *LockEntry {
	for _, e := range lk.Entries {
		if e.Name == name {
			return e
		}
	}
	return nil
}

func TestBunLockVersion2(t *testing.T) {
	lk := readLock(t, "bun-1.4.5.bun.lock", "bun.lock")
	if lk.Version != "2" || len(lk.Entries) != 38 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	api := entryNamed(lk, "@tauri-apps/api")
	if api == nil || api.Version != "2.1.1" || !strings.HasPrefix(api.Integrity, "sha512-") || api.Loc.Start.Line == 0 {
		t.Fatalf("@tauri-apps/api: %+v", api)
	}
	for _, e := range lk.Entries {
		if e.Integrity == "" {
			t.Errorf("%s has no integrity", e.Name)
		}
	}
}

func TestDenoLock(t *testing.T) {
	lk := readLock(t, "deno-2.9.6.deno.lock", "deno.lock")
	if lk.Kind != DenoLockKind || lk.Version != "5" || len(lk.Entries) != 2 {
		t.Fatalf("%s version %q, %d entries", lk.Kind, lk.Version, len(lk.Entries))
	}
	api := entryNamed(lk, "@tauri-apps/api")
	if api == nil || api.Ecosystem != Npm || api.Version != "2.1.1" || !strings.HasPrefix(api.Integrity, "sha512-") ||
		api.Loc.Start.Line != 8 || api.IntegrityLoc.Start.Line != 9 {
		t.Fatalf("@tauri-apps/api: %+v", api)
	}
}

// Versions 3 (deno 1.x, tables under "packages", dependencies as a map)
// and 4 (deno 2.0-2.2) as deno documents them, with jsr packages and an
// npm peer suffix.
func TestDenoLockFormats(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"v3", `{"version": "3", "packages": {
  "specifiers": {"jsr:@std/path@^1": "jsr:@std/path@1.0.8", "npm:react-dom@18": "npm:react-dom@18.2.0_react@18.2.0"},
  "jsr": {"@std/path@1.0.8": {"integrity": "548fa456bb6a04d3c1a1e7477986b6cffbce95102d0bb447c67c4ee70e0364be"}},
  "npm": {"react-dom@18.2.0_react@18.2.0": {"integrity": "sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==", "dependencies": {"react": "react@18.2.0"}}}
}, "remote": {"https://deno.land/std@0.200.0/path/mod.ts": "abc"}}`},
		{"v4", `{"version": "4",
  "specifiers": {"jsr:@std/path@^1": "1.0.8", "npm:react-dom@18": "18.2.0_react@18.2.0"},
  "jsr": {"@std/path@1.0.8": {"integrity": "548fa456bb6a04d3c1a1e7477986b6cffbce95102d0bb447c67c4ee70e0364be"}},
  "npm": {"react-dom@18.2.0_react@18.2.0": {"integrity": "sha512-6IMTriUmvsjHUjNtEDudZfuDQUoWXVxKHhlEGSk81n4YFS+r/Kl99wXiwlVXtPBtJenozv2P+hxDsw9eA7Xo6g==", "dependencies": ["react"]}},
  "remote": {"https://deno.land/std@0.200.0/path/mod.ts": "abc"}}`},
	} {
		lk, err := ParseDenoLock(file("deno.lock", tc.text))
		if err != nil {
			t.Fatal(err)
		}
		noDiags(t, tc.name, lk.Diagnostics)
		if len(lk.Entries) != 2 {
			t.Fatalf("%s: %d entries", tc.name, len(lk.Entries))
		}
		path, dom := entryNamed(lk, "@std/path"), entryNamed(lk, "react-dom")
		if path == nil || path.Ecosystem != JSR || path.Version != "1.0.8" || path.Integrity == "" {
			t.Errorf("%s: @std/path %+v", tc.name, path)
		}
		if dom == nil || dom.Ecosystem != Npm || dom.Version != "18.2.0" || len(dom.Dependencies) != 1 {
			t.Errorf("%s: react-dom %+v", tc.name, dom)
		}
	}
}

func TestDenoLockHostile(t *testing.T) {
	for _, text := range []string{`[]`, `{"version": "9", "npm": {"x": {}}}`, `{"version": "5", "npm": {"@": 1, "a@": {}}}`, `{"version": 5}`} {
		lk, err := ParseDenoLock(file("deno.lock", text))
		if err != nil {
			continue
		}
		if len(lk.Diagnostics) == 0 {
			t.Errorf("%s: no diagnostic", text)
		}
	}
}

// Yarn never records a checksum for packages it installs only on some
// platforms; their conditions are kept so no rule mistakes that for a
// missing integrity hash.
func TestYarnBerryConditions(t *testing.T) {
	lk := readLock(t, "yarn-4.18.1.yarn.lock", "yarn.lock")
	cond := 0
	for _, e := range lk.Entries {
		switch {
		case strings.HasPrefix(e.Name, "@tauri-apps/cli-"):
			cond++
			if e.Conditions == "" || !e.Optional || e.Integrity != "" {
				t.Errorf("%s: conditions %q integrity %q", e.Name, e.Conditions, e.Integrity)
			}
		case e.Source == SourceRegistry && e.Integrity == "":
			t.Errorf("%s: no checksum", e.Name)
		}
	}
	if cond != 10 {
		t.Errorf("%d conditional entries, want 10", cond)
	}
}

func FuzzDenoLock(f *testing.F) {
	f.Add(`{"version":"5","npm":{"a@1.0.0_b@2":{"integrity":"sha512-x","dependencies":["b"]}},"jsr":{"@s/p@1.0.0":{}}}`)
	f.Add(`{"version":"3","packages":{"npm":{"a@1.0.0":{"dependencies":{"b":"b@1"}}}}}`)
	f.Fuzz(func(t *testing.T, text string) {
		lk, err := ParseDenoLock(file("deno.lock", text))
		if err == nil {
			for _, e := range lk.Entries {
				_ = e.Loc.Start.Line
			}
		}
	})
}
