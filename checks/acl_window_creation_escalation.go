package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// WindowCreationEscalation reports window creation granted to windows
// that are not the most privileged, or to remote origins.
var WindowCreationEscalation = &rules.Rule{
	ID:       "TA-ACL-006",
	Name:     "window-creation-escalation",
	Title:    "a less privileged window may create windows",
	Level:    rules.Warning,
	Severity: 6.8,
	Tags:     []string{"acl"},
	CWE:      []int{269},
	Doc: `` + "`core:window:allow-create`" + `, ` + "`core:webview:allow-create-webview-window`" + ` or
` + "`core:webview:allow-create-webview`" + ` is granted to remote origins, or to windows that another
capability does not cover while that other capability grants high-risk permissions they lack.
Capabilities bind to labels, not to content: a page that can create a window chooses its label
and its URL, so it can open its own content in a window whose label a more privileged capability
matches, and inherit those permissions.

"More privileged" is decided on the resolved ACL: another capability that grants a high-risk
command (rules.md §0.4) that the creating capability does not, and whose windows do not already
include the creating windows.

**Fix:** create windows from Rust, or grant creation only to the most privileged window; give
privileged windows label names that a created window cannot reuse, and never grant creation to
remote origins.

Bad:

~~~json
[{ "identifier": "viewer", "windows": ["viewer-*"], "permissions": ["core:window:allow-create"] },
 { "identifier": "admin", "windows": ["admin"], "permissions": ["shell:allow-execute"] }]
~~~

**False positives:** Tauri rejects a duplicate label while the privileged window is open, which
narrows but does not close the gap (the page can wait until it is closed).`,
	Run: windowCreationEscalation,
}

func windowCreationEscalation(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		seen := map[*capabilities.Entry]bool{}
		for _, g := range v.Live() {
			if seen[g.Entry] || !slices.ContainsFunc(g.Commands, func(c string) bool { return audit.HasCommand(audit.WindowCreation, g.Key, c) }) {
				continue
			}
			seen[g.Entry] = true
			if f, ok := creationFinding(v, g); ok {
				pass.ReportOn(t, f)
			}
		}
	})
	return nil
}

func creationFinding(v *audit.View, g *audit.Grant) (rules.Finding, bool) {
	loc, _ := grantWhere(g)
	f := rules.Finding{Location: loc, Subject: g.Entry.ID.Raw}
	if audit.WebRemote(g.Cap) {
		f.Message = fmt.Sprintf("capability %q lets remote origins (%s) create windows with %s", g.Cap.Identifier, remoteList(g.Cap), g.ID)
		return f, true
	}
	mine := capCommandSet(v, g.Cap)
	for _, other := range v.Caps {
		if other == g.Cap || !audit.CapReachable(other) || coversWindows(other, g.Cap) {
			continue
		}
		var extra []string
		for _, og := range v.CapGrants(other) {
			if v.HighRisk(og, false) && !subsetCommands(og, mine) && !createsOnly(og) && !slices.Contains(extra, og.ID) {
				extra = append(extra, og.ID)
			}
		}
		if len(extra) > 0 {
			f.Message = fmt.Sprintf("capability %q (%s) may create windows with %s, and capability %q grants more to %s: %s",
				g.Cap.Identifier, capWho(g.Cap), g.ID, other.Identifier, capWho(other), listText(extra, 4))
			f.Related = []rules.Related{{Location: capIDNode(other).Location(), Message: "the more privileged capability"}}
			return f, true
		}
	}
	return f, false
}

// capCommandSet returns the invoked names a capability's live grants
// allow.
func capCommandSet(v *audit.View, c *capabilities.Capability) map[string]bool {
	out := map[string]bool{}
	for _, g := range v.CapGrants(c) {
		for _, cmd := range g.Commands {
			out[audit.CommandKey(g.Key, cmd)] = true
		}
	}
	return out
}

// createsOnly: creating windows in another way is no gain for a page that
// already creates windows.
func createsOnly(g *audit.Grant) bool {
	return !slices.ContainsFunc(g.Commands, func(c string) bool { return !audit.HasCommand(audit.WindowCreation, g.Key, c) })
}

func subsetCommands(g *audit.Grant, set map[string]bool) bool {
	return !slices.ContainsFunc(g.Commands, func(c string) bool { return !set[audit.CommandKey(g.Key, c)] })
}

// coversWindows reports whether capability a already applies to every
// window and webview pattern of b: b's windows then hold a's grants.
func coversWindows(a, b *capabilities.Capability) bool {
	all := append(slices.Clone(a.Windows), a.Webviews...)
	if slices.ContainsFunc(all, func(l *capabilities.Label) bool { return matchesAll(l.Pattern, "") }) {
		return true
	}
	for _, l := range append(slices.Clone(b.Windows), b.Webviews...) {
		if !slices.ContainsFunc(all, func(m *capabilities.Label) bool { return m.Pattern == l.Pattern }) {
			return false
		}
	}
	return true
}
