package rules

import (
	"fmt"
	"regexp"
	"strconv"
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
	ID       string // "TA-CSP-003": stable forever, never reused
	Name     string // "csp-unsafe-eval": kebab-case, unique, accepted wherever an ID is
	Title    string // one line, lower-case, no final period
	Doc      string // Markdown: why it matters, how to fix it, an example
	Level    Level  // default level of its findings
	Severity string // GitHub security-severity, "0.1".."10.0"
	Tags     []string
	Gate     bool // fails the release gate (--mode release) whatever its level
	// Final rules run after all others, so they see everything the others
	// caused to be read (TA-CFG-000 reports unreadable files).
	Final bool
	// Run reports findings through the Pass. Its error is for bugs and
	// impossible states only, never for a finding.
	Run func(*Pass) error
}

var (
	idPattern   = regexp.MustCompile(`^TA-(CFG|CSP|ACL|SCP|DEP|GIT|BIN|REL|V1)-\d{3}$`)
	namePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
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
		}
		if f, err := strconv.ParseFloat(r.Severity, 64); err != nil || f <= 0 || f > 10 {
			return fmt.Errorf("rule %s: security-severity %q not in (0, 10]", r.ID, r.Severity)
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

// Find returns the rule with the given ID or name.
func Find(rs []*Rule, idOrName string) *Rule {
	for _, r := range rs {
		if r.ID == idOrName || r.Name == idOrName {
			return r
		}
	}
	return nil
}
