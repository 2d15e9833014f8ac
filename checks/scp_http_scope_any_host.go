package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HTTPScopeAnyHost reports http plugin scopes that admit every host.
var HTTPScopeAnyHost = &rules.Rule{
	ID:       "TA-SCP-015",
	Name:     "http-scope-any-host",
	Title:    "the http plugin may fetch from any host",
	Level:    rules.Warning,
	Severity: 6.4,
	Tags:     []string{"scope"},
	CWE:      []int{918},
	Doc: `An http plugin allow entry that a granted ` + "`fetch`" + ` consults admits every host: ` + "`https://*`" + `,
` + "`http://*`" + `, ` + "`*://*`" + `, ` + "`https://*:*`" + `, ` + "`https://**`" + `, a bare ` + "`*`" + `, or every site under a public suffix.
Requests from the plugin are made by Rust, free of the browser's CORS rules and with any header the
frontend sets: after an XSS the page can exfiltrate data anywhere and reach internal services
(SSRF).

**Fix:** list the API origins the app talks to.

Bad:

~~~json
{ "identifier": "http:default", "allow": [{ "url": "https://*" }] }
~~~

Good:

~~~json
{ "identifier": "http:default", "allow": [{ "url": "https://api.example.com/*" }] }
~~~

**False positives:** generic HTTP clients (API testers) need it by design: suppress with a rationale.`,
	Run: httpScopeAnyHost,
}

func httpScopeAnyHost(pass *rules.Pass) error {
	once := newReportOnce(pass)
	for _, e := range httpEntries(pass.Project) {
		if e.AnyHost() {
			once.on(e.t, valueFinding(e.Use.Val, e.URL, fmt.Sprintf("http scope %q lets the frontend fetch from any host, outside browser CORS", e.URL)))
		}
	}
	return nil
}
