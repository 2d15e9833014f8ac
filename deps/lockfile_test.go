package deps

import "testing"

func TestParseLockfile(t *testing.T) {
	cases := map[string]string{
		"a/package-lock.json": packageLockV3, "npm-shrinkwrap.json": packageLockV2, "x/pnpm-lock.yaml": pnpmV9,
		"yarn.lock": yarnBerry, "web/bun.lock": bunLock, "src-tauri/Cargo.lock": lockV4,
	}
	for p, src := range cases {
		if !IsLockfile(p) {
			t.Errorf("%s not recognised", p)
		}
		lk, err := ParseLockfile(file(p, src))
		if err != nil || len(lk.Entries) == 0 || lk.File != p {
			t.Errorf("%s: %v", p, err)
		}
	}
	if IsLockfile("bun.lockb") || IsLockfile("Cargo.toml") {
		t.Error("not lockfiles")
	}
	if _, err := ParseLockfile(file("package.json", "{}")); err == nil {
		t.Error("package.json is no lockfile")
	}
	lk, _ := ParseLockfile(file("pnpm-lock.yaml", pnpmV9))
	if got := lk.Packages("react-dom"); len(got) != 1 || got[0].Version != "18.2.0" {
		t.Errorf("Packages = %+v", got)
	}
}
