package deps

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// lockParsers maps lockfile base names to their parsers.
var lockParsers = map[string]func(*source.File) (*Lockfile, error){
	"Cargo.lock":          ParseCargoLock,
	"package-lock.json":   ParsePackageLock,
	"npm-shrinkwrap.json": ParsePackageLock,
	"pnpm-lock.yaml":      ParsePnpmLock,
	"yarn.lock":           ParseYarnLock,
	"bun.lock":            ParseBunLock,
	"deno.lock":           ParseDenoLock,
}

// IsLockfile reports whether a path names a lockfile ParseLockfile reads
// (by base name; bun.lockb, the binary format, is not one).
func IsLockfile(p string) bool { return lockParsers[path.Base(p)] != nil }

// ParseLockfile parses f with the parser its base name selects.
func ParseLockfile(f *source.File) (*Lockfile, error) {
	parse := lockParsers[path.Base(f.Path)]
	if parse == nil {
		return nil, fmt.Errorf("%s: not a known lockfile name", f.Path)
	}
	return parse(f)
}

// Packages returns the entries for package name, in file order.
func (lk *Lockfile) Packages(name string) []*LockEntry {
	var out []*LockEntry
	for _, e := range lk.Entries {
		if e.Name == name {
			out = append(out, e)
		}
	}
	return out
}
