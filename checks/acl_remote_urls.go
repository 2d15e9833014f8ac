package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// remoteURL is one remote.urls entry of a capability that can match a
// caller on a target.
type remoteURL struct {
	t     *rules.Target
	v     *aclView
	cap   *capabilities.Capability
	url   *capabilities.RemoteURL
	shape urlShape
}

// remoteURLs lists the remote.urls entries of the enabled capabilities
// active on each target that name some window or webview; a capability
// that matches no caller is TA-ACL-011's. Patterns that do not compile
// are TA-ACL-010's.
func remoteURLs(p *rules.Project) []remoteURL {
	// Shared by several rules; parsing patterns compiles URLPatterns.
	return p.Memo("checks.remoteURLs", func() any { return collectRemoteURLs(p) }).([]remoteURL)
}

func collectRemoteURLs(p *rules.Project) []remoteURL {
	var out []remoteURL
	forEachView(p, func(t *rules.Target, v *aclView) {
		for _, c := range v.caps {
			if !capReachable(c) {
				continue
			}
			for _, u := range c.Remote {
				if sh, ok := parseURLShape(u.Pattern); ok {
					out = append(out, remoteURL{t: t, v: v, cap: c, url: u, shape: sh})
				}
			}
		}
	})
	return out
}

// grantsText summarises what a capability grants, for messages.
func grantsText(v *aclView, c *capabilities.Capability) string {
	if hr := v.highRiskIDs(v.capGrants(c), true); len(hr) > 0 {
		return "including " + listText(hr, 4)
	}
	return "every permission of capability \"" + c.Identifier + "\""
}
