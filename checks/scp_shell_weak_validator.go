package checks

import (
	"fmt"
	"regexp"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ShellWeakValidator reports shell argument validators that are
// unanchored or admit flags and paths.
var ShellWeakValidator = &rules.Rule{
	ID:       "TA-SCP-010",
	Name:     "shell-weak-validator",
	Title:    "a shell argument validator is weak",
	Level:    rules.Warning,
	Severity: 6.8,
	Tags:     []string{"scope"},
	CWE:      []int{185, 88},
	Doc: `A ` + "`{ \"validator\": ... }`" + ` argument of a shell scope entry that a granted execute/spawn command
consults is weak: ` + "`raw: true`" + ` (the regex is not wrapped in ` + "`^...$`" + `, so it only has to match somewhere
in the argument — ROS TAU2-011), or the regex matches almost anything (` + "`.*`" + `, ` + "`.+`" + `, ` + "`\\S+`" + `), or
lets an argument start with ` + "`-`" + ` (option injection) or ` + "`/`" + ` (absolute paths).

The validator is tested as the shell plugin applies it — wrapped in ` + "`^...$`" + ` unless raw — against
` + "`--output=/tmp/x`" + `, ` + "`-x`" + `, ` + "`/etc/passwd`" + ` and a string with spaces, quotes and ` + "`;`" + `.

**Fix:** anchor, forbid a leading ` + "`-`" + ` and ` + "`/`" + `, prefer explicit value sets: ` + "`^(low|medium|high)$`" + `.

**False positives:** validators for numbers or ids are fine; a validator that must accept paths
should still refuse a leading ` + "`-`" + `.`,
	Run: shellWeakValidator,
}

func shellWeakValidator(pass *rules.Pass) error {
	for _, e := range shellEntries(pass.Project) {
		for _, a := range e.use.Val.Node.Get("args").Items() {
			v, ok := a.Get("validator").Str()
			if !ok {
				continue
			}
			if why := validatorWeakness(v, a.Get("raw").IsTrue()); why != "" {
				pass.ReportOn(e.t, validatorFinding(e, a, v, why))
			}
		}
	}
	return nil
}

func validatorFinding(e shellEntry, a *source.Node, v, why string) rules.Finding {
	f := valueFinding(e.use.Val, e.use.ShellName()+" "+v, fmt.Sprintf("shell scope %q: validator %q %s", e.use.ShellName(), v, why))
	if a.File == e.use.Val.Entry.Node.File {
		f.Location = a.Get("validator").Location()
	}
	return f
}

// validatorWeakness says why a validator is weak, or "".
func validatorWeakness(v string, raw bool) string {
	if raw {
		return "is raw: it is not anchored, so it only has to match part of the argument"
	}
	rx, err := regexp.Compile("^(?:" + v + ")$")
	if err != nil {
		return ""
	}
	switch {
	case rx.MatchString(`a b "c"; d | e`):
		return "matches almost anything"
	case rx.MatchString("--output=/tmp/x") && rx.MatchString("/etc/passwd") && rx.MatchString("../x;y"):
		return "matches almost any argument, flags and paths included"
	case rx.MatchString("--output=/tmp/x") || rx.MatchString("-x"):
		return "lets an argument start with - (option injection)"
	case rx.MatchString("/etc/passwd"):
		return "lets an argument be an absolute path"
	}
	return ""
}
