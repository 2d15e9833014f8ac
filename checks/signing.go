package checks

import "github.com/tauriaudit/tauriaudit/rules"

// signingRules lists the TA-GIT, TA-BIN and TA-REL rules.
func signingRules() []*rules.Rule { return nil }
