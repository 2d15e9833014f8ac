package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CSPScriptBypassHost reports script hosts known to defeat an allowlist.
var CSPScriptBypassHost = &rules.Rule{
	ID:       "TA-CSP-014",
	Name:     "csp-script-bypass-host",
	Title:    "content security policy allows scripts from a host with a known bypass",
	Level:    rules.Error,
	Severity: 7.1,
	Tags:     []string{"csp"},
	CWE:      []int{829, 79},
	Doc: `A host allowlist for scripts only helps if nothing on the listed hosts runs what an attacker
chooses. Some hosts do: injected markup such as ` + "`<script src=\"https://host/endpoint?callback=alert\">`" + `
then runs with the window's IPC rights although the policy "allows only trusted hosts".
Google's CSP Evaluator rates these hosts high. The rule knows four kinds:

* **JSONP endpoints** (` + "`www.google.com`" + `, ` + "`accounts.google.com`" + `, ` + "`graph.facebook.com`" + `…) wrap a
  callback name of the caller's choosing around their reply. A few (Google Tag Manager and
  Analytics) only help an attacker when ` + "`'unsafe-eval'`" + ` is in the same directive;
* **AngularJS hosts** (` + "`ajax.googleapis.com`" + `, ` + "`cdnjs.cloudflare.com`" + `, ` + "`code.angularjs.org`" + `…): once
  AngularJS 1.x is loaded, template expressions in injected markup run as script;
* **package CDNs** (` + "`cdn.jsdelivr.net`" + `, ` + "`unpkg.com`" + `, ` + "`esm.sh`" + `…) serve any npm package or GitHub
  repository by URL, so the attacker publishes the script;
* **wildcards over shared hosting** (` + "`*.github.io`" + `, ` + "`*.vercel.app`" + `, ` + "`*.s3.amazonaws.com`" + `…): anyone
  can get a subdomain there.

Sources are matched as the webview matches them: ` + "`*.googleapis.com`" + ` covers ` + "`ajax.googleapis.com`" + `,
a path ending in ` + "`/`" + ` is a prefix, any other path must be exact. ` + "`https://cdn.jsdelivr.net/npm/monaco-editor@0.52.0/`" + `
is not reported: only that package's maintainers publish under it.

**Fix:** bundle the scripts, or narrow the source to the exact files the app loads:

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net"
// good: vendored into the bundle
"csp": "default-src 'self'; script-src 'self'"
// acceptable: one package, pinned
"csp": "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net/npm/monaco-editor@0.52.0/"
` + "```" + `

**Data.** The host table (` + "`csp/data/bypass-hosts.txt`" + `) is written from public facts, each entry with
its source: CSP Evaluator's bypass lists, the CSP research of Weichselbaum et al. (CCS 2016) and
Lekies et al. (CCS 2017), the CDNs' own documentation and the Public Suffix List. Hosts not in
the table are TA-CSP-010's notes.

A source without a scheme (` + "`cdn.jsdelivr.net`" + `) takes the page's: on Windows and Android (` + "`http(s)://tauri.localhost`" + `)
it matches the host's https URLs, on macOS, Linux and iOS (` + "`tauri://localhost`" + `) it matches nothing, so
it is reported for Windows and Android only.

**False positives.** None known for the hosts listed; the endpoints change over time, but one
JSONP endpoint or AngularJS copy is enough. Directives with ` + "`'strict-dynamic'`" + ` are skipped (their
host list is ignored), and so is ` + "`default-src`" + ` when Tauri is known to add a ` + "`script-src`" + ` (see
TA-CSP-003).`,
	Run: cspScriptBypassHost,
}

var bypassWhy = map[csp.BypassKind]string{
	csp.JSONP:     "serves JSONP that runs a callback the page chooses",
	csp.Angular:   "serves AngularJS, whose templates run injected markup as script",
	csp.Publish:   "serves scripts anyone can publish",
	csp.Subdomain: "lets anyone get a subdomain",
}

func cspScriptBypassHost(pass *rules.Pass) error {
	for _, ss := range scriptSources(pass.Project) {
		b := ss.src.KnownBypass(ss.eval)
		if b == nil || !matchesWeb(ss.ct.Target, ss.src) {
			continue
		}
		pass.ReportOn(ss.ct.Target, rules.Finding{Location: ss.src.Loc, Subject: ss.dir.Name + " " + ss.src.Text,
			Message: fmt.Sprintf("%s allows scripts from %s, which %s (%s): injected markup can run any script",
				ss.dir.Text, quoteSource(ss.src), bypassWhy[b.Kind], b.URL())})
	}
	return nil
}

// matchesWeb reports whether host source s can match http(s) URLs from
// t's pages. A scheme-less source takes the page's scheme: http or https
// on Windows and Android (http(s)://tauri.localhost), tauri: elsewhere,
// where it matches no web URL (CSP3 §6.7.2.8, and WebKit's
// protocolMatchesSelf).
func matchesWeb(t *rules.Target, s *csp.Source) bool {
	return s.Scheme != "" || t.Platform == source.Windows || t.Platform == source.Android
}
