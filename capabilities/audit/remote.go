package audit

import (
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// RemoteURL is one remote.urls entry of a capability that can match a
// caller.
type RemoteURL struct {
	Cap   *capabilities.Capability
	URL   *capabilities.RemoteURL
	Scope URLScope
}

// RemoteURLs lists the remote.urls entries of the enabled capabilities
// active on the target that name some window or webview; a capability
// that matches no caller is TA-ACL-011's. Patterns that do not compile
// are TA-ACL-010's.
func (v *View) RemoteURLs() []RemoteURL {
	v.remoteOnce.Do(func() {
		for _, c := range v.Caps {
			if !CapReachable(c) {
				continue
			}
			for _, u := range c.Remote {
				if sc, ok := CompileURLScope(u.Pattern); ok {
					v.remoteURLs = append(v.remoteURLs, RemoteURL{Cap: c, URL: u, Scope: sc})
				}
			}
		}
	})
	return v.remoteURLs
}

// WebRemote reports whether remote web origins get a capability's grants
// (a custom scheme pattern such as app://* names the app's own protocol).
func WebRemote(c *capabilities.Capability) bool {
	return slices.ContainsFunc(c.Remote, func(u *capabilities.RemoteURL) bool {
		sc, ok := CompileURLScope(u.Pattern)
		return ok && sc.Web()
	})
}

// HTTPEntry is an http plugin allow entry that a granted fetch consults.
type HTTPEntry struct {
	Use   *ScopeUse
	URL   string
	Scope URLScope
}

// HTTPEntries lists the http allow URLs some granted fetch consults. The
// http plugin compiles them as URLPatterns (rules.md §2.7).
func (v *View) HTTPEntries() []HTTPEntry {
	var out []HTTPEntry
	for _, u := range v.ScopeUses("http") {
		url, ok := u.Val.Str("url")
		if !ok || len(u.Commands([]string{"fetch"})) == 0 {
			continue
		}
		if sc, ok := CompileURLScope(url); ok {
			out = append(out, HTTPEntry{Use: u, URL: url, Scope: sc})
		}
	}
	return out
}

// AnyHost reports an entry that admits every host (or every site under a
// public suffix).
func (e HTTPEntry) AnyHost() bool { return e.Scope.AnyHost() || e.Scope.SharedSuffix() != "" }

// HighRiskGranted reports whether an enabled capability grants a
// high-risk permission of rules.md §0.4, locally or to remote origins.
// A capability that names no window still counts: its author meant the
// grant, and TA-ACL-011 reports that it never applies.
func (v *View) HighRiskGranted() bool {
	v.riskOnce.Do(func() {
		v.risky = slices.ContainsFunc(v.Grants, func(g *Grant) bool { return v.HighRisk(g, g.Remote()) })
	})
	return v.risky
}
