package audit

import (
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// CommandAccess is who the resolved ACL lets call one command.
type CommandAccess struct {
	Windows []string // window and webview label patterns
	Origins []string // "local" and remote URL patterns
	// Remote are the grants to remote web origins (a custom scheme
	// pattern such as app://* names the app's own protocol and is not
	// among them) whose capability names some window or webview.
	Remote []*capabilities.Grant
	// Denied is true when a capability denies the command: nobody can
	// call it (tauri-acl §9.2).
	Denied bool
}

// AccessOf returns the access to cmd as Tauri invokes it ("greet",
// "plugin:notes|save").
func AccessOf(r *capabilities.Resolved, cmd string) CommandAccess {
	a := CommandAccess{Denied: len(r.Denied[cmd]) > 0}
	for _, g := range r.Allowed[cmd] {
		for _, w := range append(slices.Clone(g.Windows), g.Webviews...) {
			if !slices.Contains(a.Windows, w.Pattern) {
				a.Windows = append(a.Windows, w.Pattern)
			}
		}
		origin := "local"
		if !g.Context.IsLocal() {
			origin = g.Context.Remote.Raw
			if sc, ok := CompileURLScope(origin); ok && sc.Web() && len(g.Windows)+len(g.Webviews) > 0 && !a.Denied {
				a.Remote = append(a.Remote, g)
			}
		}
		if !slices.Contains(a.Origins, origin) {
			a.Origins = append(a.Origins, origin)
		}
	}
	return a
}
