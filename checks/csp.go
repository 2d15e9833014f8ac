package checks

import "github.com/tauriaudit/tauriaudit/rules"

// cspRules lists the TA-CSP rules.
func cspRules() []*rules.Rule { return nil }
