package checks

import "github.com/tauriaudit/tauriaudit/rules"

// v1Rules lists the TA-V1 rules.
func v1Rules() []*rules.Rule {
	return []*rules.Rule{
		V1Config,           // TA-V1-001
		V1AllowlistAll,     // TA-V1-002
		V1RemoteIPCDomains, // TA-V1-003
		V1HTTPScheme,       // TA-V1-004
	}
}

// isV1 reports whether the app's base config is a Tauri v1 config: v2
// rules of every family skip such apps.
func isV1(p *rules.Project) bool { return rules.V1.Of(p).V1 }
