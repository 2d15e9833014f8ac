package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ParseBunLock parses bun's text lockfile bun.lock (JSON with trailing
// commas). Each `packages` value is an array whose first item is
// "name@resolution"; registry packages follow it with the registry URL
// ("" for the default), a metadata object and the integrity string. The
// binary bun.lockb format is not supported.
func ParseBunLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseJSON(f, false)
	if err != nil {
		return nil, err
	}
	lk := BunLockFromNode(f, root)
	lk.Diagnostics = append(diags, lk.Diagnostics...)
	return lk, nil
}

// BunLockFromNode reads a bun.lock from its parsed tree.
func BunLockFromNode(f *source.File, root *source.Node) *Lockfile {
	lk := &Lockfile{Kind: BunLockKind}
	if f != nil {
		lk.File = f.Path
	}
	if root == nil || root.Kind != source.Object {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, root, "bun.lock is not a JSON object"))
		return lk
	}
	v := root.Get("lockfileVersion")
	lk.Version, _ = v.Number()
	// Version 2 (bun 1.3) added configVersion and kept the packages format.
	if lk.Version != "0" && lk.Version != "1" && lk.Version != "2" {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, v, "unknown bun.lock lockfileVersion %q (known: 0, 1, 2)", lk.Version))
	}
	for _, m := range root.Get("packages").Members() {
		if e := bunEntry(lk, f, m); e != nil {
			lk.Entries = append(lk.Entries, e)
		}
	}
	return lk
}

func bunEntry(lk *Lockfile, f *source.File, m *source.Member) *LockEntry {
	first := m.Value.Index(0)
	id, ok := first.Str()
	if !ok {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, m.Value, "bun.lock package %q must be an array starting with \"name@version\"", m.Name))
		return nil
	}
	e := &LockEntry{Ecosystem: Npm, Key: m.Name, Loc: m.Value.KeyLocation(), VersionLoc: first.Location()}
	e.ResolvedLoc, e.IntegrityLoc = e.VersionLoc, e.VersionLoc
	name, spec, _ := splitNameAt(id)
	e.Name = name
	if _, err := ParseVersion(spec); err == nil {
		e.Version, e.Source = spec, SourceRegistry
		if reg := m.Value.Index(1); reg.String() != "" {
			e.Resolved, e.ResolvedLoc = reg.String(), reg.Location()
		}
	} else {
		e.Resolved, e.Source = spec, bunSource(spec)
	}
	items := m.Value.Items()
	if last := items[len(items)-1]; len(items) > 1 && strings.HasPrefix(last.String(), "sha") {
		e.Integrity, e.IntegrityLoc = last.String(), last.Location()
	}
	for _, it := range items {
		if it.Kind == source.Object {
			e.Dependencies = append(it.Get("dependencies").Keys(), it.Get("optionalDependencies").Keys()...)
			break
		}
	}
	return e
}

// bunSource classifies a non-registry bun resolution.
func bunSource(spec string) SourceKind {
	switch {
	case strings.HasPrefix(spec, "workspace:"):
		return SourceWorkspace
	case strings.HasPrefix(spec, "root:"):
		return SourceWorkspace
	case strings.HasPrefix(spec, "github:"), strings.HasPrefix(spec, "git+"), strings.HasPrefix(spec, "git@"):
		return SourceGit
	}
	return npmSourceKind(spec)
}
