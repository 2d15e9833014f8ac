package checks

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// All returns every rule, in ID order. Callers may modify the slice.
func All() []*rules.Rule {
	rs := []*rules.Rule{InvalidFile, rules.IgnoreExpired, rules.IgnoreUnused}
	rs = append(rs, cfgRules()...)
	rs = append(rs, cspRules()...)
	rs = append(rs, v1Rules()...)
	rs = append(rs, signingRules()...)
	rs = append(rs, aclRules()...)
	rs = append(rs, depRules()...)
	slices.SortFunc(rs, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rs
}
