package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// PlaintextAppContent reports app content loaded over plain http from the
// network.
var PlaintextAppContent = &rules.Rule{
	ID:       "TA-CFG-002",
	Name:     "plaintext-app-content",
	Title:    "app content is loaded over plain http from the network",
	Level:    rules.Error,
	Severity: 9.0,
	Tags:     []string{"config"},
	CWE:      []int{319, 494},
	Doc: `build.frontendDist or a window's url is an http:// URL on a host that is not this machine.
Anyone on the network path (public Wi-Fi, a compromised router, an ISP) can rewrite the page and
inject script into a webview that holds IPC access; for frontendDist that script runs with the
app's full local privileges.

**Fix:** bundle the UI, or at least use https.

Bad:

~~~json
{ "app": { "windows": [ { "label": "docs", "url": "http://docs.example.com" } ] } }
~~~

Good:

~~~json
{ "app": { "windows": [ { "label": "docs", "url": "https://docs.example.com" } ] } }
~~~

**False positives:** loopback addresses (localhost, 127.0.0.1, [::1]) and Tauri's own origins
(http://tauri.localhost, http://ipc.localhost, http://<scheme>.localhost) never leave the machine
and are not reported here; remote and loopback frontends are covered by TA-CFG-001 and
TA-CFG-003.`,
	Run: plaintextAppContent,
}

func plaintextAppContent(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		report := func(n *source.Node, what string) {
			if s, ok := n.Str(); ok && urls.IsPlaintextRemote(s) {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: s,
					Message: fmt.Sprintf("%s loads %q over plain http", what, s)})
			}
		}
		report(t.Config.At("build", "frontendDist"), "build.frontendDist")
		for _, w := range appWindows(t) {
			report(w.Get("url"), fmt.Sprintf("window %q", windowLabel(w)))
		}
	}
	return nil
}
