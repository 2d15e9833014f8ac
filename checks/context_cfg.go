package checks

import (
	"path"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// configAt follows camelCase config keys from n (kebab-case aliases accepted).
func configAt(n *source.Node, keys ...string) *source.Node {
	for _, k := range keys {
		n = n.Field(k)
	}
	return n
}

// absentLocation locates a finding about the missing key at keys: it points
// at the deepest existing object on the path but carries the pointer of
// the absent key. Missing tokens are spelled camelCase, the canonical form
// Tauri.toml accepts too.
func absentLocation(root *source.Node, keys ...string) source.Location {
	if root == nil {
		return source.Location{}
	}
	n, i := root, 0
	for ; i < len(keys); i++ {
		m := n.Field(keys[i])
		if m == nil {
			break
		}
		n = m
	}
	loc := n.Location()
	ptr := n.Pointer
	for _, k := range keys[i:] {
		ptr = source.Child(ptr, k)
	}
	loc.Pointer = ptr
	return loc
}

// cargoLockVersion is a package version read from Cargo.lock.
type cargoLockVersion struct {
	Version string
	Node    *source.Node // the version value, for related locations
}

// tauriVersion returns the version of the tauri crate in the nearest
// Cargo.lock, or nil when there is no readable lock (the version is then
// unknown and version-gated checks stay quiet or say so). With several
// locked tauri versions the highest wins.
func tauriVersion(p *rules.Project) *cargoLockVersion {
	v, _ := p.Memo("checks.tauriVersion", func() any {
		return cargoLockPackage(p, "tauri")
	}).(*cargoLockVersion)
	return v
}

func cargoLockPackage(p *rules.Project, name string) *cargoLockVersion {
	lock := p.FindUp("Cargo.lock")
	if lock == "" {
		return nil
	}
	var best *cargoLockVersion
	for _, pkg := range p.Parse(lock, rules.TOML).Get("package").Items() {
		if pkg.Get("name").String() != name {
			continue
		}
		v := pkg.Get("version")
		if s, ok := v.Str(); ok && (best == nil || compareVersions(s, best.Version) > 0) {
			best = &cargoLockVersion{Version: s, Node: v}
		}
	}
	return best
}

// versionBefore reports whether the known version v is older than min; an
// unknown version (nil) is never "before".
func versionBefore(v *cargoLockVersion, min string) bool {
	return v != nil && compareVersions(v.Version, min) < 0
}

// compareVersions orders two semver strings ("2.11.1", "2.0.0-beta.3"):
// numeric major.minor.patch, then a pre-release sorts before its release.
func compareVersions(a, b string) int {
	ca, pa := splitVersion(a)
	cb, pb := splitVersion(b)
	for i := range 3 {
		if ca[i] != cb[i] {
			if ca[i] < cb[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case pa == pb:
		return 0
	case pa == "":
		return 1
	case pb == "":
		return -1
	}
	return comparePrerelease(pa, pb)
}

// splitVersion returns the numeric core and the pre-release part.
func splitVersion(v string) ([3]int, string) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	v, _, _ = strings.Cut(v, "+")
	core, pre, _ := strings.Cut(v, "-")
	var out [3]int
	for i, s := range strings.SplitN(core, ".", 3) {
		out[i], _ = strconv.Atoi(s)
	}
	return out, pre
}

func comparePrerelease(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		na, ea := strconv.Atoi(as[i])
		nb, eb := strconv.Atoi(bs[i])
		switch {
		case ea == nil && eb == nil && na != nb:
			if na < nb {
				return -1
			}
			return 1
		case as[i] != bs[i]:
			return strings.Compare(as[i], bs[i])
		}
	}
	return len(as) - len(bs)
}

// hasAppACLManifest reports whether app commands go through the ACL: the
// app has a permissions/ folder, or build.rs declares an AppManifest
// (spec §0.3(4), HAS_APP_ACL_MANIFEST).
func hasAppACLManifest(p *rules.Project) bool {
	if len(p.FilesUnder(p.Path("permissions"))) > 0 {
		return true
	}
	build := p.Read(p.Path("build.rs"))
	return build != nil && (strings.Contains(string(build.Data), "AppManifest") ||
		strings.Contains(string(build.Data), "app_manifest"))
}

// registersCommands reports whether the app's Rust sources call
// generate_handler!. The scan may hold no sources (config-only copies):
// then nothing is known and the answer is false, so no rule escalates on
// a guess.
func registersCommands(p *rules.Project) bool {
	v, _ := p.Memo("checks.registersCommands", func() any {
		for _, f := range p.FilesUnder(p.Path("src")) {
			if path.Ext(f) != ".rs" {
				continue
			}
			if src := p.Read(f); src != nil && strings.Contains(string(src.Data), "generate_handler!") {
				return true
			}
		}
		return false
	}).(bool)
	return v
}

// appCommandsOpenToRemote reports escalation (b) of TA-CFG-003: before
// Tauri 2.11.1 remote origins could call every app command when the app
// had no app ACL manifest (spec §3, tauri PR 15266).
func appCommandsOpenToRemote(p *rules.Project) bool {
	return versionBefore(tauriVersion(p), "2.11.1") && registersCommands(p) && !hasAppACLManifest(p)
}

// remoteCapabilityFor is escalation (a) of TA-CFG-003: whether a
// capability enabled and active on t applies to the window label (its
// window or webview globs; a window's webview carries its label) and
// lists a remote.urls pattern matching url, so the page gets IPC access.
// Patterns are tested against the page URL and against its origin, which
// is what Tauri usually tests (tauri-acl §9.4).
func remoteCapabilityFor(p *rules.Project, t *rules.Target, label, url string) bool {
	if !aclAudited(p) {
		return false
	}
	for _, c := range aclViewOf(p, t).caps {
		if len(c.Permissions) > 0 && capMatchesLabel(c, label, t.Platform) && remoteMatches(c, url) {
			return true
		}
	}
	return false
}

// tauriCargoFeatures returns the feature strings the app's Cargo.toml
// enables on the tauri dependency (plain or per-target tables).
func tauriCargoFeatures(p *rules.Project) []*source.Node {
	manifest := p.Parse(p.Path("Cargo.toml"), rules.TOML)
	deps := []*source.Node{manifest.Get("dependencies").Get("tauri")}
	for _, m := range manifest.Get("target").Members() {
		deps = append(deps, m.Value.Get("dependencies").Get("tauri"))
	}
	var out []*source.Node
	for _, d := range deps {
		out = append(out, stringItems(d.Get("features"))...)
	}
	return out
}

// nodeKind returns n's kind, or 0 for an absent node.
func nodeKind(n *source.Node) source.Kind {
	if n == nil {
		return 0
	}
	return n.Kind
}
