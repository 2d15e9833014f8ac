package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteURLsLoopback reports remote.urls patterns for local servers.
var RemoteURLsLoopback = &rules.Rule{
	ID:       "TA-ACL-003",
	Name:     "remote-urls-loopback",
	Title:    "a capability grants ipc to a loopback origin",
	Level:    rules.Warning,
	Severity: 6.3,
	Tags:     []string{"acl"},
	CWE:      []int{346, 923},
	Doc: `A ` + "`remote.urls`" + ` pattern admits pages served from this machine: ` + "`localhost`" + `, ` + "`127.0.0.0/8`" + `,
` + "`[::1]`" + `, ` + "`0.0.0.0`" + ` or any ` + "`*.localhost`" + ` name. Any local process — another app, a malicious npm
postinstall script, a second user on the machine — that binds the port first (or any port, with
` + "`:*`" + `) serves pages that Tauri treats as trusted: port-squatting privilege escalation.

**Fix:** serve the UI through a custom protocol instead of a local HTTP server; if a local server is
unavoidable, use a fixed port and authenticate the page (a per-launch token), and grant it only
narrow permissions.

Bad:

~~~json
"remote": { "urls": ["http://localhost:*"] }
~~~

**False positives:** Tauri's own origins (` + "`http://tauri.localhost`" + `, ` + "`http://ipc.localhost`" + `, ` + "`asset`" + `) and
literal ` + "`http://<name>.localhost`" + ` hosts, which are how Windows and Android spell a custom protocol,
are not reported. The localhost plugin needs such a capability by design (and is itself a risk).
Dev-only capabilities should be limited with ` + "`platforms`" + ` or kept out of release builds.`,
	Run: remoteURLsLoopback,
}

func remoteURLsLoopback(pass *rules.Pass) error {
	for _, r := range remoteURLs(pass.Project) {
		if !r.shape.Web() || r.shape.Overbroad() != "" || !r.shape.Loopback() {
			continue
		}
		pass.ReportOn(r.t, rules.Finding{Location: r.url.Node.Location(), Subject: r.url.Pattern,
			Message: fmt.Sprintf("remote.urls pattern %s admits pages served from this machine: any local process that binds the port gets capability %q's permissions",
				rules.Quote(r.url.Pattern), r.cap.Identifier)})
	}
	return nil
}
