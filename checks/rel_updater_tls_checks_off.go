package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterTLSChecksOff reports updater TLS validation turned off.
var UpdaterTLSChecksOff = &rules.Rule{
	ID:       "TA-REL-002",
	Name:     "updater-tls-checks-off",
	Title:    "the updater accepts invalid tls certificates",
	Level:    rules.Error,
	Severity: 7.4,
	Tags:     []string{"release"},
	CWE:      []int{295},
	Doc: `plugins.updater.dangerousAcceptInvalidCerts or dangerousAcceptInvalidHostnames is true, so
anyone on the network path can impersonate the update server (freeze updates, serve old signed
versions). tauri-plugin-updater reads both keys since 2.10.0; with an older plugin locked in
Cargo.lock they have no effect yet and are reported as a note.

The Rust equivalents in the app's sources (src/**/*.rs next to the config) are reported at the
call: ` + "`dangerous_accept_invalid_certs(true)`" + ` / ` + "`dangerous_accept_invalid_hostnames(true)`" + ` on a
builder chain that starts from updater_builder(), UpdaterBuilder or tauri_plugin_updater (directly
or through a let binding), and reqwest's ` + "`danger_accept_invalid_certs(true)`" + ` /
` + "`danger_accept_invalid_hostnames(true)`" + ` inside the closure passed to such a chain's
configure_client. Comments and string literals are skipped. Calls under #[cfg(debug_assertions)]
or in an ` + "`if cfg!(debug_assertions)`" + ` block are warnings. A value other than the literal true, or a
configure_client callback defined elsewhere, is not followed.

**Fix:** fix the server certificate, or install a private CA in the OS trust store.`,
	Run: updaterTLSChecksOff,
}

// updaterTLSSince is the first tauri-plugin-updater with the TLS flags
// (changelog 2.10.0: config keys and UpdaterBuilder methods).
const updaterTLSSince = "2.10.0"

func updaterTLSChecksOff(pass *rules.Pass) error {
	p := pass.Project
	locked := p.LockedVersion("tauri-plugin-updater")
	for _, t := range p.Targets {
		for _, k := range []string{"dangerousAcceptInvalidCerts", "dangerousAcceptInvalidHostnames"} {
			if n := updaterOf(t).Field(k); n.IsTrue() {
				f := rules.Finding{Location: n.Location(), Subject: k, Message: fmt.Sprintf("updater %s is true", k)}
				if deps.CargoBefore(locked, updaterTLSSince) {
					f.Level = rules.Note
					f.Message += fmt.Sprintf(" (no effect with the locked tauri-plugin-updater %s; read since %s)", locked, updaterTLSSince)
				}
				pass.ReportOn(t, f)
			}
		}
	}
	for _, sw := range rules.RustFacts.Of(p).TLSSwitches {
		msg := fmt.Sprintf("the updater builder calls %s(true): update requests accept invalid TLS", sw.Method)
		if sw.InClient {
			msg = fmt.Sprintf("the updater's configure_client calls %s(true): update requests accept invalid TLS", sw.Method)
		}
		f := rules.Finding{Location: sw.Loc, Subject: sw.Method, Message: msg}
		if sw.DebugOnly {
			f.Level = rules.Warning
			f.Message += " (debug builds only)"
		}
		pass.Report(f)
	}
	return nil
}
