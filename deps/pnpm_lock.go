package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// ParsePnpmLock parses a pnpm-lock.yaml. Package keys differ by format:
// 5.x "/name/1.0.0_peer@2", 6.x "/name@1.0.0(peer@2)", 9.x
// "name@1.0.0"; tarball and git packages use a URL key and record name
// and version as fields, which take precedence over the key. The regular
// files pnpm writes are read by a fast line reader (pnpm_fast.go); any
// other shape goes through the YAML parser.
func ParsePnpmLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxYAMLBytes); err != nil {
		return nil, err
	}
	if lk, ok := pnpmFast(f); ok {
		return lk, nil
	}
	return parsePnpmYAML(f)
}

func parsePnpmYAML(f *source.File) (*Lockfile, error) {
	d, err := parseYAML(f, MaxYAMLBytes)
	if err != nil {
		return nil, err
	}
	lk := &Lockfile{Kind: PnpmLockKind, File: f.Path}
	root := d.root
	if root == nil || root.Kind != yaml.MappingNode {
		lk.Diagnostics = append(lk.Diagnostics, errLoc(d.loc(root), "pnpm-lock.yaml is not a mapping"))
		return lk, nil
	}
	vn := get(root, "lockfileVersion")
	lk.Version = str(vn)
	major, _, _ := strings.Cut(lk.Version, ".")
	switch major {
	case "5", "6", "9":
	default:
		lk.Diagnostics = append(lk.Diagnostics, errLoc(d.loc(vn), "unknown pnpm lockfileVersion %q (known: 5.x, 6.x, 9.x)", lk.Version))
	}
	pk := get(root, "packages")
	if pk != nil && pk.Kind != yaml.MappingNode && pk.Tag != "!!null" {
		lk.Diagnostics = append(lk.Diagnostics, errLoc(d.loc(pk), "`packages` must be a mapping, found %s", kindName(pk)))
	}
	for _, p := range pairs(pk) {
		if e := pnpmEntry(d, major, p); e != nil {
			lk.Entries = append(lk.Entries, e)
		}
	}
	return lk, nil
}

func pnpmEntry(d *ydoc, major string, p ypair) *LockEntry {
	key := str(p.Key)
	if key == "" {
		return nil
	}
	e := &LockEntry{Ecosystem: Npm, Key: key, Loc: d.loc(p.Key)}
	e.VersionLoc, e.ResolvedLoc, e.IntegrityLoc = e.Loc, e.Loc, e.Loc
	e.Name, e.Version = pnpmKey(key, major)
	v := p.Value
	if n := get(v, "name"); str(n) != "" {
		e.Name = str(n)
	}
	if n := get(v, "version"); str(n) != "" {
		e.Version, e.VersionLoc = str(n), d.loc(n)
	}
	e.Dev = str(get(v, "dev")) == "true"
	e.Optional = str(get(v, "optional")) == "true"
	for _, dp := range pairs(get(v, "dependencies")) {
		e.Dependencies = append(e.Dependencies, str(dp.Key))
	}
	pnpmResolution(d, e, get(v, "resolution"))
	return e
}

// pnpmKey splits a package key into name and version.
func pnpmKey(key, major string) (string, string) {
	k := key
	if i := strings.IndexByte(k, '('); i > 0 {
		k = k[:i] // 6.x/9.x peer suffix
	}
	slash := strings.HasPrefix(k, "/")
	k = strings.TrimPrefix(k, "/")
	name, ver, ok := splitNameAt(k)
	if slash && (major == "5" || !ok) {
		// 5.x: "/name/1.0.0" or "/@scope/name/1.0.0_peer@2"
		i := strings.LastIndexByte(k, '/')
		if i <= 0 {
			return k, ""
		}
		ver, _, _ = strings.Cut(k[i+1:], "_")
		return k[:i], ver
	}
	if !ok {
		return k, ""
	}
	return name, ver
}

// pnpmResolution reads `resolution: {integrity, tarball, type, repo,
// commit, directory}`.
func pnpmResolution(d *ydoc, e *LockEntry, r *yaml.Node) {
	if n := get(r, "integrity"); n != nil {
		e.Integrity, e.IntegrityLoc = str(n), d.loc(n)
	}
	switch typ := str(get(r, "type")); {
	case typ == "git":
		repo, commit := get(r, "repo"), str(get(r, "commit"))
		e.Source, e.Resolved, e.ResolvedLoc = SourceGit, "git+"+str(repo)+"#"+commit, d.loc(repo)
	case typ == "directory":
		dir := get(r, "directory")
		e.Source, e.Resolved, e.ResolvedLoc = SourcePath, "file:"+str(dir), d.loc(dir)
	case get(r, "tarball") != nil:
		t := get(r, "tarball")
		e.Resolved, e.ResolvedLoc = str(t), d.loc(t)
		e.Source = npmSourceKind(e.Resolved)
		if str(get(r, "gitHosted")) == "true" {
			e.Source = SourceGit // a codeload.github.com archive of a git dependency
		}
	case e.Integrity != "":
		e.Source = SourceRegistry
	default:
		e.Source = SourceUnknown
	}
}
