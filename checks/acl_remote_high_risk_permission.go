package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// RemoteHighRiskPermission reports high-risk permissions granted to
// remote origins.
var RemoteHighRiskPermission = &rules.Rule{
	ID:       "TA-ACL-004",
	Name:     "remote-high-risk-permission",
	Title:    "remote origins are granted a high-risk permission",
	Level:    rules.Error,
	Severity: 8.8,
	Tags:     []string{"acl"},
	CWE:      []int{250, 749},
	Doc: `A capability with ` + "`remote.urls`" + ` grants a high-risk permission: shell execution or open, fs
writes, reads outside the app's directories, process exit/restart, updater install, window and
webview creation, clipboard reads, global shortcuts, autostart, broad http or opener scopes — or
` + "`core:default`" + `/event emission, or the app's own ` + "`allow-*`" + ` commands, which are of unknown risk. The
remote site (and on Linux/Android any iframe inside the window) can then drive local system
access: its compromise, or an XSS in it, becomes code execution or data theft on the user's
machine.

The check runs on the resolved ACL: a set that expands to a high-risk command counts, and a
command that any capability denies does not. For plugins whose permission manifests are missing
(TA-ACL-012) the identifier's name is used.

**Fix:** grant remote origins only narrow, scoped, non-high-risk permissions; move privileged work
into Rust commands that validate their input.

Bad:

~~~json
{ "identifier": "portal", "windows": ["main"], "remote": { "urls": ["https://portal.example.com"] },
  "permissions": ["core:default", "shell:allow-open", "allow-run-task"] }
~~~

Good:

~~~json
{ "identifier": "portal", "windows": ["main"], "remote": { "urls": ["https://portal.example.com"] },
  "permissions": ["core:event:allow-listen"] }
~~~

**Downgrade:** the finding is a warning when every high-risk grant of the entry carries its own
narrow scope (no root/home/user-directory fs pattern, no any-host URL, no free shell arguments).

**False positives:** remote patterns with a custom scheme (` + "`app://*`" + `) are the app's own protocol
and do not count as remote here.`,
	Run: remoteHighRiskPermission,
}

func remoteHighRiskPermission(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, c := range v.Caps {
			if !audit.CapReachable(c) || !audit.WebRemote(c) {
				continue
			}
			for _, e := range c.Permissions {
				if f, ok := remoteHRFinding(v, c, e); ok {
					pass.ReportOn(t, f)
				}
			}
		}
	})
	return nil
}

func remoteHRFinding(v *audit.View, c *capabilities.Capability, e *capabilities.Entry) (rules.Finding, bool) {
	var hr []*audit.Grant
	for _, g := range v.CapGrants(c) {
		if g.Entry == e && v.HighRisk(g, true) {
			hr = append(hr, g)
		}
	}
	if len(hr) == 0 {
		return rules.Finding{}, false
	}
	ids := v.HighRiskIDs(hr, true)
	what := e.ID.Raw
	if len(ids) > 1 || ids[0] != e.ID.Raw {
		what += " (" + listText(ids, 4) + ")"
	}
	loc, related := grantWhere(hr[0])
	f := rules.Finding{Location: loc, Related: related, Subject: e.ID.Raw,
		Message: fmt.Sprintf("capability %q grants remote origins (%s) the high-risk permission %s", c.Identifier, remoteList(c), what)}
	if slices.ContainsFunc(hr, func(g *audit.Grant) bool { return !narrowScope(v, g) }) {
		return f, true
	}
	f.Level = rules.Warning
	f.Message += "; every such grant carries its own narrow scope"
	return f, true
}

// narrowScope reports a grant whose own command scope is present, allows
// something and allows nothing broad. Global scopes are not counted: they
// belong to every capability.
func narrowScope(v *audit.View, g *audit.Grant) bool {
	allows := 0
	for _, s := range g.Scope {
		if s.Deny {
			continue
		}
		allows++
		if broadValue(v, g.Key, s) {
			return false
		}
	}
	return g.HasScope && allows > 0
}

// broadValue reports a scope value that one of the TA-SCP rules would
// call broad.
func broadValue(v *audit.View, key string, s *audit.ScopeVal) bool {
	switch key {
	case "fs":
		p, _ := s.Str("path")
		return audit.RootOrHome(p) != "" || audit.UserDirRecursive(p) != "" || strings.Contains(p, "..")
	case "http":
		u, _ := s.Str("url")
		sh, ok := audit.CompileURLScope(u)
		return !ok || sh.AnyHost() || sh.Internal() || sh.SharedSuffix() != ""
	case "shell":
		return s.Node.Get("args").IsTrue() || audit.IsInterpreter(audit.ShellProgram(s))
	case "opener":
		if u, ok := s.Str("url"); ok {
			return audit.OpenerURLProblem(u) != "" || audit.OpenerApp(s) != ""
		}
		p, _ := s.Str("path")
		return audit.RootOrHome(p) != "" || audit.UserDirRecursive(p) != ""
	}
	return false
}
