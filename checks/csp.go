package checks

import "github.com/tauriaudit/tauriaudit/rules"

// cspRules lists the TA-CSP rules.
func cspRules() []*rules.Rule {
	return []*rules.Rule{
		CSPMissing,              // TA-CSP-001
		CSPDevOnly,              // TA-CSP-002
		CSPUnsafeEval,           // TA-CSP-003
		CSPUnsafeInlineActive,   // TA-CSP-004
		CSPInjectionDisabled,    // TA-CSP-005
		CSPScriptWildcard,       // TA-CSP-006
		CSPPlaintextSource,      // TA-CSP-007
		CSPNoDefaultSrc,         // TA-CSP-008
		HTMLRemoteScriptTrusted, // TA-CSP-009
		CSPRemoteScriptHost,     // TA-CSP-010
		CSPOpenConnectSrc,       // TA-CSP-011
		CSPOpenFrameSrc,         // TA-CSP-012
		CSPHardeningGaps,        // TA-CSP-013
	}
}
