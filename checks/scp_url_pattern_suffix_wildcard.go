package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// URLPatternSuffixWildcard reports host wildcards without a dot boundary.
var URLPatternSuffixWildcard = &rules.Rule{
	ID:       "TA-SCP-018",
	Name:     "url-pattern-suffix-wildcard",
	Title:    "a url pattern's host wildcard has no dot boundary",
	Level:    rules.Error,
	Severity: 7.4,
	Tags:     []string{"scope"},
	CWE:      []int{185, 20},
	Doc: `In a URL-matching scope — a capability's ` + "`remote.urls`" + `, an http plugin allow entry, an opener url —
a ` + "`*`" + ` touches a hostname label without a dot boundary: ` + "`https://example.com*`" + `, ` + "`https://*example.com`" + `,
` + "`https://api.example.*`" + `. These match ` + "`example.com.attacker.net`" + `, ` + "`evilexample.com`" + ` and
` + "`api.example.attacker`" + `: the classic allowlist bypass. Only a leading ` + "`*.`" + ` is a safe subdomain
wildcard.

**Fix:** write ` + "`https://example.com`" + ` or ` + "`https://*.example.com`" + `.

Bad:

~~~json
"remote": { "urls": ["https://app.example.*"] }
~~~

**False positives:** port (` + "`:*`" + `) and path wildcards are fine and not reported.`,
	Run: urlPatternSuffixWildcard,
}

func urlPatternSuffixWildcard(pass *rules.Pass) error {
	p := pass.Project
	for _, r := range remoteURLs(p) {
		if r.shape.SuffixWildcard() {
			pass.ReportOn(r.t, rules.Finding{Location: r.url.Node.Location(), Subject: r.url.Pattern,
				Message: suffixMessage("remote.urls pattern", r.url.Pattern, r.shape.Host)})
		}
	}
	once := newReportOnce(pass)
	for _, e := range httpEntries(p) {
		if e.Scope.SuffixWildcard() {
			once.on(e.t, valueFinding(e.Use.Val, e.URL, suffixMessage("http scope", e.URL, e.Scope.Host)))
		}
	}
	forEachView(p, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("opener") {
			url, ok := u.Val.Node.Get("url").Str()
			if ok && len(u.Commands([]string{"open_url"})) > 0 && audit.OpenerSuffixWildcard(url) {
				once.on(t, valueFinding(u.Val, url, suffixMessage("opener url scope", url, audit.GlobHost(url))))
			}
		}
	})
	return nil
}

func suffixMessage(what, pattern, host string) string {
	return fmt.Sprintf("%s %s: the wildcard in host %s has no dot boundary and matches look-alike hosts (attacker.com suffixes or prefixes)", what, rules.Quote(pattern), rules.Quote(host))
}
