package checks

import "github.com/tauriaudit/tauriaudit/rules"

// aclRules lists the TA-ACL and TA-SCP rules.
func aclRules() []*rules.Rule { return nil }
