package deps

import (
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ParsePackageLock parses a package-lock.json or npm-shrinkwrap.json of
// lockfileVersion 1 (the nested `dependencies` tree), 2 or 3 (the flat
// `packages` map; v2 also carries the v1 tree, which is ignored).
func ParsePackageLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseJSON(f, false)
	if err != nil {
		return nil, err
	}
	lk := PackageLockFromNode(f, root)
	lk.Diagnostics = append(diags, lk.Diagnostics...)
	return lk, nil
}

// PackageLockFromNode reads a package-lock.json from its parsed tree.
func PackageLockFromNode(f *source.File, root *source.Node) *Lockfile {
	lk := &Lockfile{Kind: PackageLockKind}
	if f != nil {
		lk.File = f.Path
	}
	if root == nil || root.Kind != source.Object {
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, root, "package-lock.json is not a JSON object"))
		return lk
	}
	v := root.Get("lockfileVersion")
	lk.Version, _ = v.Number()
	switch lk.Version {
	case "1", "2", "3":
	case "":
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, root, "package-lock.json has no numeric lockfileVersion"))
	default:
		lk.Diagnostics = append(lk.Diagnostics, nodeErr(f, v, "unknown package-lock.json lockfileVersion %s (known: 1–3)", lk.Version))
	}
	if pk := root.Get("packages"); pk != nil {
		npmPackages(lk, pk)
	} else {
		npmTree(lk, root.Get("dependencies"), 0)
	}
	return lk
}

// npmPackages reads the v2/v3 `packages` map.
func npmPackages(lk *Lockfile, pk *source.Node) {
	for _, m := range pk.Members() {
		if m.Name == "" || m.Value.Kind != source.Object {
			continue // the root project itself
		}
		v := m.Value
		e := npmEntry(m.Name, v)
		i := strings.LastIndex(m.Name, "node_modules/")
		switch {
		case v.Get("name").String() != "":
			e.Name = v.Get("name").String() // aliases record the real name
		case i >= 0:
			e.Name = m.Name[i+len("node_modules/"):]
		default:
			e.Name = m.Name
		}
		switch {
		case v.Get("link").IsTrue():
			e.Source = SourceWorkspace
		case i < 0:
			e.Source = SourceWorkspace // a workspace package folder
		}
		e.Dependencies = append(v.Get("dependencies").Keys(), v.Get("optionalDependencies").Keys()...)
		lk.Entries = append(lk.Entries, e)
	}
}

// npmTree reads the v1 nested `dependencies` tree.
func npmTree(lk *Lockfile, deps *source.Node, depth int) {
	if depth > source.MaxDepth {
		return
	}
	for _, m := range deps.Members() {
		if m.Value.Kind != source.Object {
			continue
		}
		e := npmEntry(m.Name, m.Value)
		e.Name = m.Name
		e.Dependencies = m.Value.Get("requires").Keys()
		lk.Entries = append(lk.Entries, e)
		npmTree(lk, m.Value.Get("dependencies"), depth+1)
	}
}

// npmEntry reads the fields both layouts share.
func npmEntry(key string, v *source.Node) *LockEntry {
	e := &LockEntry{Ecosystem: Npm, Key: key, Loc: v.KeyLocation()}
	e.VersionLoc, e.ResolvedLoc, e.IntegrityLoc = e.Loc, e.Loc, e.Loc
	e.Version = stringAt(v, "version", &e.VersionLoc)
	e.Resolved = stringAt(v, "resolved", &e.ResolvedLoc)
	e.Integrity = stringAt(v, "integrity", &e.IntegrityLoc)
	e.Dev = v.Get("dev").IsTrue() || v.Get("devOptional").IsTrue()
	e.Optional = v.Get("optional").IsTrue()
	src := e.Resolved
	if src == "" && strings.Contains(e.Version, ":") {
		src = e.Version // v1 writes git/file sources in `version`
	}
	e.Source = npmSourceKind(src)
	if v.Get("inBundle").IsTrue() || v.Get("bundled").IsTrue() {
		e.Source = SourceUnknown // shipped inside its parent's tarball
	}
	return e
}

// npmSourceKind classifies a resolved URL or spec.
func npmSourceKind(s string) SourceKind {
	switch {
	case s == "":
		return SourceUnknown
	case strings.HasPrefix(s, "git+"), strings.HasPrefix(s, "git://"), strings.HasPrefix(s, "github:"),
		strings.HasPrefix(s, "git@"):
		return SourceGit
	case strings.HasPrefix(s, "file:"), strings.HasPrefix(s, "link:"):
		return SourcePath
	case strings.HasPrefix(s, "workspace:"):
		return SourceWorkspace
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		if _, _, _, ok := codeload(s); ok {
			return SourceGit // an archive of one commit of a GitHub repository
		}
		if IsRegistryTarball(s) {
			return SourceRegistry
		}
		return SourceTarball
	case !strings.Contains(s, ":"):
		return SourceWorkspace // a relative folder (npm workspaces)
	}
	return SourceUnknown
}

// IsRegistryTarball reports whether URL s has the npm registry tarball
// shape ".../<name>/-/<name>-<version>.tgz", as registry.npmjs.org,
// registry.yarnpkg.com and private registries serve them.
func IsRegistryTarball(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return strings.Contains(u.Path, "/-/") && strings.HasSuffix(u.Path, ".tgz")
}

// URLHost returns the lower-case host of URL s ("" when s is no URL).
func URLHost(s string) string {
	u, err := url.Parse(strings.TrimPrefix(s, "git+"))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
