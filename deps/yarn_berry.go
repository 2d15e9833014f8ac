package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// parseYarnBerry reads the YAML lockfile of yarn 2+: a __metadata entry
// (format version, cache key) and one mapping per resolved package, keyed
// by the descriptors it satisfies, with `version`, `resolution`,
// `checksum`, `languageName` and `linkType`.
func parseYarnBerry(f *source.File) (*Lockfile, error) {
	d, err := parseYAML(f, MaxYAMLBytes)
	if err != nil {
		return nil, err
	}
	lk := &Lockfile{Kind: YarnBerryKind, File: f.Path}
	if d.root == nil || d.root.Kind != yaml.MappingNode {
		lk.Diagnostics = append(lk.Diagnostics, errLoc(d.loc(d.root), "yarn.lock is not a mapping"))
		return lk, nil
	}
	for _, p := range pairs(d.root) {
		key := str(p.Key)
		if key == "__metadata" {
			lk.Version = str(get(p.Value, "version"))
			continue
		}
		if e := berryEntry(d, key, p); e != nil {
			lk.Entries = append(lk.Entries, e)
		}
	}
	return lk, nil
}

func berryEntry(d *ydoc, key string, p ypair) *LockEntry {
	if p.Value == nil || p.Value.Kind != yaml.MappingNode {
		return nil
	}
	e := &LockEntry{Ecosystem: Npm, Key: key, Loc: d.loc(p.Key)}
	e.VersionLoc, e.ResolvedLoc, e.IntegrityLoc = e.Loc, e.Loc, e.Loc
	if n := get(p.Value, "version"); n != nil {
		e.Version, e.VersionLoc = str(n), d.loc(n)
	}
	if n := get(p.Value, "checksum"); n != nil {
		e.Integrity, e.IntegrityLoc = str(n), d.loc(n)
	}
	if n := get(p.Value, "conditions"); n != nil {
		e.Conditions, e.Optional = str(n), true
	}
	res := get(p.Value, "resolution")
	e.Resolved = str(res)
	if res != nil {
		e.ResolvedLoc = d.loc(res)
	}
	first, _, _ := strings.Cut(key, ",")
	e.Name, _, _ = splitNameAt(strings.TrimSpace(first))
	var ref string
	if name, r, ok := splitNameAt(e.Resolved); ok {
		e.Name, ref = name, r
	}
	e.Source = berrySource(ref)
	for _, dp := range pairs(get(p.Value, "dependencies")) {
		e.Dependencies = append(e.Dependencies, str(dp.Key))
	}
	return e
}

// berrySource classifies the protocol part of a berry resolution.
func berrySource(ref string) SourceKind {
	switch {
	case strings.HasPrefix(ref, "npm:"):
		return SourceRegistry
	case strings.HasPrefix(ref, "workspace:"):
		return SourceWorkspace
	case strings.HasPrefix(ref, "link:"), strings.HasPrefix(ref, "portal:"), strings.HasPrefix(ref, "file:"):
		return SourcePath
	case strings.HasPrefix(ref, "patch:"):
		if strings.Contains(ref, "@npm%3A") {
			return SourceRegistry // a built-in or local patch of a registry package
		}
		return SourceUnknown
	case strings.Contains(ref, "#commit="), strings.HasPrefix(ref, "github:"):
		return SourceGit
	}
	return npmSourceKind(ref)
}
