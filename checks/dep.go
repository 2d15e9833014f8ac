package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// depRules lists the TA-DEP rules.
func depRules() []*rules.Rule {
	out := []*rules.Rule{
		TauriPrerelease,             // TA-DEP-001
		MaliciousCrate,              // TA-DEP-002
		CargoGitUnpinned,            // TA-DEP-003
		CargoLockMissing,            // TA-DEP-004
		JSLockfileMissing,           // TA-DEP-005
		JSSpecUnpinned,              // TA-DEP-006
		LockfileUntrustedSource,     // TA-DEP-007
		ActionNotSHAPinned,          // TA-DEP-008
		PrivilegedWorkflowUntrusted, // TA-DEP-009
		ViteEnvPrefixLeak,           // TA-DEP-010
		RemoteScriptInBuild,         // TA-DEP-011
		ToolchainBatchInjection,     // TA-DEP-012
		LocalhostPlugin,             // TA-DEP-013
		OSVAdvisory,                 // TA-DEP-014
		CIInstallNotFrozen,          // TA-DEP-015
		TauriVersionSkew,            // TA-DEP-016
	}
	return append(out, advisoryRules()...) // TA-DEP-101…109
}

// depTags returns the tags of a dependency rule: "security" (GitHub shows
// only tagged rules as security alerts), "supply-chain", and one
// external/cwe/cwe-N tag per CWE number.
func depTags(cwes ...string) []string {
	out := []string{"security", "supply-chain"}
	for _, c := range cwes {
		out = append(out, "external/cwe/cwe-"+c)
	}
	return out
}

// depScore formats a 0–10 score as GitHub's security-severity.
func depScore(score float64) string { return fmt.Sprintf("%.1f", score) }

// depPlural returns "1 entry" / "3 entries" style counts.
func depPlural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
