package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CapabilityAllWindows reports capabilities bound to every window label.
var CapabilityAllWindows = &rules.Rule{
	ID:       "TA-ACL-005",
	Name:     "capability-all-windows",
	Title:    "a capability applies to every window or webview",
	Level:    rules.Warning,
	Severity: 5.4,
	Tags:     []string{"acl"},
	CWE:      []int{269},
	Doc: `The capability's ` + "`windows`" + ` or ` + "`webviews`" + ` list holds a glob that matches every label (` + "`*`" + `,
` + "`**`" + `, ` + "`?*`" + ` ...). Capabilities bind to labels, not to content: every present and future window —
including one created later to show remote content, or one a compromised page creates — inherits
the grants, and the security boundaries between windows disappear.

The finding is an error when the capability grants a high-risk permission (rules.md §0.4).

**Fix:** name the labels explicitly (` + "`\"windows\": [\"main\"]`" + `) and give other windows their own,
smaller capabilities.

Bad:

~~~json
{ "identifier": "default", "windows": ["*"], "permissions": ["core:default", "fs:write-all"] }
~~~

Good:

~~~json
{ "identifier": "default", "windows": ["main"], "permissions": ["core:default", "fs:allow-appdata-write"] }
~~~

**False positives:** in a single-window app ` + "`*`" + ` equals ` + "`main`" + ` today; it is still reported because the
next window inherits everything. A capability that grants only ` + "`core:default`" + ` is not reported.`,
	Run: capabilityAllWindows,
}

func capabilityAllWindows(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, c := range v.Caps {
			if !audit.CapReachable(c) || onlyCoreDefault(c) {
				continue
			}
			for _, l := range append(slices.Clone(c.Windows), c.Webviews...) {
				if matchesAll(l.Pattern, string(t.Platform)) {
					pass.ReportOn(t, allWindowsFinding(v, c, l))
					break
				}
			}
		}
	})
	return nil
}

func onlyCoreDefault(c *capabilities.Capability) bool {
	return !slices.ContainsFunc(c.Permissions, func(e *capabilities.Entry) bool { return e.ID.Raw != "core:default" })
}

func allWindowsFinding(v *audit.View, c *capabilities.Capability, l *capabilities.Label) rules.Finding {
	kind := "window"
	if slices.Contains(c.Webviews, l) {
		kind = "webview"
	}
	f := rules.Finding{Location: l.Node.Location(), Subject: c.Identifier + " " + l.Pattern,
		Message: fmt.Sprintf("capability %q applies to every %s (%s): every present and future %s inherits its grants", c.Identifier, kind, rules.Quote(l.Pattern), kind)}
	if hr := v.HighRiskIDs(v.CapGrants(c), audit.WebRemote(c)); len(hr) > 0 {
		f.Level = rules.Error
		f.Message += ", including the high-risk " + listText(hr, 4)
	}
	return f
}
