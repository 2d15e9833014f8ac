package checks

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DevServerExposed reports a dev server reachable from other machines.
var DevServerExposed = &rules.Rule{
	ID:       "TA-CFG-014",
	Name:     "dev-server-exposed",
	Title:    "the dev server is reachable beyond this machine",
	Level:    rules.Note,
	Severity: 3.1,
	Tags:     []string{"config"},
	CWE:      []int{319, 306},
	Doc: `build.devUrl names a host that is not loopback, or build.beforeDevCommand starts the dev server
on all interfaces (--host with no value, 0.0.0.0). Dev servers are unauthenticated and
unencrypted: anyone on the same network can read the app's source and, on the http case, push
script into a development build that holds full local IPC privileges (ROS audit TAU2-068/069/070).
A devUrl on a public https site means development builds run that site with local privileges.

**Fix:** bind the dev server to 127.0.0.1 / localhost. For mobile device development, use
Tauri's TAURI_DEV_HOST handling on a trusted network, or a tunnel.

Bad:

~~~json
{ "build": { "devUrl": "http://192.168.1.20:1420", "beforeDevCommand": "vite --host 0.0.0.0" } }
~~~

Good:

~~~json
{ "build": { "devUrl": "http://localhost:1420", "beforeDevCommand": "vite" } }
~~~

**False positives:** mobile development on a device needs a LAN address; this only affects dev
builds, hence note level. Builds made without the Tauri CLI (no custom-protocol feature) also
load devUrl: see TA-CFG-008.`,
	Run: devServerExposed,
}

func devServerExposed(pass *rules.Pass) error {
	if isV1(pass.Project) {
		return nil
	}
	for _, t := range pass.Project.Targets {
		build := t.Config.Get("build")
		if f, ok := exposedDevURL(build.Field("devUrl")); ok {
			pass.ReportOn(t, f)
		}
		cmd := build.Field("beforeDevCommand")
		if cmd.Is(source.Object) {
			cmd = cmd.Get("script")
		}
		if bind := exposedBind(cmd.String()); bind != "" {
			pass.ReportOn(t, rules.Finding{Location: cmd.Location(), Subject: bind,
				Message: fmt.Sprintf("build.beforeDevCommand starts the dev server on all interfaces (%q)", bind)})
		}
	}
	return nil
}

func exposedDevURL(n *source.Node) (rules.Finding, bool) {
	s, _ := n.Str()
	u := urls.ParseAbsURL(s)
	if !urls.IsHTTP(u) || u.Host == "" || urls.IsLoopbackHost(u.Hostname()) || urls.IsTauriLocal(u) {
		return rules.Finding{}, false
	}
	msg := fmt.Sprintf("build.devUrl %q is not on this machine: dev builds load it with local ipc privileges", s)
	if urls.IsInternalHost(u.Hostname()) {
		msg = fmt.Sprintf("build.devUrl %q serves the dev build to the local network", s)
	}
	return rules.Finding{Location: n.Location(), Subject: s, Message: msg}, true
}

// hostFlags are dev-server options that choose the listening address.
var hostFlags = map[string]bool{"--host": true, "--hostname": true, "--bind": true, "-H": true}

// exposedBind returns the part of a dev command that binds beyond
// loopback: a host flag with a non-loopback value, vite's bare --host
// (all interfaces), or any 0.0.0.0 / :: address.
func exposedBind(cmd string) string {
	toks := strings.Fields(cmd)
	for i, tok := range toks {
		name, value, hasValue := strings.Cut(tok, "=")
		if strings.Contains(value, "0.0.0.0") || strings.Contains(name, "0.0.0.0") {
			return tok
		}
		if !hostFlags[name] {
			continue
		}
		if !hasValue && i+1 < len(toks) && !strings.HasPrefix(toks[i+1], "-") && !isShellOp(toks[i+1]) {
			value, tok = toks[i+1], tok+" "+toks[i+1]
		}
		if strings.HasPrefix(value, "$") || strings.HasPrefix(value, "%") {
			continue // set from the environment (TAURI_DEV_HOST): unknown here
		}
		if value == "" && name == "--host" || value != "" && (!urls.IsLoopbackHost(value) || isAnyAddress(value)) {
			return tok
		}
	}
	return ""
}

// isAnyAddress reports whether a bind address means "all interfaces".
func isAnyAddress(host string) bool {
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.IsUnspecified()
}

func isShellOp(s string) bool {
	return s == "&&" || s == "||" || s == ";" || s == "|" || s == "&"
}
