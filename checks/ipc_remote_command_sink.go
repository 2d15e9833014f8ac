package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteCommandSink reports app commands that remote pages can call and
// that hand a caller value, unchecked, to a process, the file system,
// the network, a webview's eval, the system opener or SQL.
var RemoteCommandSink = &rules.Rule{
	ID:       "TA-IPC-001",
	Name:     "remote-command-sink",
	Title:    "a command remote pages can call passes its arguments unchecked to a dangerous sink",
	Level:    rules.Error,
	Severity: 8.8,
	Tags:     []string{"ipc", "rust"},
	CWE:      []int{22, 78, 94, 918},
	Doc: `An app (or local plugin) #[tauri::command] takes a parameter from the caller and, without a
check on the way, passes it to a dangerous sink: a process (std::process::Command, tokio's,
the shell plugin's command/sidecar), a file read, write or delete (std::fs, tokio::fs, File),
a network request (reqwest, ureq), a webview's eval, the system opener (open, opener, the
opener plugin, shell().open) or SQL text built with format!. And a remote origin can call the
command: a capability with remote.urls grants it (the app's manifest permissions, or the
plugin's), or the app has no app ACL manifest, loads remote content and locks tauri before
2.11.1, when app commands were not checked at all (see TA-CFG-004). Whoever controls that
remote page, or injects script into it, then has that sink: the fs scopes and shell allow
lists of the capabilities do not apply to the app's own Rust code.

"Checked" means: the path is canonicalized and tested with starts_with; the value is matched
against string literals (match, ==, matches!) or an allow-list (.contains(&value)); a Tauri
scope's is_allowed accepts it; for the opener, its scheme or host is tested. Integer, bool and
enum parameters never count. A value is followed through let bindings, format!, PathBuf::from,
.join, references and conversions, and into helper functions of the crate (two calls deep);
a value passed to any other function (a database lookup by id) is not followed.

Levels: an **error**; a **warning** when only a process's arguments (not the program) come
from the caller, for a request's URL (server-side request forgery: the Rust side reaches
loopback and intranet hosts, without CORS), and for eval (the script may run in the calling
window itself, which gains nothing; it escalates when it targets another window). Commands that only local windows can call are not
reported: the acl command lists them with their sinks.

**Fix:** do not grant the command to remote origins (split a remote capability off, granting
only what the remote page needs), validate the value (canonicalize and check the prefix, or
map it to a fixed set), or move the operation behind a Tauri scope.

**False positives:** the reader is lexical. A check it does not know (a custom validation
function) leaves the sink unchecked; commands registered through a variable, or from another
crate, are not seen (notes in the acl output).`,
	Run: remoteCommandSink,
}

func remoteCommandSink(pass *rules.Pass) error {
	p := pass.Project
	if !aclAudited(p) {
		return nil
	}
	inv := rules.IPCInventory.Of(p)
	if inv == nil {
		return nil
	}
	ungated := ungatedRemoteReason(p)
	once := newReportOnce(pass)
	for _, c := range inv.Registered() {
		sinks := dangerousSinks(c)
		if len(sinks) == 0 {
			continue
		}
		for _, t := range p.Targets {
			who := remoteCaller(p, t, c, ungated)
			if who == "" {
				continue
			}
			for _, s := range sinks {
				f := rules.Finding{Location: s.Loc, Subject: c.Name,
					Message: fmt.Sprintf("command %s can be called by %s and %s with the caller's %s unchecked",
						c.Name, who, sinkWhat(s), callerNames(c, s))}
				if s.ArgsOnly || s.Kind == rustsrc.SinkNet || s.Kind == rustsrc.SinkEval {
					f.Level = rules.Warning
				}
				once.on(t, f)
			}
		}
	}
	return nil
}

func dangerousSinks(c *rustsrc.Command) []rustsrc.Sink {
	var out []rustsrc.Sink
	for _, s := range c.Sinks {
		if dangerousSink(s) {
			out = append(out, s)
		}
	}
	return out
}

// remoteCaller describes which remote origin can call c on target t, or
// "" when none can. Grants come from the audit view, so a local plugin
// whose manifest is not in the tree is still read by permission name.
func remoteCaller(p *rules.Project, t *rules.Target, c *rustsrc.Command, ungated string) string {
	v := aclViewOf(p, t)
	for _, reg := range c.Registered {
		if reg.Plugin == "" && !v.ACL.Resolved.HasApp && ungated != "" {
			return "every remote page (" + ungated + ")"
		}
	}
	invoked := c.Invoked()
	for _, g := range v.Live() {
		if !g.Remote() {
			continue
		}
		for _, cmd := range g.Commands {
			if slices.Contains(invoked, audit.CommandKey(g.Key, cmd)) {
				return fmt.Sprintf("remote origin %s (capability %s)", webPattern(g.Cap), g.Cap.Identifier)
			}
		}
	}
	return ""
}

// webPattern is the first remote.urls pattern of c naming web origins.
func webPattern(c *capabilities.Capability) string {
	for _, u := range c.Remote {
		if sc, ok := audit.CompileURLScope(u.Pattern); ok && sc.Web() {
			return u.Pattern
		}
	}
	return ""
}

// ungatedRemoteReason says why remote pages can call every app command
// of an app without an app manifest (tauri before 2.11.1 with remote web
// content), or "". TA-CFG-004's REMOTE_CONTENT counts any remote.urls;
// here a capability counts only when its patterns name web origins (app://*
// is the app's own protocol) and it applies to some window.
func ungatedRemoteReason(p *rules.Project) string {
	if p.HasAppACLManifest() || !versionBefore(tauriVersion(p), "2.11.1") {
		return ""
	}
	remote := webRemoteContent(p)
	if remote == "-" {
		return ""
	}
	return fmt.Sprintf("no app ACL manifest, tauri %s, %s", tauriVersion(p).Version, remote)
}

// isCapabilityReason reports a REMOTE_CONTENT reason that is a
// capability's remote.urls, which may name only the app's own scheme.
func isCapabilityReason(r string) bool {
	return strings.HasPrefix(r, "capability ") || strings.HasPrefix(r, "an inline capability")
}

// webRemoteCapability names a capability that gives remote web origins
// IPC access, or the localhost plugin; "" when neither exists.
func webRemoteCapability(p *rules.Project) string {
	for _, t := range p.Targets {
		for _, c := range aclViewOf(p, t).Caps {
			if audit.CapReachable(c) && audit.WebRemote(c) {
				return fmt.Sprintf("capability %s has remote.urls %s", c.Identifier, webPattern(c))
			}
		}
	}
	for _, d := range rules.Deps.Of(p).CargoDeps() {
		if d.CrateName() == "tauri-plugin-localhost" {
			return "tauri-plugin-localhost"
		}
	}
	return ""
}
