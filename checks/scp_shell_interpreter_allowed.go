package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// ShellInterpreterAllowed reports shell scope entries that run an
// interpreter or launcher.
var ShellInterpreterAllowed = &rules.Rule{
	ID:       "TA-SCP-009",
	Name:     "shell-interpreter-allowed",
	Title:    "a shell scope runs an interpreter or launcher",
	Level:    rules.Error,
	Severity: 9.0,
	Tags:     []string{"scope"},
	CWE:      []int{78},
	Doc: `A shell scope entry consulted by a granted execute/spawn command runs an interpreter or launcher
(sh, bash, cmd, powershell, python, node, osascript, open, xdg-open, explorer, env, ssh, git,
find, xargs, a .bat/.cmd/.ps1/.sh script...), or passes a validator-controlled argument after a
code flag (` + "`-c`" + `, ` + "`/c`" + `, ` + "`-e`" + `, ` + "`-Command`" + `, ` + "`-EncodedCommand`" + `, ` + "`--eval`" + `). That is direct arbitrary command
execution from the webview.

**Downgrade:** a warning when the arguments are fully fixed (absent, false, or a list of plain
strings): the program runs, but only as written.

**Fix:** implement the action as a Rust command; never expose interpreters to the frontend.

Bad:

~~~json
{ "identifier": "shell:allow-execute", "allow": [{ "name": "ps", "cmd": "powershell", "args": true }] }
~~~

**False positives:** a fixed script run with fixed arguments is lower risk (warning).`,
	Run: shellInterpreterAllowed,
}

func shellInterpreterAllowed(pass *rules.Pass) error {
	for _, e := range shellEntries(pass.Project) {
		prog := audit.ShellProgram(e.use.Val)
		flag := codeFlagValidator(e)
		if !audit.IsInterpreter(prog) && flag == "" {
			continue
		}
		msg := fmt.Sprintf("shell scope %q runs the interpreter/launcher %q", e.use.ShellName(), prog)
		if flag != "" {
			msg = fmt.Sprintf("shell scope %q passes a validated argument after %s to %q, which runs it as code", e.use.ShellName(), flag, prog)
		}
		f := valueFinding(e.use.Val, e.use.ShellName(), msg)
		if e.use.FixedArgs() && flag == "" {
			f.Level = rules.Warning
			f.Message += " with fixed arguments"
		}
		pass.ReportOn(e.t, f)
	}
	return nil
}

// codeFlagValidator returns the code flag a validator argument follows,
// or "".
func codeFlagValidator(e shellEntry) string {
	prev := ""
	for _, a := range e.use.Val.Node.Get("args").Items() {
		if s, ok := a.Str(); ok {
			prev = s
			continue
		}
		if a.Get("validator") != nil && slices.Contains(audit.CodeFlags, strings.ToLower(prev)) {
			return prev
		}
		prev = ""
	}
	return ""
}
