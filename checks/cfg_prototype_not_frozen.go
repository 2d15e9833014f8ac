package checks

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// PrototypeNotFrozen reports app.security.freezePrototype absent or false.
var PrototypeNotFrozen = &rules.Rule{
	ID:       "TA-CFG-012",
	Name:     "prototype-not-frozen",
	Title:    "app.security.freezePrototype is off",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"config"},
	CWE:      []int{1321},
	Doc: `app.security.freezePrototype (default false) makes Tauri freeze Object.prototype in pages served
by its custom protocol. A frozen prototype blunts prototype-pollution gadgets in the frontend
and in the IPC glue, a common step from a data-injection bug to script control.

**Fix:** set freezePrototype to true and test the app: a few libraries patch built-in
prototypes and break.

Bad:

~~~json
{ "app": { "security": { "csp": "default-src 'self'" } } }
~~~

Good:

~~~json
{ "app": { "security": { "csp": "default-src 'self'", "freezePrototype": true } } }
~~~

**False positives:** the option applies only to content served by the custom protocol, so the
rule is silent when frontendDist is a remote URL. Hardening advice, kept at note level.`,
	Run: prototypeNotFrozen,
}

func prototypeNotFrozen(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		if t.Config == nil || !csp.EmbedsAssets(t.Config) {
			continue
		}
		n := t.Config.At("app", "security", "freezePrototype")
		switch {
		case n == nil:
			pass.ReportOn(t, rules.Finding{Location: t.Config.AbsentLocation("app", "security", "freezePrototype"),
				Subject: "freezePrototype", Message: "app.security.freezePrototype is not set, so Object.prototype stays writable"})
		case !n.IsTrue():
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "freezePrototype",
				Message: "app.security.freezePrototype is " + valueText(n) + ", so Object.prototype stays writable"})
		}
	}
	return nil
}
