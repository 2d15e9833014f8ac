package deps

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

const twoTauris = `version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "serde",
 "tauri 2.1.0",
]

[[package]]
name = "other-app"
version = "0.1.0"
dependencies = ["tauri 2.5.0"]

[[package]]
name = "tauri"
version = "2.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tauri"
version = "2.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
`

func TestLockedCrate(t *testing.T) {
	lk, err := ParseCargoLock(&source.File{Path: "Cargo.lock", Data: []byte(twoTauris)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ app, crate, want string }{
		{"app", "tauri", "2.1.0"},       // the app crate's own dependency
		{"other-app", "tauri", "2.5.0"}, // another app of the workspace
		{"", "tauri", "2.5.0"},          // unknown app: the highest
		{"missing", "tauri", "2.5.0"},   // app not locked: the highest
		{"app", "serde", "1.0.0"},       // a single locked version
		{"app", "absent", ""},
	} {
		got := ""
		if e := lk.LockedCrate(c.app, c.crate); e != nil {
			got = e.Version
		}
		if got != c.want {
			t.Errorf("LockedCrate(%q, %q) = %q, want %q", c.app, c.crate, got, c.want)
		}
	}
	if (*Lockfile)(nil).LockedCrate("app", "tauri") != nil {
		t.Error("a nil lockfile locks nothing")
	}
}

func TestHighestCargo(t *testing.T) {
	es := []*LockEntry{{Version: "bad"}, {Version: "2.0.0-rc.1"}, {Version: "2.0.0"}, {Version: "2.0.0+x"}, {Version: "1.9.9"}}
	if got := highestCargo(es); got.Version != "2.0.0+x" {
		t.Errorf("highest = %q", got.Version)
	}
}
