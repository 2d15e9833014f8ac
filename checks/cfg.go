package checks

import "github.com/tauriaudit/tauriaudit/rules"

// cfgRules lists the TA-CFG rules other than TA-CFG-000.
func cfgRules() []*rules.Rule { return nil }
