package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// RemoteWindowURL reports windows that open an external site.
var RemoteWindowURL = &rules.Rule{
	ID:       "TA-CFG-003",
	Name:     "remote-window-url",
	Title:    "a window opens an external website",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"config"},
	CWE:      []int{829},
	Doc: `A window in app.windows loads an http(s) URL that is not the app's own frontend. Tauri still
injects its IPC bootstrap into that page; what the page may call is decided by capabilities that
list it under remote.urls, and before Tauri 2.11.1 app commands were not ACL-checked at all for
remote origins when the app had no app ACL manifest (an app permissions/ folder or an
AppManifest in build.rs).

The finding is an error when the page can reach commands: an enabled capability matches the
window's label and lists a remote URL pattern that matches the page (resolved as Tauri does),
or Tauri is older than 2.11.1 (from Cargo.lock), the app's Rust sources register commands with
generate_handler! and no app ACL manifest exists.

**Fix:** open third-party sites in the system browser (opener plugin), or in a window with no
capability; upgrade Tauri; add an app ACL manifest so app commands are gated.

Bad:

~~~json
{ "app": { "windows": [ { "label": "help", "url": "https://help.example.com" } ] } }
~~~

Good: open the page with the opener plugin from the main window, or keep the window without any
capability.

**False positives:** a window that shows the vendor's own site by design; suppress the finding
with a justification. A URL with the same scheme, host and port as a URL frontendDist is part of
the app and is not reported (TA-CFG-001 covers it). Windows with create: false are still
reported: Rust code creates them later from this config. Loopback URLs are reported, because
Tauri treats them as foreign origins that any local process can serve.`,
	Run: remoteWindowURL,
}

func remoteWindowURL(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) {
		return nil
	}
	for _, t := range p.Targets {
		dist := urls.ParseAbsURL(t.Config.At("build", "frontendDist").String())
		for _, w := range appWindows(t) {
			n := w.Get("url")
			s, ok := n.Str()
			if !ok || !urls.IsRemoteHTTP(s) || urls.IsHTTP(dist) && urls.SameOrigin(urls.ParseAbsURL(s), dist) {
				continue
			}
			pass.ReportOn(t, remoteWindowFinding(p, t, windowLabel(w), s, n))
		}
	}
	return nil
}

func remoteWindowFinding(p *rules.Project, t *rules.Target, label, url string, n *source.Node) rules.Finding {
	f := rules.Finding{Location: n.Location(), Subject: url,
		Message: fmt.Sprintf("window %q loads the external site %q", label, url)}
	switch {
	case remoteCapabilityFor(p, t, label, url):
		f.Level = rules.Error
		f.Message += ", and a capability grants it ipc access"
	case appCommandsOpenToRemote(p):
		f.Level = rules.Error
		f.Message += fmt.Sprintf(", and tauri %s lets it call every app command (no app acl manifest)", tauriVersion(p).Version)
	}
	return f
}

// remoteCapabilityFor is escalation (a) of TA-CFG-003: whether a
// capability enabled and active on t applies to the window label (its
// window or webview globs; a window's webview carries its label) and
// lists a remote.urls pattern matching url, so the page gets IPC access.
// Patterns are tested against the page URL and against its origin, which
// is what Tauri usually tests (tauri-acl §9.4).
func remoteCapabilityFor(p *rules.Project, t *rules.Target, label, url string) bool {
	if !aclAudited(p) {
		return false
	}
	for _, c := range aclViewOf(p, t).Caps {
		if len(c.Permissions) > 0 && audit.CapMatchesLabel(c, label, t.Platform) && audit.RemoteMatches(c, url) {
			return true
		}
	}
	return false
}

// appCommandsOpenToRemote reports escalation (b) of TA-CFG-003: before
// Tauri 2.11.1 remote origins could call every app command when the app
// had no app ACL manifest (spec §3, tauri PR 15266).
func appCommandsOpenToRemote(p *rules.Project) bool {
	return versionBefore(tauriVersion(p), "2.11.1") && rules.RustFacts.Of(p).RegistersCommands && !p.HasAppACLManifest()
}
