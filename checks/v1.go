package checks

import "github.com/tauriaudit/tauriaudit/rules"

// v1Rules lists the TA-V1 rules.
func v1Rules() []*rules.Rule { return nil }
