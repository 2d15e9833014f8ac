package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HTTPScopeInternal reports http plugin scopes for private-network hosts.
var HTTPScopeInternal = &rules.Rule{
	ID:       "TA-SCP-016",
	Name:     "http-scope-internal",
	Title:    "the http plugin may fetch from private-network hosts",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"scope"},
	CWE:      []int{918},
	Doc: `An http plugin allow entry that a granted ` + "`fetch`" + ` consults targets loopback, link-local (cloud
metadata at 169.254.169.254), RFC 1918 addresses or names under ` + "`.local`" + `, ` + "`.internal`" + `, ` + "`.lan`" + `. A
compromised frontend can then talk to local daemons, routers and metadata services (SSRF) with
arbitrary headers.

**Fix:** restrict the scope to the one local service and port the app needs.

Bad:

~~~json
{ "identifier": "http:default", "allow": [{ "url": "http://10.0.0.5/*" }, { "url": "http://localhost:*" }] }
~~~

**False positives:** companion apps for a local daemon talk to their own loopback service: pin the
port and path.`,
	Run: httpScopeInternal,
}

func httpScopeInternal(pass *rules.Pass) error {
	once := newReportOnce(pass)
	for _, e := range httpEntries(pass.Project) {
		if !e.AnyHost() && e.Scope.Internal() {
			once.on(e.t, valueFinding(e.Use.Val, e.URL, fmt.Sprintf("http scope %q lets the frontend reach private-network host %q", e.URL, e.Scope.Host)))
		}
	}
	return nil
}
