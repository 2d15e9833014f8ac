package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CapabilityOverlapMerge reports windows whose high-risk permissions come
// from several capabilities.
var CapabilityOverlapMerge = &rules.Rule{
	ID:       "TA-ACL-008",
	Name:     "capability-overlap-merge",
	Title:    "several capabilities merge into one window's permissions",
	Level:    rules.Note,
	Severity: 3.0,
	Tags:     []string{"acl"},
	CWE:      []int{269},
	Doc: `Two or more capabilities apply to the same window (or webview) label, and the union of what they
grant contains a high-risk permission. Tauri merges every matching capability: a reviewer who
reads one capability file underestimates what the window can do, and a capability written for
another window (often through a glob such as ` + "`*`" + `) silently adds to it.

The result names each capability that applies and the high-risk permissions each contributes.
The catalog's wording ("an HR permission that no single capability documents") is read as: the
window's high-risk set is only visible when the capabilities are read together.

**Fix:** review the effective permission set per window (TA-ACL-009 lists it); consolidate into one
capability per trust level, with explicit labels.

**False positives:** common and often intended (a shared "base" capability plus a per-window one);
kept at note level.`,
	Run: capabilityOverlapMerge,
}

func capabilityOverlapMerge(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		refs, holders := v.LocalHolders()
		for _, r := range refs {
			caps := holders[audit.HolderKey(r)]
			if len(caps) < 2 || len(v.HighRiskIDs(v.LocalGrants(caps), false)) == 0 {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: r.Locate(), Subject: r.Label,
				Message: fmt.Sprintf("%s gets the union of %d capabilities: %s", r, len(caps), contributions(v, caps))})
		}
	})
	return nil
}

// contributions names each capability with its high-risk grants.
func contributions(v *audit.View, caps []*capabilities.Capability) string {
	var parts []string
	for _, c := range caps {
		hr := v.HighRiskIDs(v.CapGrants(c), false)
		if len(hr) == 0 {
			parts = append(parts, fmt.Sprintf("%q", c.Identifier))
			continue
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", c.Identifier, listText(hr, 3)))
	}
	return strings.Join(parts, ", ")
}
