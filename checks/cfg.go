package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// cfgRules lists the TA-CFG rules other than TA-CFG-000.
func cfgRules() []*rules.Rule {
	return []*rules.Rule{
		RemoteFrontendDist,       // TA-CFG-001
		PlaintextAppContent,      // TA-CFG-002
		RemoteWindowURL,          // TA-CFG-003
		DangerousWebviewArgs,     // TA-CFG-006
		WebviewBrowserExtensions, // TA-CFG-007
		PlatformOverrideWeakens,  // TA-CFG-009
		DangerousFlagSet,         // TA-CFG-010
		GlobalTauriObject,        // TA-CFG-011
		PrototypeNotFrozen,       // TA-CFG-012
		IsolationNotUsed,         // TA-CFG-013
		DevServerExposed,         // TA-CFG-014
		WebviewProxy,             // TA-CFG-015
		ResponseHeadersMisconfig, // TA-CFG-016
		DeepLinkInput,            // TA-CFG-017
		UnusedCommandsKept,       // TA-CFG-018
		AppCommandsBypassACL,     // TA-CFG-004
		ReleaseDevtools,          // TA-CFG-005
		DevBuildShipped,          // TA-CFG-008
	}
}

// configTags returns the tags of a config rule: "security" (GitHub shows
// only tagged rules as security alerts), "config", and one
// external/cwe/cwe-N tag per CWE number.
func configTags(cwes ...string) []string {
	out := []string{"security", "config"}
	for _, c := range cwes {
		out = append(out, "external/cwe/cwe-"+c)
	}
	return out
}

// appWindows returns the app.windows entries of t's config.
func appWindows(t *rules.Target) []*source.Node {
	return configAt(t.Config, "app", "windows").Items()
}

// windowLabel returns a window's label; Tauri defaults it to "main".
func windowLabel(w *source.Node) string {
	if s, ok := w.Get("label").Str(); ok {
		return s
	}
	return "main"
}
