package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPHardeningGaps reports small omissions and mistakes in a policy.
var CSPHardeningGaps = &rules.Rule{
	ID:       "TA-CSP-013",
	Name:     "csp-hardening-gaps",
	Title:    "content security policy has hardening gaps",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `Small gaps that a complete policy closes:

* no ` + "`object-src`" + ` while ` + "`default-src`" + ` allows more than ` + "`'self'`" + `/` + "`'none'`" + `: plugin content
  (` + "`<object>`" + `, ` + "`<embed>`" + `) is governed by the broader fallback;
* no ` + "`base-uri`" + ` (it has no fallback): injected ` + "`<base href>`" + ` re-points every relative script URL
  to an attacker's server;
* no ` + "`form-action`" + ` (no fallback either): injected forms can post anywhere;
* ` + "`object-src`" + ` listing anything but ` + "`'none'`" + `: Tauri's webviews run no plugins any more, but
  ` + "`<object>`" + ` and ` + "`<embed>`" + ` still load documents, SVG and PDF from the listed sources, like an
  iframe that ` + "`frame-src`" + ` does not govern;
* ` + "`base-uri`" + ` open to any host (` + "`*`" + `, ` + "`https:`" + `, ` + "`http:`" + `, ` + "`data:`" + `): as if it were missing.

**Fix:** add the directives, with ` + "`object-src 'none'`" + `:

` + "```json" + `
// flagged
"csp": "default-src 'self' https://cdn.example.com; script-src 'self'"
// better
"csp": "default-src 'self' https://cdn.example.com; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
` + "```" + `

Purely advisory. Unknown, repeated and deprecated directives are TA-CSP-016's.`,
	Run: cspHardeningGaps,
}

func cspHardeningGaps(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, f := range hardeningGaps(ct.policy) {
			pass.ReportOn(ct.Target, f)
		}
	}
	return nil
}

func hardeningGaps(pol *csp.Policy) []rules.Finding {
	var out []rules.Finding
	missing := func(name, why string) {
		out = append(out, rules.Finding{Location: pol.AbsentLocation(name), Subject: name,
			Message: fmt.Sprintf("the policy has no %s: %s", name, why)})
	}
	def := pol.Get("default-src")
	if pol.Get("object-src") == nil && !def.Only(csp.Self, csp.None) {
		missing("object-src", "plugin content falls back to default-src")
	}
	if pol.Get("base-uri") == nil {
		missing("base-uri", "an injected <base> tag can redirect relative script urls")
	}
	for _, s := range openSources(pol.Get("base-uri"), "https", "http", "data") {
		out = append(out, rules.Finding{Location: s.Loc, Subject: "base-uri " + s.Text,
			Message: fmt.Sprintf("base-uri allows %s: an injected <base> tag can redirect relative script urls", quoteSource(s))})
	}
	if pol.Get("form-action") == nil {
		missing("form-action", "injected forms can submit anywhere")
	}
	if obj := pol.Get("object-src"); obj != nil && !obj.Only(csp.None) {
		for _, s := range obj.Sources {
			if !s.Is(csp.None) {
				out = append(out, rules.Finding{Location: s.Loc, Subject: "object-src " + s.Text,
					Message: fmt.Sprintf("%s allows %s: <object> and <embed> load content from it; set 'none'", obj.Text, quoteSource(s))})
				break
			}
		}
	}
	return out
}
