package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// FSWriteCriticalLocation reports fs write scopes that reach code,
// persistence or webview-profile locations.
var FSWriteCriticalLocation = &rules.Rule{
	ID:       "TA-SCP-003",
	Name:     "fs-write-critical-location",
	Title:    "fs write access reaches a location that runs code",
	Level:    rules.Error,
	Severity: 8.4,
	Tags:     []string{"scope"},
	CWE:      []int{732, 73},
	Doc: `An fs write command is granted with a scope that covers a location where a written file becomes
code or persistence: the app's bundled resources (` + "`$RESOURCE`" + `, sidecars included) or executable
directory (` + "`$EXE`" + `), the WebView2 profile (` + "`$APPLOCALDATA/EBWebView`" + `), macOS LaunchAgents, the Linux
autostart folder, the Windows Startup folder, or shell rc files (` + "`.bashrc`" + `, ` + "`.zshrc`" + `, ` + "`.profile`" + `).

Coverage is decided per target with the path variables resolved as Tauri resolves them there and
the fs plugin's glob rules (` + "`*`" + ` stays in one path component; with requireLiteralLeadingDot, the
default except on Windows, wildcards skip dotfiles — so ` + "`$HOME/**`" + ` does not reach ` + "`~/.bashrc`" + ` on
Linux but reaches ` + "`~/Library/LaunchAgents`" + ` on macOS).

` + "`$TEMP`" + ` is reported as an error only together with an exec-capable permission (shell execute, spawn
or open, opener open_path): scratch files alone are usually fine, and the finding is then a note.

**Fix:** never grant write access there; scope writes to ` + "`$APPDATA`" + ` sub-folders.

Bad:

~~~json
{ "identifier": "fs:allow-write-file", "allow": [{ "path": "$RESOURCE/**" }] }
~~~

Write commands that cannot put chosen bytes there (only ` + "`mkdir`" + `, ` + "`remove`" + `, ` + "`truncate`" + `) make it a
note: they can create folders or destroy files, not plant code.

**False positives:** an updater-like feature that rewrites its own resources should do so in Rust
with signature checks, not through the fs plugin.`,
	Run: fsWriteCriticalLocation,
}

// criticalLocation is a place where a written file runs as code.
type criticalLocation struct {
	Path  string // with a variable
	What  string
	Where []source.Platform // nil: every target
}

var criticalLocations = []criticalLocation{
	{"$RESOURCE/sidecar", "the app's bundled resources", nil},
	{"$EXE/app", "the executable's directory", nil},
	{"$APPLOCALDATA/EBWebView/Default/Cookies", "the WebView2 profile", []source.Platform{source.Windows}},
	{"$HOME/Library/LaunchAgents/x.plist", "LaunchAgents", []source.Platform{source.MacOS}},
	{"$HOME/.config/autostart/x.desktop", "the autostart folder", []source.Platform{source.Linux}},
	{"$CONFIG/Microsoft/Windows/Start Menu/Programs/Startup/x.lnk", "the Startup folder", []source.Platform{source.Windows}},
	{"$HOME/.bashrc", "shell rc files", nil},
	{"$HOME/.zshrc", "shell rc files", nil},
	{"$HOME/.profile", "shell rc files", nil},
}

func fsWriteCriticalLocation(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		exec := v.LiveCommands("shell", []string{"execute", "spawn", "open"}) || v.LiveCommands("opener", []string{"open_path"})
		for _, u := range v.ScopeUses("fs") {
			p, ok := fsPathOf(u.Val)
			if !ok || len(u.Commands(audit.FSWriteCommands)) == 0 {
				continue
			}
			if f, ok := criticalFinding(t, v, u, p, exec); ok {
				once.on(t, f)
			}
		}
	})
	return nil
}

func criticalFinding(t *rules.Target, v *audit.View, u *audit.ScopeUse, p string, exec bool) (rules.Finding, bool) {
	ident, dot := appIdentifier(t), literalDot(t)
	writers := listText(u.GrantIDs(audit.FSWriteCommands), 3)
	for _, c := range criticalLocations {
		if (c.Where == nil || slices.Contains(c.Where, t.Platform)) && audit.Covers(p, c.Path, t.Platform, ident, dot) &&
			!fsDenied(v, t, u, c.Path) {
			if len(u.Commands(audit.FSContentCommands)) == 0 {
				// Folders can be made and files removed there, but nothing
				// the page chooses can be written: not a way to plant code.
				f := valueFinding(u.Val, p, fmt.Sprintf("fs scope %q lets write commands (%s) create folders in or remove files from %s, though none can write file content there", p, writers, c.What))
				f.Level = rules.Note
				return f, true
			}
			return valueFinding(u.Val, p, fmt.Sprintf("fs scope %q lets write commands (%s) modify %s", p, writers, c.What)), true
		}
	}
	if !audit.Covers(p, "$TEMP/x", t.Platform, ident, dot) || fsDenied(v, t, u, "$TEMP/x") {
		return rules.Finding{}, false
	}
	f := valueFinding(u.Val, p, fmt.Sprintf("fs scope %q lets write commands (%s) write to the temp folder", p, writers))
	if exec {
		f.Message += ", and the app can execute or open files"
	} else {
		f.Level = rules.Note
	}
	return f, true
}

// fsDenied reports whether deny values keep loc out of reach for every
// grant of a use: a global deny, or a deny in each grant's own scope
// (deny wins over allow, tauri-acl §9.6).
func fsDenied(v *audit.View, t *rules.Target, u *audit.ScopeUse, loc string) bool {
	ident, dot := appIdentifier(t), literalDot(t)
	covers := func(vals []*audit.ScopeVal) bool {
		for _, s := range vals {
			if p, ok := fsPathOf(s); ok && s.Deny && audit.Covers(p, loc, t.Platform, ident, dot) {
				return true
			}
		}
		return false
	}
	if covers(v.Global["fs"]) {
		return true
	}
	for _, g := range u.Grants {
		if !covers(g.Scope) {
			return false
		}
	}
	return len(u.Grants) > 0
}
