package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CSPPlaintextSource reports policy sources fetched over plain http or ws.
var CSPPlaintextSource = &rules.Rule{
	ID:       "TA-CSP-007",
	Name:     "csp-plaintext-source",
	Title:    "content security policy allows a plaintext source",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"csp"},
	CWE:      []int{319},
	Doc: `A source such as ` + "`http://cdn.example.com`" + ` or ` + "`ws://api.example.com`" + ` lets the webview fetch that
resource unencrypted, so anyone on the network path can replace it. For script, style and frame
directives (and ` + "`default-src`" + ` when it stands in for one of them) that means injecting code into
the app: those findings are errors.

A source written without a scheme (` + "`cdn.example.com`" + `) inherits the page's scheme. On Windows and
Android Tauri serves the app from ` + "`http://tauri.localhost`" + ` unless every window sets
` + "`useHttpsScheme: true`" + `, so there such a source also allows plain http; it is reported for those
platforms only. (On macOS, Linux and iOS the page is ` + "`tauri://localhost`" + `, where CSP3 matches a
scheme-less host against nothing at all.)

**Fix:** use ` + "`https://`" + ` and ` + "`wss://`" + `, and write the scheme explicitly.

` + "```json" + `
// bad
"csp": "default-src 'self'; connect-src http://api.example.com ws://api.example.com"
// good
"csp": "default-src 'self'; connect-src https://api.example.com wss://api.example.com"
` + "```" + `

**False positives.** Tauri's own origins (` + "`http://ipc.localhost`" + `, ` + "`http://asset.localhost`" + `,
` + "`http://tauri.localhost`" + `, ` + "`http://<scheme>.localhost`" + `) and loopback hosts (` + "`localhost`" + ` and its
subdomains, 127.0.0.0/8, ` + "`[::1]`" + `, e.g. ` + "`ws://localhost:1420`" + ` for HMR) are not network traffic and
are not reported. Scheme sources such as ` + "`http:`" + ` are left to TA-CSP-006, -011 and -012.`,
	Run: cspPlaintextSource,
}

// activeDirectives are the directives whose plaintext sources inject code.
var activeDirectives = []string{"script-src", "script-src-elem", "script-src-attr", "style-src", "style-src-elem",
	"style-src-attr", "frame-src", "child-src", "worker-src"}

func cspPlaintextSource(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		httpOrigin := usesHTTPOrigin(ct.Target)
		for _, d := range ct.policy.Directives {
			if !d.Known || !csp.IsSourceList(d.Name) {
				continue // ignored by the webview (TA-CSP-016), or not sources: referrer no-referrer, sandbox allow-forms
			}
			level := plaintextLevel(ct.policy, d)
			for _, s := range d.Sources {
				if s.Kind != csp.Host || s.Local(nil) || s.Mistaken() {
					continue
				}
				f := rules.Finding{Location: s.Loc, Level: level, Subject: d.Name + " " + s.Text}
				switch {
				case s.Scheme == "http" || s.Scheme == "ws":
					f.Message = fmt.Sprintf("%s allows %s over plaintext %s", d.Text, quoteSource(s), s.Scheme)
				case s.Scheme == "" && httpOrigin:
					f.Message = fmt.Sprintf("%s allows %s without a scheme, which matches plain http from the http://tauri.localhost origin",
						d.Text, quoteSource(s))
				default:
					continue
				}
				pass.ReportOn(ct.Target, f)
			}
		}
	}
	return nil
}

// plaintextLevel is error when d governs scripts, styles or frames.
func plaintextLevel(pol *csp.Policy, d *csp.Directive) rules.Level {
	for _, name := range activeDirectives {
		if pol.Effective(name) == d {
			return rules.Error
		}
	}
	return ""
}

// usesHTTPOrigin reports whether some page of t is served from
// http://tauri.localhost: Windows and Android without useHttpsScheme on
// every configured window.
func usesHTTPOrigin(t *rules.Target) bool {
	if t.Platform != source.Windows && t.Platform != source.Android {
		return false
	}
	wins := t.Config.Get("app").Get("windows").Items()
	for _, w := range wins {
		if !w.Field("useHttpsScheme").IsTrue() {
			return true
		}
	}
	return len(wins) == 0
}
