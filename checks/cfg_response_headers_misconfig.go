package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ResponseHeadersMisconfig reports risky or ineffective entries of
// app.security.headers.
var ResponseHeadersMisconfig = &rules.Rule{
	ID:       "TA-CFG-016",
	Name:     "response-headers-misconfig",
	Title:    "app.security.headers sets a risky or ineffective header",
	Level:    rules.Note,
	Severity: 3.1,
	Tags:     []string{"config"},
	CWE:      []int{942, 693},
	Doc: `app.security.headers (Tauri 2.1+) adds headers to the responses of Tauri's protocol. Reported:

- Access-Control-Allow-Credentials: true lets cross-origin pages read credentialed responses;
- Service-Worker-Allowed: / lets a service worker take over every path of the app origin;
- Tauri-Custom-Header, which Tauri documents as not intended for production use;
- Permissions-Policy on a Tauri version that sends it under the misspelled name
  Permission-Policy, which browsers ignore: the policy the author wrote is not in effect. Tauri
  fixed the name in pull request 16071 (merged September 2026); versions up to 2.11.5 are known
  to carry the typo, so the finding is raised when Cargo.lock locks tauri older than 2.11.6, or
  when the version cannot be read.

**Fix:** remove the header, or upgrade Tauri and check the headers at runtime.

Bad:

~~~json
{ "app": { "security": { "headers": { "Access-Control-Allow-Credentials": "true" } } } }
~~~

Good:

~~~json
{ "app": { "security": { "headers": { "Cross-Origin-Opener-Policy": "same-origin" } } } }
~~~

**False positives:** the headers apply only to Tauri-protocol responses, not to IPC or error
responses; if the first Tauri release with the Permissions-Policy fix turns out to be later
than 2.11.6, the finding is missed on the versions in between, never raised on fixed ones.`,
	Run: responseHeadersMisconfig,
}

// permissionsPolicyFixed is the first tauri version assumed to send
// Permissions-Policy under its right name (see the rule's Doc).
const permissionsPolicyFixed = "2.11.6"

func responseHeadersMisconfig(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) {
		return nil
	}
	for _, t := range p.Targets {
		for _, m := range t.Config.At("app", "security", "headers").Members() {
			if f, ok := headerFinding(p, m); ok {
				pass.ReportOn(t, f)
			}
		}
	}
	return nil
}

func headerFinding(p *rules.Project, m *source.Member) (rules.Finding, bool) {
	v := m.Value
	f := rules.Finding{Location: v.Location(), Subject: m.Name}
	switch m.Name {
	case "Access-Control-Allow-Credentials":
		if !v.IsTrue() && !strings.EqualFold(strings.TrimSpace(v.String()), "true") {
			return f, false
		}
		f.Message = `header "Access-Control-Allow-Credentials" is true: cross-origin pages may read credentialed responses`
	case "Service-Worker-Allowed":
		if strings.TrimSpace(v.String()) != "/" {
			return f, false
		}
		f.Message = `header "Service-Worker-Allowed" is "/": a service worker may control every path of the app`
	case "Tauri-Custom-Header":
		f.Location = v.KeyLocation()
		f.Message = `header "Tauri-Custom-Header" is a test header not meant for production`
	case "Permissions-Policy":
		v := tauriVersion(p)
		if v != nil && !versionBefore(v, permissionsPolicyFixed) {
			return f, false
		}
		f.Location = m.Value.KeyLocation()
		f.Message = `header "Permissions-Policy" is sent as "Permission-Policy" by tauri before the fix, so browsers ignore it`
		if v != nil {
			f.Message = fmt.Sprintf(`header "Permissions-Policy" is sent as "Permission-Policy" by tauri %s, so browsers ignore it`, v.Version)
		}
	default:
		return f, false
	}
	return f, true
}
