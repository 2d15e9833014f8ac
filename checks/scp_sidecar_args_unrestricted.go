package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// SidecarArgsUnrestricted reports sidecar scope entries that accept any
// arguments.
var SidecarArgsUnrestricted = &rules.Rule{
	ID:       "TA-SCP-011",
	Name:     "sidecar-args-unrestricted",
	Title:    "a sidecar accepts any arguments",
	Level:    rules.Warning,
	Severity: 6.9,
	Tags:     []string{"scope"},
	CWE:      []int{88},
	Doc: `A shell scope entry with ` + "`sidecar: true`" + ` and ` + "`args: true`" + ` is consulted by a granted execute or spawn
command. Sidecars are often powerful CLIs (ffmpeg, node or python bundles, database servers): free
arguments give the frontend file access, network access or code execution through them.

**Fix:** list the arguments, with validators for the variable parts.

Bad:

~~~json
{ "identifier": "shell:allow-execute", "allow": [{ "name": "bin/ffmpeg", "sidecar": true, "args": true }] }
~~~

**False positives:** purpose-built sidecars that validate their own input.`,
	Run: sidecarArgsUnrestricted,
}

func sidecarArgsUnrestricted(pass *rules.Pass) error {
	for _, e := range shellEntries(pass.Project) {
		if !e.use.Sidecar() || !e.use.Val.Node.Get("args").IsTrue() {
			continue
		}
		pass.ReportOn(e.t, valueFinding(e.use.Val, e.use.ShellName(), fmt.Sprintf("sidecar %q accepts any arguments (args: true), granted through %s",
			e.use.ShellName(), listText(e.use.GrantIDs(audit.ShellExecCommands), 3))))
	}
	return nil
}
