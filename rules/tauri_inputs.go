package rules

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// configNameRx matches Tauri's config files: the base and platform files,
// in JSON, JSON5 and TOML.
var configNameRx = lazyre.New(`^(tauri(\.[A-Za-z]+)?\.conf\.json5?|Tauri(\.[A-Za-z]+)?\.toml)$`)

// isTauriInput says whether p (root-relative) is a file that decides what
// the app is allowed to do: a config file, a capability or permission
// file, a Cargo or npm manifest, or a lockfile. The scan cannot vouch for
// an app without them, so one that exists but cannot be read makes the
// run fail (exit 2) instead of quietly auditing less.
func isTauriInput(p string) bool {
	base := path.Base(p)
	switch {
	case configNameRx.MatchString(base), base == "Cargo.toml", base == "package.json", deps.IsLockfile(p):
		return true
	}
	switch path.Ext(base) {
	case ".json", ".json5", ".toml":
		return underACLDir(p)
	}
	return false
}

// underACLDir says whether p lies in a capabilities or permissions folder,
// which Tauri's build reads whole.
func underACLDir(p string) bool {
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if seg == "capabilities" || seg == "permissions" {
			return true
		}
	}
	return false
}

// checkInputEntry records a walked entry that is a Tauri input Tauri
// would read and the scan cannot: not a regular file (a FIFO, a device, a
// folder where a file belongs), or a symlink that leads out of the root.
func (t *tree) checkInputEntry(p string, d fs.DirEntry) {
	if d.IsDir() {
		if isTauriInput(p) {
			t.unreadInput(p, "a folder, where a file belongs")
		}
		return
	}
	if !isTauriInput(p) || d.Type().IsRegular() {
		return
	}
	info, err := fs.Stat(t.fsys, p)
	switch {
	case err != nil && strings.Contains(cleanErr(err), "escapes"):
		t.unreadInput(p, "symlink leads outside the scanned root; not followed")
	case err != nil:
		t.unreadInput(p, "%s", cleanErr(err))
	case !info.Mode().IsRegular():
		t.unreadInput(p, "not a regular file; skipped")
	}
}

// unreadInput records a Tauri input that could not be read: an error
// (TA-CFG-000) that also fails the run, see Project.UnreadInputs.
func (t *tree) unreadInput(p, format string, args ...any) {
	t.add(source.Location{File: p}, Error, true, fmt.Sprintf(format, args...))
}

// UnreadInputs returns the Tauri inputs (config, capability, permission,
// manifest and lockfiles) of the whole scan that exist but could not be
// read. Call it after Run: rules read most of them.
func (p *Project) UnreadInputs() []Problem {
	var out []Problem
	for _, pr := range p.Problems() {
		if pr.Input {
			out = append(out, pr)
		}
	}
	return out
}
