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
