package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteURLsPlaintext reports remote.urls patterns over plain http.
var RemoteURLsPlaintext = &rules.Rule{
	ID:       "TA-ACL-002",
	Name:     "remote-urls-plaintext",
	Title:    "a capability grants ipc to a plain-http origin",
	Level:    rules.Error,
	Severity: 8.1,
	Tags:     []string{"acl"},
	CWE:      []int{319},
	Doc: `A ` + "`remote.urls`" + ` pattern admits ` + "`http://`" + ` (or ` + "`ws://`" + `) pages on a host that is not this machine.
Anyone on the network path — public Wi-Fi, a compromised router, a malicious ISP — can inject
script into such a page, and that script inherits the capability's permissions.

**Fix:** use https origins only.

Bad:

~~~json
"remote": { "urls": ["http://portal.example.com"] }
~~~

Good:

~~~json
"remote": { "urls": ["https://portal.example.com"] }
~~~

**False positives:** loopback origins are TA-ACL-003's; patterns that admit every host are
reported once, by TA-ACL-001. A LAN device without TLS is still reachable by everyone on that LAN.`,
	Run: remoteURLsPlaintext,
}

func remoteURLsPlaintext(pass *rules.Pass) error {
	for _, r := range remoteURLs(pass.Project) {
		if !r.shape.Web() || r.shape.Overbroad() != "" || !r.shape.Plaintext() {
			continue
		}
		pass.ReportOn(r.t, rules.Finding{Location: r.url.Node.Location(), Subject: r.url.Pattern,
			Message: fmt.Sprintf("remote.urls pattern %s admits plain-http pages: a network attacker can inject script that uses capability %q's permissions",
				rules.Quote(r.url.Pattern), r.cap.Identifier)})
	}
	return nil
}
