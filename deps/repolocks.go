package deps

import (
	"path"
	"slices"
	"strings"
)

// vendoredDirs hold copies of other projects' files or test inputs, not
// lockfiles the repository builds with.
var vendoredDirs = []string{"vendor", "vendored", "third_party", "third-party", "testdata", "fixtures",
	"__fixtures__", "test-fixtures", "node_modules", "bower_components"}

// IsVendored reports whether a root-relative path lies in a vendored,
// dependency or fixture folder.
func IsVendored(rel string) bool {
	return slices.ContainsFunc(strings.Split(path.Dir(rel), "/"), func(seg string) bool {
		return slices.Contains(vendoredDirs, seg)
	})
}

// StrayLockfiles returns every lockfile of the scanned tree that is not
// in used (the lockfiles some app builds with): the locks of tools, xtask
// crates, scripts and sub-projects, in path order, each parsed once per
// scan. Vendored and fixture trees are skipped; files over the size caps
// are not read (the engine reports them).
func StrayLockfiles(fs *Files, used map[string]bool) []*Lockfile {
	var out []*Lockfile
	for _, rel := range fs.tree.FilesUnder(".") {
		if !IsLockfile(rel) || used[rel] || IsVendored(rel) {
			continue
		}
		var lk *Lockfile
		if path.Base(rel) == "Cargo.lock" {
			lk = fs.CargoLock(rel)
		} else {
			lk = fs.Lockfile(rel)
		}
		if lk != nil {
			out = append(out, lk)
		}
	}
	return out
}
