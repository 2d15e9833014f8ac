package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPConfiguredNonce reports nonces written into the configured policy.
var CSPConfiguredNonce = &rules.Rule{
	ID:       "TA-CSP-017",
	Name:     "csp-configured-nonce",
	Title:    "content security policy has a fixed nonce",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"csp"},
	CWE:      []int{330, 79},
	Doc: `A nonce only protects when it is new for every page load and unknown to the attacker. A
` + "`'nonce-…'`" + ` written into ` + "`app.security.csp`" + ` is the same on every load of every install, and ships
inside the app for anyone to read: injected markup that carries it (` + "`<script nonce=\"…\">`" + `) runs as if
it were the app's. Tauri already puts a fresh nonce of its own on the tags that need one and
adds it to the policy at runtime, so a configured nonce is never needed.

CSP Evaluator's nonce checks are part of this rule: a nonce shorter than 8 characters is
guessable even where it is fresh, and one that is not base64 is ignored by the webview (the
message says so).

Reported as a warning in a directive that governs scripts, as a note elsewhere (styles).

**Fix:** remove the nonce from the config and from the HTML, and keep Tauri's injection on:

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' 'nonce-r4nd0m'"
// good
"csp": "default-src 'self'; script-src 'self'"
` + "```" + `

**False positives.** None known: Tauri gives the configured policy to every page unchanged but for
its own additions, so a configured nonce cannot be per-load.`,
	Run: cspConfiguredNonce,
}

func cspConfiguredNonce(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, d := range ct.policy.Directives {
			if !csp.IsSourceList(d.Name) {
				continue
			}
			level := rules.Note
			if governsScripts(ct.policy, d) {
				level = ""
			}
			for _, s := range d.Sources {
				value, ok := nonceValue(s)
				if !ok {
					continue
				}
				f := rules.Finding{Location: s.Loc, Level: level, Subject: d.Name + " " + s.Text,
					Message: fmt.Sprintf("%s in %s is fixed in the config: injected markup can carry it", s.Text, d.Text)}
				switch {
				case s.Kind != csp.Nonce:
					f.Level = rules.Note
					f.Message = fmt.Sprintf("%s in %s is not base64, so the webview ignores it", s.Text, d.Text)
				case len(strings.TrimRight(value, "=")) < 8:
					f.Message += fmt.Sprintf(", and at %d characters it is too short to be unguessable", len(strings.TrimRight(value, "=")))
				}
				pass.ReportOn(ct.Target, f)
			}
		}
	}
	return nil
}

// nonceValue returns the value of a quoted 'nonce-…' source, valid or not.
func nonceValue(s *csp.Source) (string, bool) {
	t := s.Text
	if len(t) < len("'nonce-'") || t[0] != '\'' || t[len(t)-1] != '\'' || !strings.EqualFold(t[1:7], "nonce-") {
		return "", false
	}
	return t[7 : len(t)-1], true
}

// governsScripts reports whether d is the directive in effect for some
// kind of script.
func governsScripts(pol *csp.Policy, d *csp.Directive) bool {
	for _, name := range []string{"script-src", "script-src-elem", "script-src-attr", "worker-src"} {
		if pol.Effective(name) == d {
			return true
		}
	}
	return false
}
