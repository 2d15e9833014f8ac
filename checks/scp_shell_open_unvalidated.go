package checks

import (
	"fmt"
	"regexp"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ShellOpenUnvalidated reports the shell plugin's open command without
// its scheme validation (CVE-2025-31477) or with a permissive regex.
var ShellOpenUnvalidated = &rules.Rule{
	ID:       "TA-SCP-012",
	Name:     "shell-open-unvalidated",
	Title:    "shell open passes unvalidated urls to the system opener",
	Level:    rules.Error,
	Severity: 9.3,
	Tags:     []string{"scope"},
	CWE:      []int{20, 78},
	Doc: `The shell plugin's ` + "`open`" + ` command is granted (` + "`shell:allow-open`" + `, or ` + "`shell:default`" + ` which contains
it) and either (a) tauri-plugin-shell is older than 2.2.1 (from Cargo.lock) and
` + "`plugins.shell.open`" + ` is unset or false — those versions skipped validation entirely
(CVE-2025-31477, GHSA-c9pr-q8gx-3mgp) — or (b) ` + "`plugins.shell.open`" + ` is a custom regex that accepts
schemes other than http(s), mailto and tel. Passing ` + "`file://`" + `, ` + "`smb://`" + `, ` + "`nfs://`" + ` or an app's custom
scheme to the OS opener leads to code execution. The regex is wrapped in ` + "`^...$`" + `, so ` + "`.*`" + ` allows
everything; it is tested here against file, smb, nfs, custom-scheme and local-path inputs.

**Fix:** upgrade tauri-plugin-shell to 2.2.1 or later; set ` + "`\"open\": true`" + ` (the default regex) or a
tight regex; better, move to the opener plugin with ` + "`opener:default`" + `.

Bad:

~~~json
{ "plugins": { "shell": { "open": ".*" } } }
~~~

**False positives:** file managers that open local files on purpose should use
` + "`opener:allow-open-path`" + ` with a narrow path scope instead.`,
	Run: shellOpenUnvalidated,
}

// openProbes are inputs the opener must never receive.
var openProbes = []string{"file:///etc/passwd", "smb://attacker.example/share/x.exe", "nfs://attacker.example/x",
	"myapp://payload", `C:\Windows\System32\calc.exe`, "/Applications/Calculator.app"}

func shellOpenUnvalidated(pass *rules.Pass) error {
	p := pass.Project
	lock := lockedCrate(p, "tauri-plugin-shell")
	forEachView(p, func(t *rules.Target, v *audit.View) {
		g := firstLive(v, "shell", "open")
		if g == nil {
			return
		}
		open := t.Config.At("plugins", "shell", "open")
		if f, ok := shellOpenFinding(g, open, lock); ok {
			pass.ReportOn(t, f)
		}
	})
	return nil
}

func shellOpenFinding(g *audit.Grant, open *source.Node, lock *deps.LockEntry) (rules.Finding, bool) {
	if re, ok := open.Str(); ok {
		probe := permissiveOpen(re)
		if probe == "" {
			return rules.Finding{}, false
		}
		return rules.Finding{Location: open.Location(), Subject: re,
			Message: fmt.Sprintf("plugins.shell.open regex %q lets %s reach the system opener (%s is granted)", re, probe, g.ID)}, true
	}
	if open.IsTrue() || !versionBefore(lock, "2.2.1") {
		return rules.Finding{}, false
	}
	loc, _ := grantWhere(g)
	return rules.Finding{Location: loc, Subject: g.Entry.ID.Raw,
		Related: []rules.Related{{Location: lock.VersionLoc, Message: "locked tauri-plugin-shell version"}},
		Message: fmt.Sprintf("%s is granted with tauri-plugin-shell %s (< 2.2.1) and plugins.shell.open unset or false: any url reaches the system opener (CVE-2025-31477)",
			g.ID, lock.Version)}, true
}

// permissiveOpen returns a probe the anchored regex accepts, or "".
func permissiveOpen(re string) string {
	rx, err := regexp.Compile("^(?:" + re + ")$")
	if err != nil {
		return ""
	}
	for _, p := range openProbes {
		if rx.MatchString(p) {
			return p
		}
	}
	return ""
}

// firstLive returns the first live grant allowing cmd of key.
func firstLive(v *audit.View, key, cmd string) *audit.Grant {
	for _, g := range v.LiveOf(key) {
		for _, c := range g.Commands {
			if c == cmd {
				return g
			}
		}
	}
	return nil
}
