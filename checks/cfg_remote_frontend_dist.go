package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteFrontendDist reports a build.frontendDist that is a URL.
var RemoteFrontendDist = &rules.Rule{
	ID:       "TA-CFG-001",
	Name:     "remote-frontend-dist",
	Title:    "the frontend is loaded from a url instead of being bundled",
	Level:    rules.Error,
	Severity: 8.6,
	Tags:     []string{"config"},
	CWE:      []int{829, 346},
	Doc: `When build.frontendDist is an http(s) URL, nothing is embedded in the app: every window
loads that site. Tauri decides whether a page is "local" by comparing its scheme, host and port
with frontendDist, so the remote site is treated as the app itself: it gets every local
capability and every app command, and the CSP in app.security.csp is never injected (the
server's own headers apply). A compromise of that host, its DNS or its TLS certificate becomes
code execution with the app's privileges on every user's machine.

A loopback URL (http://localhost:8080) is reported too: any local process that binds that port
first serves the UI with local IPC privileges.

**Fix:** bundle the frontend (frontendDist is a directory or a list of files). If a hosted UI is
unavoidable, load it in a separate window whose capability lists the site under remote.urls and
grants only what it needs.

Bad:

~~~json
{ "build": { "frontendDist": "https://app.example.com" } }
~~~

Good:

~~~json
{ "build": { "frontendDist": "../dist" } }
~~~

**False positives:** a custom-protocol URL (myproto://index.html) is served by the app itself and
is not reported. build.devUrl is only used by dev builds and is checked by TA-CFG-014.`,
	Run: remoteFrontendDist,
}

func remoteFrontendDist(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		fd := t.Config.At("build", "frontendDist")
		s, ok := fd.Str()
		if !ok || !urls.IsRemoteHTTP(s) {
			continue
		}
		msg := fmt.Sprintf("build.frontendDist loads the app from %q, which then runs with local ipc privileges", s)
		if urls.IsLoopbackHost(urls.ParseAbsURL(s).Hostname()) {
			msg = fmt.Sprintf("build.frontendDist loads the app from the local server %q: whatever process binds that port gets local ipc privileges", s)
		}
		pass.ReportOn(t, rules.Finding{Location: fd.Location(), Subject: s, Message: msg})
	}
	return nil
}
