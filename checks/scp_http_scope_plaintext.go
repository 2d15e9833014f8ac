package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HTTPScopePlaintext reports http plugin scopes over plain http.
var HTTPScopePlaintext = &rules.Rule{
	ID:       "TA-SCP-017",
	Name:     "http-scope-plaintext",
	Title:    "the http plugin may fetch over plain http",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"scope"},
	CWE:      []int{319},
	Doc: `An http plugin allow entry that a granted ` + "`fetch`" + ` consults admits ` + "`http://`" + ` to hosts that are not
this machine. Responses can be tampered with on the network and credentials sent with the request
leak.

**Fix:** use https.

Bad:

~~~json
{ "identifier": "http:default", "allow": [{ "url": "http://api.example.com/*" }] }
~~~

**False positives:** entries that admit every host are reported once, by TA-SCP-015, and
private-network hosts (LAN devices without TLS) by TA-SCP-016.`,
	Run: httpScopePlaintext,
}

func httpScopePlaintext(pass *rules.Pass) error {
	once := newReportOnce(pass)
	for _, e := range httpEntries(pass.Project) {
		if !e.AnyHost() && !e.Scope.Internal() && e.Scope.AdmitsScheme("http") && e.Scope.Plaintext() {
			once.on(e.t, valueFinding(e.Use.Val, e.URL, fmt.Sprintf("http scope %q allows plain-http requests to a remote host", e.URL)))
		}
	}
	return nil
}
