package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// InvokeUnregistered reports frontend invoke calls naming an app command
// that no generate_handler! of the app's sources registers.
var InvokeUnregistered = &rules.Rule{
	ID:       "TA-IPC-005",
	Name:     "invoke-unregistered-command",
	Title:    "the frontend invokes an app command that no handler registers",
	Level:    rules.Note,
	Severity: 1.0,
	Tags:     []string{"ipc", "rust", "frontend"},
	CWE:      []int{1164},
	Doc: `A JS or TS source of the app's frontend (a file that takes invoke from @tauri-apps/api/core or
the __TAURI__ globals) calls invoke('name') with a literal app command name that no
tauri::generate_handler! in the app's Rust sources registers, not even by path from another
crate. The call fails with "command name not found" at runtime: a renamed or removed command,
or a typo. Plugin commands (plugin:<name>|<command>) are not checked.

Only apps whose Rust sources register commands are checked (a config-only copy says nothing),
and dependencies, build output and test files are skipped.

**Fix:** fix the name, register the command, or remove the dead call.

**False positives:** commands registered through a macro or a handler built in another crate
(the acl output notes what the reader could not follow).`,
	Run: invokeUnregistered,
}

func invokeUnregistered(pass *rules.Pass) error {
	p := pass.Project
	inv := rules.IPCInventory.Of(p)
	if inv == nil || len(inv.Handlers) == 0 || isV1(p) {
		return nil
	}
	known := map[string]bool{}
	for _, h := range inv.Handlers {
		for _, e := range h.Entries {
			parts := strings.Split(e.Path, "::")
			known[parts[len(parts)-1]] = true
		}
	}
	for _, in := range rules.FrontendInvokes.Of(p) {
		if strings.HasPrefix(in.Name, "plugin:") || known[in.Name] {
			continue
		}
		pass.Report(rules.Finding{Location: in.Loc, Subject: in.Name,
			Message: fmt.Sprintf("invoke(%q) names no command registered by the app's generate_handler! calls; Tauri answers \"command %s not found\"", in.Name, in.Name)})
	}
	return nil
}
