package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPOpenFrameSrc reports frame-src open to any site.
var CSPOpenFrameSrc = &rules.Rule{
	ID:       "TA-CSP-012",
	Name:     "csp-open-frame-src",
	Title:    "content security policy allows frames from anywhere",
	Level:    rules.Warning,
	Severity: 4.3,
	Tags:     []string{"csp"},
	CWE:      []int{1021, 829},
	Doc: `` + "`frame-src`" + ` (falling back to ` + "`child-src`" + `, then ` + "`default-src`" + `) decides what the app may load in
an iframe. With ` + "`*`" + `, ` + "`https:`" + `, ` + "`http:`" + ` or a host of ` + "`*`" + `, injected markup can frame any site.
Frames matter more in Tauri than in a browser: on Linux and Android Tauri cannot tell an
iframe's requests from its window's when applying remote capabilities, same-origin iframes keep
IPC access on Windows, and older Tauri versions exposed IPC to every iframe
(GHSA-57fm-592m-34r7).

**Fix:** allow only the frame hosts the app needs, and sandbox the iframes:

` + "```json" + `
// bad
"csp": "default-src 'self'; frame-src https:"
// good
"csp": "default-src 'self'; frame-src https://www.youtube-nocookie.com"
` + "```" + `

**False positives.** Embedded video or map providers: list them explicitly instead of opening
the directive. ` + "`child-src`" + ` is checked only where it stands in for ` + "`frame-src`" + `; when ` + "`frame-src`" + `
is set, ` + "`child-src`" + ` governs workers alone and is not reported.`,
	Run: cspOpenFrameSrc,
}

func cspOpenFrameSrc(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		d := ct.policy.Effective("frame-src")
		for _, s := range openSources(d, "https", "http") {
			pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Subject: d.Name + " " + s.Text,
				Message: fmt.Sprintf("%s allows frames from %s", d.Text, quoteSource(s))})
		}
	}
	return nil
}
