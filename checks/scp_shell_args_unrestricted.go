package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// ShellArgsUnrestricted reports shell scope entries that accept any
// arguments.
var ShellArgsUnrestricted = &rules.Rule{
	ID:       "TA-SCP-008",
	Name:     "shell-args-unrestricted",
	Title:    "a shell command accepts any arguments",
	Level:    rules.Error,
	Severity: 8.6,
	Tags:     []string{"scope"},
	CWE:      []int{88, 78},
	Doc: `A shell scope entry that ` + "`shell:allow-execute`" + ` or ` + "`shell:allow-spawn`" + ` consults has ` + "`args: true`" + `: the
frontend passes any argument list. For most programs that means option injection, arbitrary file
writes or outright code execution (` + "`git -c core.sshCommand=...`" + `, ` + "`curl -o`" + `, ` + "`tar --to-command`" + `).

The entry is checked only when a granted execute/spawn command consults it (its own command scope,
or the shell global scope); sidecar entries are TA-SCP-011's.

**Fix:** list fixed arguments, or ` + "`{ \"validator\": \"^[a-z0-9-]+$\" }`" + ` entries for the variable parts.

Bad:

~~~json
{ "identifier": "shell:allow-execute", "allow": [{ "name": "git", "cmd": "git", "args": true }] }
~~~

Good:

~~~json
{ "identifier": "shell:allow-execute", "allow": [{ "name": "git-status", "cmd": "git", "args": ["status", "--porcelain"] }] }
~~~

**False positives:** harmless tools exist; suppress with a justification.`,
	Run: shellArgsUnrestricted,
}

func shellArgsUnrestricted(pass *rules.Pass) error {
	for _, e := range shellEntries(pass.Project) {
		if e.use.Sidecar() || !e.use.Val.Node.Get("args").IsTrue() {
			continue
		}
		f := valueFinding(e.use.Val, e.use.ShellName(), fmt.Sprintf("shell scope %q runs %q with any arguments (args: true), granted through %s",
			e.use.ShellName(), audit.ShellProgram(e.use.Val), listText(e.use.GrantIDs(audit.ShellExecCommands), 3)))
		pass.ReportOn(e.t, f)
	}
	return nil
}
