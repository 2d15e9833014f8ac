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
	for _, s := range appRustSources(p) {
		for _, c := range updaterTLSCalls(s) {
			pass.Report(c)
		}
	}
	return nil
}

// updaterMarks name the updater builder in a call chain or binding.
var updaterMarks = map[string]bool{"updater_builder": true, "UpdaterBuilder": true, "tauri_plugin_updater": true}

// updaterTLSCalls finds TLS validation switched off through the updater's
// Rust API in one source file.
func updaterTLSCalls(s *rustSource) []rules.Finding {
	var out []rules.Finding
	var bound map[string]bool
	onUpdater := func(dot int) bool {
		if bound == nil {
			bound = s.bindings(updaterMarks)
		}
		return s.onUpdater(dot, bound)
	}
	for i := 1; i+3 < len(s.toks); i++ {
		t := s.toks[i]
		if t.Kind != rustIdent || !s.toks[i-1].is(rustPunct, ".") || !s.toks[i+1].is(rustPunct, "(") ||
			!s.toks[i+2].is(rustIdent, "true") || !s.toks[i+3].is(rustPunct, ")") {
			continue
		}
		var msg string
		switch t.Text {
		case "dangerous_accept_invalid_certs", "dangerous_accept_invalid_hostnames":
			if !onUpdater(i - 1) {
				continue
			}
			msg = fmt.Sprintf("the updater builder calls %s(true): update requests accept invalid TLS", t.Text)
		case "danger_accept_invalid_certs", "danger_accept_invalid_hostnames":
			cc := s.enclosingCall(i, "configure_client")
			if cc < 0 || !onUpdater(cc-1) {
				continue
			}
			msg = fmt.Sprintf("the updater's configure_client calls %s(true): update requests accept invalid TLS", t.Text)
		default:
			continue
		}
		f := rules.Finding{Location: s.file.Span(t.Off, s.toks[i+3].End), Subject: t.Text, Message: msg}
		if s.debugOnly(i) {
			f.Level = rules.Warning
			f.Message += " (debug builds only)"
		}
		out = append(out, f)
	}
	return out
}

// onUpdater reports whether the call chain ending at the "." token dot
// is on the updater: it names updater_builder, UpdaterBuilder or
// tauri_plugin_updater, or starts from a variable bound to one.
func (s *rustSource) onUpdater(dot int, bound map[string]bool) bool {
	ids := s.chain(dot)
	for _, id := range ids {
		if updaterMarks[id] {
			return true
		}
	}
	return len(ids) > 0 && bound[ids[len(ids)-1]]
}

// enclosingCall returns the index of the method name tok of the innermost
// call named name whose argument list contains token i, or -1.
func (s *rustSource) enclosingCall(i int, name string) int {
	for j := i - 1; j > 0; j-- {
		t := s.toks[j]
		if t.Kind != rustPunct {
			continue
		}
		switch t.Text {
		case ")", "]", "}":
			if s.match[j] >= 0 {
				j = s.match[j]
			}
		case "(":
			if s.match[j] > i || s.match[j] < 0 {
				if s.toks[j-1].is(rustIdent, name) && j >= 2 && s.toks[j-2].is(rustPunct, ".") {
					return j - 1
				}
			}
		}
	}
	return -1
}
