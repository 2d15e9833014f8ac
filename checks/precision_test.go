package checks

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules"
)

// TestEveryRuleHasPrecision: GitHub orders alerts by precision, so each
// rule states one deliberately (precision.go), and the table names only
// rules that exist.
func TestEveryRuleHasPrecision(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range All() {
		ids[r.ID] = true
		if !r.Precision.Valid() {
			t.Errorf("%s has no precision: add it to checks/precision.go", r.ID)
		}
	}
	for id := range precision {
		if !ids[id] {
			t.Errorf("precision.go names %s, which is not a rule", id)
		}
	}
}

// TestSeverityInLevelBand: a rule's security-severity rates its default
// level as GitHub shows it (error high or critical, warning medium, note
// low), so the docs and the SARIF log agree.
func TestSeverityInLevelBand(t *testing.T) {
	for _, r := range All() {
		if lo, hi := rules.SeverityBand(r.Level); r.Severity < lo || r.Severity > hi {
			t.Errorf("%s: level %s with security-severity %s, outside %s..%s", r.ID, r.Level,
				rules.SeverityText(r.Severity), rules.SeverityText(lo), rules.SeverityText(hi))
		}
	}
}
