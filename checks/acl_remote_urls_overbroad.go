package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteURLsOverbroad reports remote.urls patterns that admit arbitrary
// websites.
var RemoteURLsOverbroad = &rules.Rule{
	ID:       "TA-ACL-001",
	Name:     "remote-urls-overbroad",
	Title:    "a capability's remote.urls admits arbitrary websites",
	Level:    rules.Error,
	Severity: 9.1,
	Tags:     []string{"acl"},
	CWE:      []int{942, 346},
	Doc: `A capability's ` + "`remote.urls`" + ` lists the origins whose pages may use the capability's
permissions over IPC. A pattern that matches every host (` + "`*`" + `, ` + "`https://*`" + `, ` + "`http://*:*`" + `,
` + "`*://*`" + `, a pattern without scheme such as ` + "`/api/*`" + `), any scheme (` + "`*://example.com`" + `), or every
site under a public suffix (` + "`https://*.com`" + `, ` + "`https://*.github.io`" + `, ` + "`https://*.vercel.app`" + `) hands
those permissions to any website — or any co-tenant of a shared hosting domain — that ends up in a
matching window: through a link, a redirect, an iframe on Linux/Android, or an XSS.

Patterns are read as Tauri reads them: URLPattern constructor strings, where an omitted path,
query or fragment means "any" and an omitted port means the default port only. Each pattern is
compiled and matched against probe URLs, so groups, alternatives, regexps and named groups count
for what they match (` + "`https://(.*)/*`" + ` is every host, ` + "`https://(app\\.example\\.com)`" + ` one host). Public
suffixes come from the Public Suffix List, private registrations (github.io, vercel.app, ...)
included.

**Fix:** list exact origins you control, or drop the remote capability and move the logic to Rust.

Bad:

~~~json
{ "identifier": "web", "windows": ["main"], "remote": { "urls": ["https://*"] }, "permissions": ["shell:allow-open"] }
~~~

Good:

~~~json
{ "identifier": "web", "windows": ["main"], "remote": { "urls": ["https://app.example.com"] }, "permissions": ["core:event:allow-listen"] }
~~~

**False positives:** custom-protocol patterns such as ` + "`app://*`" + ` are the app's own origins and are not
reported. Capabilities that name no window or webview match nobody (TA-ACL-011). A pattern that
also matches loopback or plain http is reported here only, not again by TA-ACL-002/003. A pattern
longer than 2,048 bytes, or with more than 64 groups in one component, is taken to match every host
(judging it exactly would take minutes), and the message says so. For the same reason, a path
pattern longer than about 256 bytes is taken to admit some path, and a hostname pattern without
regexp groups whose literal text is longer than a DNS name (253 bytes) to admit no host.`,
	Run: remoteURLsOverbroad,
}

func remoteURLsOverbroad(pass *rules.Pass) error {
	for _, r := range remoteURLs(pass.Project) {
		why := r.shape.Overbroad()
		if why == "" {
			continue
		}
		pass.ReportOn(r.t, rules.Finding{Location: r.url.Node.Location(), Subject: r.url.Pattern,
			Message: fmt.Sprintf("remote.urls pattern %s %s: any such site loaded in %s gets capability %q's permissions, %s",
				rules.Quote(r.url.Pattern), why, capWho(r.cap), r.cap.Identifier, grantsText(r.v, r.cap))})
	}
	return nil
}
