package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CapabilityNeverApplies reports enabled capabilities that no caller can
// ever match.
var CapabilityNeverApplies = &rules.Rule{
	ID:       "TA-ACL-011",
	Name:     "capability-never-applies",
	Title:    "an enabled capability never applies to any caller",
	Level:    rules.Warning,
	Severity: 4.0,
	Tags:     []string{"acl"},
	CWE:      []int{561},
	Doc: `The capability is compiled in but Tauri never matches it to an IPC call (tauri-acl §3.1, §7.1,
§9.2): it names no window and no webview, or it has ` + "`\"local\": false`" + ` and no ` + "`remote.urls`" + `, or its
` + "`platforms`" + ` list none of the targets the app builds. The author meant to grant something — a
reviewer reading the file believes the permissions are in force, and the window that needs them
either breaks or got them from another, broader capability.

One part still applies: scope-only permissions (` + "`fs:scope`" + `, ` + "`fs:allow-<dir>-*`" + ` sets...) of an active
capability join the plugin's global scope whatever its windows (tauri-acl §7.5); the message says
so when that happens.

**Fix:** add the intended ` + "`windows`" + `/` + "`webviews`" + ` labels (or ` + "`local`" + `/` + "`remote`" + `), or delete the capability.

Bad:

~~~json
{ "identifier": "desktop", "platforms": ["linux", "macOS", "windows"], "permissions": ["updater:default"] }
~~~

Good:

~~~json
{ "identifier": "desktop", "windows": ["main"], "platforms": ["linux", "macOS", "windows"], "permissions": ["updater:default"] }
~~~

**False positives:** the platforms check runs only when the targets are chosen automatically
(desktop plus the mobile targets the app shows signs of building); with --platform it stays quiet.`,
	Run: capabilityNeverApplies,
}

func capabilityNeverApplies(pass *rules.Pass) error {
	p := pass.Project
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, c := range v.Caps {
			if why := inertReason(c); why != "" {
				msg := fmt.Sprintf("capability %q %s, so no ipc call ever matches it", c.Identifier, why)
				if ids := globalContributions(v, c); len(ids) > 0 {
					msg += "; its scope-only permissions (" + listText(ids, 3) + ") still widen the global scope"
				}
				pass.ReportOn(t, rules.Finding{Location: capIDNode(c).Location(), Subject: c.Identifier, Message: msg})
			}
		}
	})
	if aclAudited(p) && p.DefaultTargets {
		reportPlatformless(pass)
	}
	return nil
}

func inertReason(c *capabilities.Capability) string {
	switch {
	case len(c.Windows)+len(c.Webviews) == 0:
		return "names no window and no webview"
	case !c.Local && len(c.Remote) == 0:
		return "has local: false and no remote urls"
	}
	return ""
}

// globalContributions lists the entries of c that put values into a
// global scope.
func globalContributions(v *audit.View, c *capabilities.Capability) []string {
	var out []string
	for _, vals := range v.Global {
		for _, s := range vals {
			if s.Cap == c && !s.Deny && !slices.Contains(out, s.Entry.ID.Raw) {
				out = append(out, s.Entry.ID.Raw)
			}
		}
	}
	slices.Sort(out)
	return out
}

// reportPlatformless reports enabled capabilities whose platforms list
// none of the audited targets.
func reportPlatformless(pass *rules.Pass) {
	p := pass.Project
	seen := map[*capabilities.Capability]bool{}
	for _, t := range p.Targets {
		for _, c := range p.TargetACL(t).Enabled {
			if seen[c] || !c.HasPlatforms || slices.ContainsFunc(p.Platforms(), c.ActiveOn) {
				continue
			}
			seen[c] = true
			pass.Report(rules.Finding{Location: capIDNode(c).Location(), Subject: c.Identifier,
				Message: fmt.Sprintf("capability %q is limited to platforms %v, none of which the app builds (%v)", c.Identifier, c.Platforms, p.Platforms())})
		}
	}
}
