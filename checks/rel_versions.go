package checks

import (
	"path"
	"regexp"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// parseUpdaterVersion parses a version as the updater does: leading "v"s
// trimmed, then strict SemVer 2.0.0 (the semver crate's grammar).
func parseUpdaterVersion(s string) (deps.Version, bool) {
	v, err := deps.ParseVersion(strings.TrimLeft(s, "v"))
	return v, err == nil
}

// appVersionInfo is the version the app is built with and where it
// comes from.
type appVersionInfo struct {
	Version deps.Version
	Raw     string
	From    string // "src-tauri/tauri.conf.json", "package.json", "src-tauri/Cargo.toml"
}

// appVersion resolves the app's version as Tauri does: the config's
// version (v1: package.version), which may be a path to a JSON file with a
// version field (package.json, relative to the config); when absent the
// Cargo package version, following version.workspace = true. ok is false
// when nothing resolves to a semantic version.
func appVersion(p *rules.Project) (appVersionInfo, bool) {
	if p.Base == nil {
		return appVersionInfo{}, false
	}
	root := p.Base.Root
	n := root.Get("version")
	if n == nil && isV1(p) {
		n = root.Get("package").Get("version")
	}
	if s, ok := n.Str(); ok && s != "" {
		if strings.HasSuffix(s, ".json") {
			rel := p.Path(s)
			if js := p.Parse(rel, rules.JSONStrict); js != nil {
				return versionInfo(js.Get("version").String(), rel)
			}
			return appVersionInfo{}, false
		}
		return versionInfo(s, p.Base.File.Path)
	}
	m := p.Manifest()
	cv := m.Get("package").Get("version")
	if cv.Get("workspace").IsTrue() {
		if dir := rules.CargoBuild.Of(p).WorkspaceRoot(); dir != "" {
			rel := path.Join(dir, "Cargo.toml")
			return versionInfo(p.Parse(rel, rules.TOML).Get("workspace").Get("package").Get("version").String(), rel)
		}
		return appVersionInfo{}, false
	}
	return versionInfo(cv.String(), p.Path("Cargo.toml"))
}

func versionInfo(raw, from string) (appVersionInfo, bool) {
	v, ok := parseUpdaterVersion(raw)
	return appVersionInfo{Version: v, Raw: raw, From: from}, ok
}

// releaseTag is a git tag naming a release version.
type releaseTag struct {
	Name    string
	Prefix  string // "app" in app-v1.2.3, "" in v1.2.3
	Version deps.Version
}

// tagVersionRx splits prefix-v1.2.3, prefix@1.2.3, prefix/v1.2.3, v1.2.3
// and 1.2.3 tags.
var tagVersionRx = regexp.MustCompile(`^(?:(.*?)[-_/@])?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// repoReleaseTags are the repository's tags that name versions.
func repoReleaseTags(p *rules.Project) []releaseTag {
	var out []releaseTag
	for _, name := range rules.RepoTags.Of(p) {
		m := tagVersionRx.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		if v, err := deps.ParseVersion(m[2]); err == nil {
			out = append(out, releaseTag{Name: name, Prefix: m[1], Version: v})
		}
	}
	return out
}

// appReleaseTags keeps the tags that name releases of this app: bare
// versions (v1.2.3), and prefixed ones whose prefix is the app's name
// (productName, mainBinaryName, the Cargo or npm package name, the last
// identifier segment) or "app" (tauri-action's app-v__VERSION__).
func appReleaseTags(p *rules.Project) []releaseTag {
	names := map[string]bool{"app": true}
	add := func(s string) {
		if n := normName(s); n != "" {
			names[n] = true
		}
	}
	if p.Base != nil {
		r := p.Base.Root
		add(r.Get("productName").String())
		add(r.Get("mainBinaryName").String())
		add(r.Get("package").Get("productName").String())
		id := r.Get("identifier").String()
		add(id[strings.LastIndex(id, ".")+1:])
	}
	add(p.Manifest().Get("package").Get("name").String())
	if pj := p.FindUp("package.json"); pj != "" {
		name := p.Parse(pj, rules.JSONStrict).Get("name").String()
		add(name)
		add(name[strings.LastIndex(name, "/")+1:])
	}
	var out []releaseTag
	for _, t := range repoReleaseTags(p) {
		if t.Prefix == "" || names[normName(t.Prefix)] {
			out = append(out, t)
		}
	}
	return out
}

// normName lower-cases s and keeps letters and digits, so "My App",
// "my-app" and "my_app" compare equal.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// newestReleaseTag returns the highest tag version; prerelease tags count
// only when withPre is set (a stable channel is not behind a beta tag).
func newestReleaseTag(tags []releaseTag, withPre bool) (releaseTag, bool) {
	var best releaseTag
	found := false
	for _, t := range tags {
		if t.Version.IsPrerelease() && !withPre {
			continue
		}
		if !found || t.Version.Compare(best.Version) > 0 {
			best, found = t, true
		}
	}
	return best, found
}
