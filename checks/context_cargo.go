package checks

import (
	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// tauriVersion returns the Cargo.lock entry of the tauri crate the app
// builds with, or nil when nothing is locked (the version is then unknown
// and version-gated checks stay quiet or say so). The choice among
// several locked versions is deps.Lockfile.LockedCrate's, the same the
// ACL loader and the acl command make.
func tauriVersion(p *rules.Project) *deps.LockEntry { return lockedCrate(p, "tauri") }

// lockedCrate returns the Cargo.lock entry of crate name the app builds
// with, or nil.
func lockedCrate(p *rules.Project, name string) *deps.LockEntry {
	return rules.CargoBuild.Of(p).Locked(name)
}

// versionBefore reports whether the locked entry is older than min; an
// unknown version (nil) is never "before".
func versionBefore(e *deps.LockEntry, min string) bool {
	return e != nil && deps.CargoBefore(e.Version, min)
}

// tauriCargoFeatures returns the feature strings the app's Cargo.toml
// enables on the tauri dependency (plain or per-target tables).
func tauriCargoFeatures(p *rules.Project) []*source.Node {
	m := rules.CargoBuild.Of(p).Manifest
	if m == nil {
		return nil
	}
	var out []*source.Node
	for _, d := range m.Dependencies {
		if d.Name == "tauri" && d.Kind == deps.DepNormal {
			out = append(out, d.Node.Get("features").StringItems()...)
		}
	}
	return out
}
