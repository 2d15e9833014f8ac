package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

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

// hasAppACLManifest reports whether app commands go through the ACL: the
// app has a permissions/ folder, or build.rs declares an AppManifest
// (spec §0.3(4), HAS_APP_ACL_MANIFEST).
func hasAppACLManifest(p *rules.Project) bool {
	if len(p.FilesUnder(p.Path("permissions"))) > 0 {
		return true
	}
	b := rules.RustFacts.Of(p).Build
	return b != nil && b.AppManifest
}

// appCommandsOpenToRemote reports escalation (b) of TA-CFG-003: before
// Tauri 2.11.1 remote origins could call every app command when the app
// had no app ACL manifest (spec §3, tauri PR 15266).
func appCommandsOpenToRemote(p *rules.Project) bool {
	return versionBefore(tauriVersion(p), "2.11.1") && rules.RustFacts.Of(p).RegistersCommands && !hasAppACLManifest(p)
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
	for _, c := range aclViewOf(p, t).Caps {
		if len(c.Permissions) > 0 && audit.CapMatchesLabel(c, label, t.Platform) && audit.RemoteMatches(c, url) {
			return true
		}
	}
	return false
}

// nodeKind returns n's kind, or 0 for an absent node.
func nodeKind(n *source.Node) source.Kind {
	if n == nil {
		return 0
	}
	return n.Kind
}
