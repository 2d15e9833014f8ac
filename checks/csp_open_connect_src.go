package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPOpenConnectSrc reports connect-src open to any server.
var CSPOpenConnectSrc = &rules.Rule{
	ID:       "TA-CSP-011",
	Name:     "csp-open-connect-src",
	Title:    "content security policy allows connections anywhere",
	Level:    rules.Note,
	Severity: 3.5,
	Tags:     []string{"csp"},
	CWE:      []int{200},
	Doc: `` + "`connect-src`" + ` (or ` + "`default-src`" + ` when it is absent) governs ` + "`fetch`" + `, XHR, WebSocket and
EventSource. With ` + "`*`" + `, ` + "`https:`" + `, ` + "`http:`" + `, ` + "`wss:`" + `, ` + "`ws:`" + ` or a host of ` + "`*`" + ` (` + "`https://*`" + `) any
injected script can send the app's data, tokens or files it reads through IPC to any server.

**Fix:** list the API hosts the app talks to, plus Tauri's IPC:

` + "```json" + `
// flagged
"csp": "default-src 'self'; connect-src *"
// better
"csp": "default-src 'self'; connect-src ipc: http://ipc.localhost https://api.example.com"
` + "```" + `

**False positives.** Apps that fetch arbitrary user-supplied URLs from the webview (feed readers,
API clients) need an open ` + "`connect-src`" + `; suppress the finding with that justification, or move
those requests to Rust (the http plugin with a scope).`,
	Run: cspOpenConnectSrc,
}

func cspOpenConnectSrc(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		d := ct.policy.Effective("connect-src")
		for _, s := range openSources(d, "https", "http", "wss", "ws") {
			pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Subject: d.Name + " " + s.Text,
				Message: fmt.Sprintf("%s allows connections to %s", d.Text, quoteSource(s))})
		}
	}
	return nil
}
