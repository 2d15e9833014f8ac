package checks

import "github.com/tauriaudit/tauriaudit/rules"

// depRules lists the TA-DEP rules.
func depRules() []*rules.Rule { return nil }
