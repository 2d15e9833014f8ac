package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPRemoteScriptHost lists the remote hosts scripts may come from.
var CSPRemoteScriptHost = &rules.Rule{
	ID:       "TA-CSP-010",
	Name:     "csp-remote-script-host",
	Title:    "content security policy allows scripts from a remote host",
	Level:    rules.Note,
	Severity: 3.7,
	Tags:     []string{"csp"},
	CWE:      []int{829},
	Doc: `Each external host in ` + "`script-src`" + ` (or ` + "`script-src-elem`" + `, or ` + "`default-src`" + ` when neither is
set) is part of the app's code supply chain: whoever controls that host, its DNS or its CDN
account can run code with the window's IPC rights. Tauri's documentation advises against remote
scripts for that reason.

**Fix:** bundle the scripts and drop the host:

` + "```json" + `
// flagged
"csp": "default-src 'self'; script-src 'self' https://cdn.example.com"
// better
"csp": "default-src 'self'; script-src 'self'"
` + "```" + `

**False positives.** Hosts you own and control: suppress the finding with a justification.
Hosts with a known bypass (JSONP endpoints, AngularJS, package CDNs) are TA-CSP-014's errors,
wildcards and plaintext hosts are reported by TA-CSP-006 and TA-CSP-007 instead, and Tauri-local
or loopback hosts are not reported. Directives with ` + "`'strict-dynamic'`" + ` are skipped (their host
list is ignored), and so is ` + "`default-src`" + ` when Tauri is known to add a ` + "`script-src`" + ` (see
TA-CSP-003).`,
	Run: cspRemoteScriptHost,
}

func cspRemoteScriptHost(pass *rules.Pass) error {
	for _, ss := range scriptSources(pass.Project) {
		if !isRemoteHost(ss.src) || ss.src.KnownBypass(ss.eval) != nil {
			continue // TA-CSP-014 reports known bypasses
		}
		pass.ReportOn(ss.ct.Target, rules.Finding{Location: ss.src.Loc, Subject: ss.dir.Name + " " + ss.src.Text,
			Message: fmt.Sprintf("%s trusts the remote host %s", ss.dir.Text, quoteSource(ss.src))})
	}
	return nil
}

// isRemoteHost reports a specific, encrypted (or scheme-less) remote host
// source: what is left once wildcards and plaintext are set aside.
func isRemoteHost(s *csp.Source) bool {
	return s.Kind == csp.Host && !s.Local(nil) && !s.Mistaken() && s.Host != "*" && !strings.HasPrefix(s.Host, "*.") &&
		(s.Scheme == "https" || s.Scheme == "")
}
