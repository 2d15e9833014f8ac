package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// OpenerURLAnyScheme reports opener url scopes beyond web, mail and phone
// links.
var OpenerURLAnyScheme = &rules.Rule{
	ID:       "TA-SCP-013",
	Name:     "opener-url-any-scheme",
	Title:    "opener may open urls of any scheme",
	Level:    rules.Error,
	Severity: 8.8,
	Tags:     []string{"scope"},
	CWE:      []int{78, 829},
	Doc: `An ` + "`opener:allow-open-url`" + ` scope entry that a granted ` + "`open_url`" + ` command consults has a ` + "`url`" + ` glob
that is ` + "`*`" + `, starts with ` + "`*`" + `, has a wildcard scheme, or uses a scheme other than http, https, mailto
or tel (` + "`file://*`" + `, ` + "`smb:*`" + `, a custom app scheme). OS protocol handlers then receive attacker-chosen
URLs — the code-execution class of CVE-2025-31477. The opener's url scope is a glob over the whole
string.

An entry with an acceptable url but ` + "`app: true`" + ` (the page chooses the program that opens it) is a
warning.

**Fix:** use ` + "`opener:default`" + ` (mailto, tel, http, https) or exact URLs; never ` + "`app: true`" + `.

Bad:

~~~json
{ "identifier": "opener:allow-open-url", "allow": [{ "url": "*" }] }
~~~

Good:

~~~json
{ "identifier": "opener:allow-open-url", "allow": [{ "url": "https://docs.example.com/*" }] }
~~~

**False positives:** ` + "`https://*`" + ` is the normal "open external link" scope and is not reported.`,
	Run: openerURLAnyScheme,
}

func openerURLAnyScheme(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("opener") {
			url, ok := u.Val.Str("url")
			if !ok || len(u.Commands([]string{"open_url"})) == 0 {
				continue
			}
			switch why, app := audit.OpenerURLProblem(url), audit.OpenerApp(u.Val); {
			case why != "":
				once.on(t, valueFinding(u.Val, url, fmt.Sprintf("opener url scope %q %s: the os opener receives attacker-chosen urls", url, why)))
			case app == "any":
				f := valueFinding(u.Val, url, fmt.Sprintf("opener url scope %q has app: true: the page picks the program that opens it", url))
				f.Level = rules.Warning
				once.on(t, f)
			}
		}
	})
	return nil
}
