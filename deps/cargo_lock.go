package deps

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Cargo index URLs of crates.io, as Cargo.lock `source` values spell them.
const (
	CratesIOGit    = "registry+https://github.com/rust-lang/crates.io-index"
	CratesIOSparse = "sparse+https://index.crates.io/"
)

// IsCratesIO reports whether a Cargo.lock source is crates.io.
func IsCratesIO(src string) bool { return src == CratesIOGit || src == CratesIOSparse }

// newestCargoLock is the newest Cargo.lock format version known.
const newestCargoLock = 4

// ParseCargoLock parses a Cargo.lock of any format version (1–4). The
// version is the `version` key (3 or 4; Cargo rejects any other value)
// or, without it, 1 or 2 as Cargo infers it: 1 when [metadata] holds
// checksums, 2 when packages carry inline checksums or short dependency
// strings, else 1.
func ParseCargoLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	if lk, ok := cargoLockFast(f); ok {
		return lk, nil
	}
	return cargoLockFromTOML(f)
}

// cargoLockFromTOML reads a Cargo.lock through the TOML parser, which
// reports what is wrong with an irregular file.
func cargoLockFromTOML(f *source.File) (*Lockfile, error) {
	root, diags, err := source.ParseTOML(f)
	if err != nil {
		return nil, err
	}
	lk := CargoLockFromNode(f, root)
	lk.Diagnostics = append(diags, lk.Diagnostics...)
	return lk, nil
}

// CargoLockFromNode reads a Cargo.lock from its parsed TOML tree.
func CargoLockFromNode(f *source.File, root *source.Node) *Lockfile {
	lk := &Lockfile{Kind: CargoLockKind}
	if f != nil {
		lk.File = f.Path
	}
	if root == nil || root.Kind != source.Object {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, root, "Cargo.lock is not a TOML table"))
		return lk
	}
	meta := root.Get("metadata")
	lk.Version = cargoLockVersion(lk, f, root, meta)
	pkgs := root.Get("package")
	if pkgs != nil && pkgs.Kind != source.Array {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, pkgs, "`package` must be an array of tables"))
	}
	for _, p := range pkgs.Items() {
		if e := cargoLockEntry(lk, f, p); e != nil {
			lk.Entries = append(lk.Entries, e)
		}
	}
	if lk.Version == "1" {
		attachV1Checksums(lk, meta)
	}
	return lk
}

func cargoLockVersion(lk *Lockfile, f *source.File, root, meta *source.Node) string {
	v := root.Get("version")
	if v == nil {
		return inferCargoLockVersion(root, meta)
	}
	s, _ := v.Number()
	n, err := strconv.Atoi(s)
	switch {
	case v.Kind != source.Number || err != nil:
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, v, "Cargo.lock `version` must be an integer, found %s", v.Kind))
		return "?"
	case n != 3 && n != newestCargoLock:
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, v,
			"Cargo does not understand lock file version %d (a `version` key is 3 or 4)", n))
	}
	return s
}

// inferCargoLockVersion tells the two formats without a version key
// apart.
func inferCargoLockVersion(root, meta *source.Node) string {
	for _, m := range meta.Members() {
		if strings.HasPrefix(m.Name, "checksum ") {
			return "1"
		}
	}
	for _, p := range root.Get("package").Items() {
		if p.Get("checksum") != nil {
			return "2"
		}
		for _, d := range p.Get("dependencies").Items() {
			if !strings.HasSuffix(d.String(), ")") {
				return "2" // v1 always writes "name version (source)"
			}
		}
	}
	return "1"
}

func cargoLockEntry(lk *Lockfile, f *source.File, p *source.Node) *LockEntry {
	if p.Kind != source.Object {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, p, "[[package]] entry is not a table"))
		return nil
	}
	name, version := p.Get("name"), p.Get("version")
	if _, ok := name.Str(); !ok {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, p, "[[package]] entry without a string name and version"))
		return nil
	}
	if _, ok := version.Str(); !ok {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, p, "[[package]] entry without a string name and version"))
		return nil
	}
	e := &LockEntry{
		Ecosystem: Crates, Name: name.String(), Version: version.String(),
		Loc: memberLoc(name), VersionLoc: version.Location(),
	}
	e.Key = e.Name + " " + e.Version
	if src := p.Get("source"); src != nil {
		e.Resolved, e.ResolvedLoc = src.String(), src.Location()
	}
	e.Source = cargoSourceKind(e.Resolved)
	if sum := p.Get("checksum"); sum != nil {
		e.Integrity, e.IntegrityLoc = sum.String(), sum.Location()
	}
	for _, d := range p.Get("dependencies").Items() {
		if s, ok := d.Str(); ok {
			e.Dependencies = append(e.Dependencies, s)
		}
	}
	return e
}

// memberLoc spans an object member from its key to the end of its value.
func memberLoc(n *source.Node) source.Location {
	loc := n.KeyLocation()
	if end := n.Location().End; end.IsValid() {
		loc.End = end
	}
	return loc
}

func cargoSourceKind(src string) SourceKind {
	switch {
	case src == "":
		return SourcePath // path dependencies and workspace members have no source
	case strings.HasPrefix(src, "registry+"), strings.HasPrefix(src, "sparse+"):
		return SourceRegistry
	case strings.HasPrefix(src, "git+"):
		return SourceGit
	case strings.HasPrefix(src, "path+"):
		return SourcePath
	}
	return SourceUnknown
}

// attachV1Checksums moves v1 [metadata] "checksum <name> <version>
// (<source>)" values onto their entries.
func attachV1Checksums(lk *Lockfile, meta *source.Node) {
	byKey := map[string]*LockEntry{}
	for _, e := range lk.Entries {
		byKey[fmt.Sprintf("%s %s (%s)", e.Name, e.Version, e.Resolved)] = e
	}
	for _, m := range meta.Members() {
		key, ok := strings.CutPrefix(m.Name, "checksum ")
		if !ok {
			continue
		}
		if e := byKey[key]; e != nil {
			if s := m.Value.String(); s != "<none>" {
				e.Integrity, e.IntegrityLoc = s, m.Value.Location()
			}
		}
	}
}

// CargoLockDep is one parsed `dependencies` string of a Cargo.lock
// package: "name", "name version" or "name version (source)".
type CargoLockDep struct {
	Name, Version, Source string
}

// ParseCargoLockDep parses one Cargo.lock dependency string.
func ParseCargoLockDep(s string) CargoLockDep {
	var d CargoLockDep
	rest := s
	if i := strings.IndexByte(rest, '('); i >= 0 && strings.HasSuffix(rest, ")") {
		d.Source = rest[i+1 : len(rest)-1]
		rest = strings.TrimSpace(rest[:i])
	}
	d.Name, d.Version, _ = strings.Cut(rest, " ")
	return d
}
