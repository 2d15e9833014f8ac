package checks

import (
	"github.com/tauriaudit/tauriaudit/internal/isolation"
	"github.com/tauriaudit/tauriaudit/rules"
)

// IsolationNotUsed reports the brownfield pattern in an app that grants
// high-risk permissions.
var IsolationNotUsed = &rules.Rule{
	ID:       "TA-CFG-013",
	Name:     "isolation-not-used",
	Title:    "high-risk permissions without the isolation pattern",
	Level:    rules.Note,
	Severity: 3.0,
	Tags:     []string{"config"},
	CWE:      []int{1357},
	Doc: `app.security.pattern is brownfield (the default) while a capability grants a high-risk permission
(shell execution, file writes, process exit, window creation, ...). With the isolation pattern,
every IPC message first goes through a small, separately served script that can validate or
refuse it before it reaches Rust, which limits what a compromised npm dependency or an XSS in
the main frontend can do with those permissions.

**Fix:** use the isolation pattern with a minimal hook that checks each command and its
arguments; keep the hook tiny and free of dependencies.

Bad:

~~~json
{ "app": { "security": { "pattern": { "use": "brownfield" } } } }
~~~

Good:

~~~json
{ "app": { "security": { "pattern": { "use": "isolation", "options": { "dir": "../isolation" } } } } }
~~~

**False positives:** isolation does not help when the isolation script itself is compromised or
passes everything through; a hook that validates nothing gains nothing, so an app whose hook
returns every message unchanged (see TA-CFG-021) is reported as not isolated. Advice, kept at
note level.`,
	Run: isolationNotUsed,
}

func isolationNotUsed(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) || !highRiskGranted(p) {
		return nil
	}
	for _, t := range p.Targets {
		if t.Config == nil {
			continue
		}
		pattern := t.Config.At("app", "security", "pattern")
		if isIsolation(pattern) {
			if h, _ := rules.IsolationHookOf(p, t); h.Status == isolation.Found && h.Func.Verdict != isolation.Judges {
				pass.ReportOn(t, rules.Finding{Location: pattern.Location(), Subject: "pattern",
					Message: "the app grants high-risk permissions and its isolation hook checks nothing (TA-CFG-021): ipc messages reach Rust unchecked"})
			}
			continue
		}
		loc := pattern.Location()
		if pattern == nil {
			loc = t.Config.AbsentLocation("app", "security", "pattern")
		}
		pass.ReportOn(t, rules.Finding{Location: loc, Subject: "pattern",
			Message: "the app grants high-risk permissions without the isolation pattern to check ipc messages"})
	}
	return nil
}
