package rules

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Level is the SARIF level of a finding: how loudly it is reported and
// whether it fails the run under --fail-on.
type Level string

// The levels, from most to least severe.
const (
	Error   Level = "error"
	Warning Level = "warning"
	Note    Level = "note"
)

// Rank orders levels: error 3, warning 2, note 1, anything else 0.
func (l Level) Rank() int {
	switch l {
	case Error:
		return 3
	case Warning:
		return 2
	case Note:
		return 1
	}
	return 0
}

// ParseLevel accepts "error", "warning", "note" and "none".
func ParseLevel(s string) (Level, error) {
	switch l := Level(s); l {
	case Error, Warning, Note, "none":
		return l, nil
	}
	return "", fmt.Errorf("unknown level %q (want error, warning, note or none)", s)
}

// A Rule is one check. Rules are package-level values in checks/ and are
// listed in checks.All; nothing registers itself.
type Rule struct {
	ID       string  // "TA-CSP-003": stable forever, never reused
	Name     string  // "csp-unsafe-eval": kebab-case, unique, accepted wherever an ID is
	Title    string  // one line, lower-case, no final period
	Doc      string  // Markdown: why it matters, how to fix it, an example
	Level    Level   // default level of its findings
	Severity float64 // GitHub security-severity, 0.1..10.0 with one decimal
	// Tags name the rule's area ("csp", "supply-chain"); reports add
	// "security" and one tag per CWE.
	Tags []string
	CWE  []int // CWE numbers the rule's findings are instances of
	Gate bool  // fails the release gate (--mode release) whatever its level
	// Precision is how often the rule's findings are true (SARIF
	// properties.precision); checks/precision.go sets it for every rule.
	Precision Precision
	// Final rules run after all others, so they see everything the others
	// caused to be read (TA-CFG-000 reports unreadable files).
	Final bool
	// Run reports findings through the Pass. Its error is for bugs and
	// impossible states only, never for a finding.
	Run func(*Pass) error
}

var (
	idPattern   = lazyre.New(`^TA-(CFG|CSP|ACL|SCP|IPC|DEP|GIT|BIN|REL|V1)-\d{3}$`)
	namePattern = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Validate checks that every rule is complete and that IDs and names are
// well formed and unique.
func Validate(rs []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rs {
		switch {
		case !idPattern.MatchString(r.ID):
			return fmt.Errorf("rule %q: malformed ID", r.ID)
		case !namePattern.MatchString(r.Name):
			return fmt.Errorf("rule %s: malformed name %q", r.ID, r.Name)
		case r.Title == "" || r.Doc == "" || r.Run == nil:
			return fmt.Errorf("rule %s: title, doc and run are required", r.ID)
		case r.Level.Rank() == 0:
			return fmt.Errorf("rule %s: bad level %q", r.ID, r.Level)
		case !validSeverity(r.Severity):
			return fmt.Errorf("rule %s: security-severity %v is not one of 0.1, 0.2, … 10.0", r.ID, r.Severity)
		case slices.ContainsFunc(r.CWE, func(n int) bool { return n <= 0 }):
			return fmt.Errorf("rule %s: bad CWE number in %v", r.ID, r.CWE)
		}
		for _, k := range []string{r.ID, r.Name} {
			if seen[k] {
				return fmt.Errorf("rule %s: %q used twice", r.ID, k)
			}
			seen[k] = true
		}
	}
	return nil
}

// validSeverity reports whether s is in 0.1..10.0 with one decimal, so
// that it prints exactly as written (SeverityText).
func validSeverity(s float64) bool {
	back, err := strconv.ParseFloat(SeverityText(s), 64)
	return err == nil && back == s && s >= 0.1 && s <= 10
}

// Precision says how often a rule's findings are true: very-high and
// high for rules decided by exact config semantics, medium and low for
// heuristics (source lexing, text search, entropy). GitHub orders alerts
// by it.
type Precision string

// The precisions GitHub code scanning accepts.
const (
	VeryHigh Precision = "very-high"
	High     Precision = "high"
	Medium   Precision = "medium"
	Low      Precision = "low"
)

// Valid reports whether p is one of the four precisions.
func (p Precision) Valid() bool {
	return p == VeryHigh || p == High || p == Medium || p == Low
}

// SeverityBand is the security-severity range GitHub shows as the
// level's own rating: error is high or critical (7.0 and up), warning
// medium (4.0–6.9), note low (0.1–3.9).
func SeverityBand(l Level) (lo, hi float64) {
	switch l {
	case Error:
		return 7.0, 10.0
	case Warning:
		return 4.0, 6.9
	}
	return 0.1, 3.9
}

// SeverityAt is the rule's security-severity moved into the band of
// level l, so a result shown at l is rated as l (a note is never
// "critical", an error never "low").
func (r *Rule) SeverityAt(l Level) float64 {
	lo, hi := SeverityBand(l)
	return min(max(r.Severity, lo), hi)
}

// SeverityText formats a security-severity the way GitHub reads it: "5.5".
func SeverityText(s float64) string { return strconv.FormatFloat(s, 'f', 1, 64) }

// Find returns the rule with the given ID or name.
func Find(rs []*Rule, idOrName string) *Rule {
	for _, r := range rs {
		if r.ID == idOrName || r.Name == idOrName {
			return r
		}
	}
	return nil
}
