package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CommandNeverGranted reports app commands registered under an app ACL
// manifest that no capability grants: dead IPC surface.
var CommandNeverGranted = &rules.Rule{
	ID:       "TA-IPC-004",
	Name:     "command-never-granted",
	Title:    "an app command is registered but no capability grants it",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"ipc", "rust"},
	CWE:      []int{1164},
	Doc: `The app declares an app ACL manifest (a permissions/ folder or AppManifest in build.rs), so
Tauri checks app commands against the capabilities, and a generate_handler! registers a
command that no enabled capability grants on any target. Every call answers "not allowed by
ACL": the command is dead surface, or a window that needs it is missing its permission (the
feature is broken in release builds). Reported at the handler entry.

**Fix:** remove the command from generate_handler!, or grant its allow-<command> permission to
the windows that use it.

**False positives:** capabilities added at runtime (Manager::add_capability) are not seen.`,
	Run: commandNeverGranted,
}

func commandNeverGranted(pass *rules.Pass) error {
	p := pass.Project
	if !aclAudited(p) {
		return nil
	}
	inv := rules.IPCInventory.Of(p)
	if inv == nil || len(p.Targets) == 0 {
		return nil
	}
	for _, c := range inv.Registered() {
		for _, reg := range c.Registered {
			if reg.Plugin != "" || granted(p, c.Name) {
				continue
			}
			pass.Report(rules.Finding{Location: reg.Loc, Subject: c.Name,
				Message: fmt.Sprintf("command %s is registered but no capability grants it: Tauri refuses every call (app ACL manifest present)", c.Name)})
		}
	}
	return nil
}

// granted reports whether any target's ACL lets some window call the app
// command, or the app has no manifest (then Tauri does not check it).
func granted(p *rules.Project, cmd string) bool {
	for _, t := range p.Targets {
		r := p.TargetACL(t).Resolved
		if !r.HasApp || len(audit.AccessOf(r, cmd).Origins) > 0 || len(r.Denied[cmd]) > 0 {
			return true
		}
	}
	return false
}
