package rules

import (
	"path"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/deps"
)

// Versions are the app's version and its repository's release tags, as
// the update-manifest checks compare them. They are resolved on first use,
// not by Run: reading package.json or a workspace manifest may record
// problems, and only --artifacts scans ask.
var Versions = PerApp("release versions", func(p *Project) *AppVersions { return &AppVersions{p: p} })

// AppVersions resolves one app's version and release tags once each.
type AppVersions struct {
	p        *Project
	once     sync.Once
	version  AppVersion
	ok       bool
	tagsOnce sync.Once
	tags     []deps.ReleaseTag
}

// AppVersion is the version the app is built with and where it comes from.
type AppVersion struct {
	Version deps.Version
	Raw     string
	From    string // "src-tauri/tauri.conf.json", "package.json", "src-tauri/Cargo.toml"
}

// App returns the app's version; ok is false when nothing resolves to a
// semantic version.
func (a *AppVersions) App() (AppVersion, bool) {
	a.once.Do(func() { a.version, a.ok = resolveAppVersion(a.p) })
	return a.version, a.ok
}

// Tags returns the repository's tags that name releases of this app.
func (a *AppVersions) Tags() []deps.ReleaseTag {
	a.tagsOnce.Do(func() { a.tags = appReleaseTags(a.p) })
	return a.tags
}

// resolveAppVersion resolves the app's version as Tauri does: the config's
// version (v1: package.version), which may be a path to a JSON file with a
// version field (package.json, relative to the config); when absent the
// Cargo package version, following version.workspace = true.
func resolveAppVersion(p *Project) (AppVersion, bool) {
	if p.Base == nil {
		return AppVersion{}, false
	}
	root := p.Base.Root
	n := root.Get("version")
	if n == nil && V1.Of(p).V1 {
		n = root.Get("package").Get("version")
	}
	if s, ok := n.Str(); ok && s != "" {
		if strings.HasSuffix(s, ".json") {
			rel := p.Path(s)
			if js := p.Parse(rel, JSONStrict); js != nil {
				return versionFrom(js.Get("version").String(), rel)
			}
			return AppVersion{}, false
		}
		return versionFrom(s, p.Base.File.Path)
	}
	cv := p.Manifest().Get("package").Get("version")
	if cv.Get("workspace").IsTrue() {
		if dir := CargoBuild.Of(p).WorkspaceRoot(); dir != "" {
			rel := path.Join(dir, "Cargo.toml")
			return versionFrom(p.Parse(rel, TOML).Get("workspace").Get("package").Get("version").String(), rel)
		}
		return AppVersion{}, false
	}
	return versionFrom(cv.String(), p.Path("Cargo.toml"))
}

func versionFrom(raw, from string) (AppVersion, bool) {
	v, ok := deps.ParseUpdaterVersion(raw)
	return AppVersion{Version: v, Raw: raw, From: from}, ok
}

// appReleaseTags keeps the repository's version tags that name releases of
// this app: bare versions (v1.2.3), and prefixed ones whose prefix is the
// app's name (productName, mainBinaryName, the Cargo or npm package name,
// the last identifier segment) or "app" (tauri-action's app-v__VERSION__).
func appReleaseTags(p *Project) []deps.ReleaseTag {
	names := map[string]bool{"app": true}
	for _, n := range appNames(p) {
		if n := deps.NormName(n); n != "" {
			names[n] = true
		}
	}
	var out []deps.ReleaseTag
	for _, name := range RepoTags.Of(p) {
		if t, ok := deps.ParseReleaseTag(name); ok && (t.Prefix == "" || names[deps.NormName(t.Prefix)]) {
			out = append(out, t)
		}
	}
	return out
}

// appNames are the names a release tag may be prefixed with.
func appNames(p *Project) []string {
	var out []string
	if p.Base != nil {
		r := p.Base.Root
		id := r.Get("identifier").String()
		out = append(out, r.Get("productName").String(), r.Get("mainBinaryName").String(),
			r.Get("package").Get("productName").String(), id[strings.LastIndex(id, ".")+1:])
	}
	out = append(out, p.Manifest().Get("package").Get("name").String())
	if pj := p.FindUp("package.json"); pj != "" {
		name := p.Parse(pj, JSONStrict).Get("name").String()
		out = append(out, name, name[strings.LastIndex(name, "/")+1:])
	}
	return out
}
