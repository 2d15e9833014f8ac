package checks

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPScriptLoopback reports script sources on this machine's loopback
// interface in the production policy.
var CSPScriptLoopback = &rules.Rule{
	ID:       "TA-CSP-015",
	Name:     "csp-script-loopback",
	Title:    "content security policy allows scripts from localhost",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"csp"},
	CWE:      []int{829},
	Doc: `A script source such as ` + "`http://localhost:*`" + `, ` + "`http://127.0.0.1:*`" + ` or ` + "`localhost:1420`" + ` in the
release policy (` + "`app.security.csp`" + `) trusts whatever program listens on this machine: another app's
dev server, a local service that echoes its input, or malware without admin rights that binds
the port. Injected markup then loads script from it, with the window's IPC rights. With any
port (` + "`:*`" + `) every local listener counts and the finding is a warning; a single port is usually a
dev-server leftover and is a note.

**Fix:** keep dev-server sources in ` + "`devCsp`" + ` (used only by ` + "`tauri dev`" + `) and drop them from ` + "`csp`" + `:

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' http://localhost:*"
// good
"csp": "default-src 'self'; script-src 'self'",
"devCsp": "default-src 'self'; script-src 'self' http://localhost:1420"
` + "```" + `

**False positives.** Tauri's own origins (` + "`http://tauri.localhost`" + `, ` + "`http://ipc.localhost`" + `, any
` + "`http://<name>.localhost`" + `, which Tauri uses for custom protocols on Windows and Android) are not
reported: only ` + "`localhost`" + ` itself and loopback IP addresses are. Apps that serve their frontend
with tauri-plugin-localhost load from ` + "`http://localhost:<port>`" + ` by design (TA-DEP-013 reports the
plugin); suppress the note there. ` + "`devCsp`" + ` is never checked. A source without a scheme
(` + "`127.0.0.1:*`" + `) is reported for Windows and Android only: on the other platforms the page's
scheme is ` + "`tauri:`" + `, which it takes, and it matches no web URL.`,
	Run: cspScriptLoopback,
}

func cspScriptLoopback(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, d := range scriptDirectives(pass.Project, ct, "script-src", "script-src-elem") {
			if d.Find(csp.StrictDynamic) != nil {
				continue
			}
			for _, s := range d.Sources {
				if !isLoopbackSource(s) || !matchesWeb(ct.Target, s) {
					continue
				}
				f := rules.Finding{Location: s.Loc, Subject: d.Name + " " + s.Text, Level: rules.Note,
					Message: fmt.Sprintf("%s allows scripts from %s on this machine: a leftover dev-server source lets a local program supply script", d.Text, quoteSource(s))}
				if s.Port == "*" {
					f.Level = ""
					f.Message = fmt.Sprintf("%s allows scripts from %s, any port on this machine: every local program can supply script", d.Text, quoteSource(s))
				}
				pass.ReportOn(ct.Target, f)
			}
		}
	}
	return nil
}

// isLoopbackSource reports a network host source naming localhost itself
// or a loopback address. Subdomains of localhost are left out: Tauri
// serves its own and the app's protocols from them.
func isLoopbackSource(s *csp.Source) bool {
	if s.Kind != csp.Host || (s.Scheme != "" && !csp.IsNetworkScheme(s.Scheme)) {
		return false
	}
	h := strings.TrimSuffix(strings.Trim(s.Host, "[]"), ".")
	if h == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.IsLoopback()
}
