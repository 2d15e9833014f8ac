package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPNoDefaultSrc reports a policy without default-src.
var CSPNoDefaultSrc = &rules.Rule{
	ID:       "TA-CSP-008",
	Name:     "csp-no-default-src",
	Title:    "content security policy has no default-src",
	Level:    rules.Warning,
	Severity: 4.7,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `` + "`default-src`" + ` is the fallback for every fetch directive the policy does not list. Without it,
` + "`object-src`" + `, ` + "`frame-src`" + `, ` + "`connect-src`" + `, ` + "`img-src`" + `, ` + "`media-src`" + `… are unrestricted
unless each one is written out, so after an XSS the page can frame, load and send data
anywhere.

**Fix:** start from ` + "`default-src 'self'`" + ` and open only what the app needs:

` + "```json" + `
// bad
"csp": "script-src 'self'; img-src 'self' data:"
// good
"csp": "default-src 'self'; img-src 'self' data:"
` + "```" + `

The rule also catches a policy pasted together with its header name, such as
` + "`\"Content-Security-Policy: default-src 'none'; …\"`" + `: the webview reads
` + "`content-security-policy:`" + ` as the first directive's name and ` + "`default-src`" + ` as one of its sources, so
the ` + "`default-src`" + ` the author wrote does not exist. The finding then points at that word.

**False positives.** Tauri creates ` + "`script-src`" + ` itself when it injects hashes, so a missing
` + "`script-src`" + ` alone is not the problem; this rule is only about ` + "`default-src`" + `. A policy that lists
every fetch directive explicitly is safe without it; suppress the finding there. Missing and empty
policies are TA-CSP-001's.`,
	Run: cspNoDefaultSrc,
}

func cspNoDefaultSrc(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		if ct.policy.Get("default-src") != nil {
			continue
		}
		f := rules.Finding{Location: ct.policy.AbsentLocation("default-src"), Subject: "default-src",
			Message: "the policy has no default-src: fetch directives it does not list are unrestricted"}
		if d, s := swallowedDirective(ct.policy, "default-src"); s != nil {
			f.Location = s.Loc
			f.Message = fmt.Sprintf("%q is read as a source of the directive %q, so the policy has no default-src", s.Text, d.Text)
		}
		pass.ReportOn(ct.Target, f)
	}
	return nil
}

// swallowedDirective finds name written as a source of an unknown
// directive, as in "Content-Security-Policy: default-src 'none'".
func swallowedDirective(pol *csp.Policy, name string) (*csp.Directive, *csp.Source) {
	for _, d := range pol.Unknown() {
		for _, s := range d.Sources {
			if strings.EqualFold(s.Text, name) {
				return d, s
			}
		}
	}
	return nil, nil
}
