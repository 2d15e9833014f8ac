package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
)

// remoteURL is one remote.urls entry of a capability that can match a
// caller on a target.
type remoteURL struct {
	t     *rules.Target
	v     *audit.View
	cap   *capabilities.Capability
	url   *capabilities.RemoteURL
	shape audit.URLScope
}

// remoteURLs lists, per audited target, the view's remote.urls entries.
func remoteURLs(p *rules.Project) []remoteURL {
	var out []remoteURL
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, r := range v.RemoteURLs() {
			out = append(out, remoteURL{t: t, v: v, cap: r.Cap, url: r.URL, shape: r.Scope})
		}
	})
	return out
}

// grantsText summarises what a capability grants, for messages.
func grantsText(v *audit.View, c *capabilities.Capability) string {
	if hr := v.HighRiskIDs(v.CapGrants(c), true); len(hr) > 0 {
		return "including " + listText(hr, 4)
	}
	return "every permission of capability \"" + c.Identifier + "\""
}

// shellEntry is a shell scope entry that execute or spawn consults.
type shellEntry struct {
	t   *rules.Target
	use *audit.ScopeUse
}

// shellEntries lists, per target, the shell scope entries some granted
// execute/spawn command consults.
func shellEntries(p *rules.Project) []shellEntry {
	var out []shellEntry
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ShellUses() {
			out = append(out, shellEntry{t: t, use: u})
		}
	})
	return out
}

// httpEntry is an http plugin allow entry that a granted fetch consults.
type httpEntry struct {
	t *rules.Target
	audit.HTTPEntry
}

// httpEntries lists, per target, the http allow URLs some granted fetch
// consults.
func httpEntries(p *rules.Project) []httpEntry {
	var out []httpEntry
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, e := range v.HTTPEntries() {
			out = append(out, httpEntry{t: t, HTTPEntry: e})
		}
	})
	return out
}
