package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// JSR is the JavaScript registry Deno resolves jsr: imports from.
const JSR Ecosystem = "jsr"

// ParseDenoLock parses deno.lock as deno 1.x (version 3) and 2.x (versions
// 4 and 5) write it. npm packages are keyed "name@version", with a peer
// suffix after "_" ("react-dom@18.2.0_react@18.2.0"), and carry an npm
// integrity string; jsr packages are keyed "@scope/name@version" with a
// SHA-256 hex integrity. Version 3 nests both under "packages". Remote
// module hashes ("remote") are not packages and are not listed.
func ParseDenoLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseJSON(f, true)
	if err != nil {
		return nil, err
	}
	lk := &Lockfile{Kind: DenoLockKind, File: f.Path, Diagnostics: diags}
	if root == nil || root.Kind != source.Object {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, root, "deno.lock is not a JSON object"))
		return lk, nil
	}
	v := root.Get("version")
	lk.Version, _ = v.Str()
	tables := root
	switch lk.Version {
	case "3":
		tables = root.Get("packages")
	case "4", "5":
	default:
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, v, "unknown deno.lock version %q (known: 3, 4, 5)", lk.Version))
	}
	for _, eco := range []Ecosystem{Npm, JSR} {
		for _, m := range tables.Get(string(eco)).Members() {
			if e := denoEntry(lk, f, eco, m); e != nil {
				lk.Entries = append(lk.Entries, e)
			}
		}
	}
	return lk, nil
}

func denoEntry(lk *Lockfile, f *source.File, eco Ecosystem, m *source.Member) *LockEntry {
	name, version, ok := splitNameAt(m.Name)
	if !ok || version == "" {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, m.Value, "deno.lock %s package %q is not \"name@version\"", eco, m.Name))
		return nil
	}
	version, _, _ = strings.Cut(version, "_") // npm peer-dependency suffix
	loc := m.Value.KeyLocation()
	e := &LockEntry{Ecosystem: eco, Name: name, Version: version, Source: SourceRegistry, Key: m.Name,
		Loc: loc, VersionLoc: loc, ResolvedLoc: loc, IntegrityLoc: loc}
	if in := m.Value.Get("integrity"); in != nil {
		e.Integrity, _ = in.Str()
		e.IntegrityLoc = in.Location()
	}
	if tb := m.Value.Get("tarball"); tb != nil {
		e.Resolved, _ = tb.Str()
		e.ResolvedLoc = tb.Location()
		e.Source = SourceTarball
	}
	deps := m.Value.Get("dependencies")
	for _, it := range deps.Items() { // versions 4 and 5: a list
		if s, ok := it.Str(); ok {
			e.Dependencies = append(e.Dependencies, s)
		}
	}
	for _, dm := range deps.Members() { // version 3: name -> "name@version"
		e.Dependencies = append(e.Dependencies, dm.Name)
	}
	return e
}
