package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPUnsafeEval reports 'unsafe-eval' in the directive governing scripts.
var CSPUnsafeEval = &rules.Rule{
	ID:       "TA-CSP-003",
	Name:     "csp-unsafe-eval",
	Title:    "content security policy allows 'unsafe-eval'",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"csp"},
	CWE:      []int{95},
	Doc: `` + "`'unsafe-eval'`" + ` re-enables ` + "`eval()`" + `, ` + "`new Function()`" + ` and string arguments to
` + "`setTimeout`" + `: any attacker-controlled string that reaches one of those sinks becomes code running
with the window's IPC rights.

**Fix:** remove it. If only WebAssembly needs it, use ` + "`'wasm-unsafe-eval'`" + `, which allows
compiling WebAssembly and nothing else.

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' 'unsafe-eval'"
// good
"csp": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
` + "```" + `

**Scope.** CSP3 decides string compilation with ` + "`script-src`" + `, falling back to ` + "`default-src`" + `; the
rule checks exactly that directive. The catalog also names ` + "`script-src-elem`" + ` and
` + "`script-src-attr`" + `, but ` + "`'unsafe-eval'`" + ` has no effect there, so it is not reported there.

**False positives.** ` + "`'wasm-unsafe-eval'`" + ` is fine. Some template engines need eval; prefer
precompiled templates. When the policy has no ` + "`script-src`" + `, Tauri's injection creates one
(` + "`'self'`" + ` plus hashes) as soon as the bundle has scripts, and that one, not ` + "`default-src`" + `, then
governs scripts: the rule stays silent about ` + "`default-src`" + ` when it can see such a bundle in the
scanned tree, and reports it otherwise because it cannot tell.`,
	Run: cspUnsafeEval,
}

func cspUnsafeEval(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, d := range scriptDirectives(pass.Project, ct, "script-src") {
			s := d.Find(csp.UnsafeEval)
			if s == nil {
				continue
			}
			pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Subject: d.Name + " " + csp.UnsafeEval,
				Message: fmt.Sprintf("%s allows %s for scripts", d.Text, s.Text)})
		}
	}
	return nil
}
