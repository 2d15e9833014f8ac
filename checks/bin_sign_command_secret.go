package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// SignCommandSecret reports credentials written into signCommand.
var SignCommandSecret = &rules.Rule{
	ID:       "TA-BIN-006",
	Name:     "sign-command-secret",
	Title:    "signCommand contains a literal credential",
	Level:    rules.Error,
	Severity: 8.1,
	Tags:     []string{"bin"},
	CWE:      []int{798},
	Doc: `bundle.windows.signCommand (a string, or {cmd, args}) passes a password, PIN, token or client
secret as a literal (/p, -p, --pass, --password, --pin, --token, --client-secret, token=…).
The credential is then in the repository and in every build log.

**Fix:** read it from the environment: %SIGN_PASSWORD% on Windows, $SIGN_PASSWORD elsewhere.

Bad:

~~~json
{ "bundle": { "windows": { "signCommand": "signtool sign /f cert.pfx /p hunter2 %1" } } }
~~~

Good:

~~~json
{ "bundle": { "windows": { "signCommand": "signtool sign /f cert.pfx /p %PFX_PASSWORD% %1" } } }
~~~

**False positives:** %1 is Tauri's placeholder for the file path.`,
	Run: signCommandSecret,
}

// secretFlags take a credential as their next argument (or after '=').
var secretFlags = []string{"/p", "-p", "--pass", "--password", "--pin", "--token", "--client-secret", "-password", "-pass", "--key-password", "--storepass", "-storepass"}

func signCommandSecret(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		n := binBundle(t).Field("windows").Field("signCommand")
		if flag := literalCredential(signCommandArgs(n)); flag != "" {
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: flag,
				Message: fmt.Sprintf("signCommand passes a literal value to %s", flag)})
		}
	}
	return nil
}

// literalCredential returns the flag whose value is a literal.
func literalCredential(args []string) string {
	for i, a := range args {
		name, val, hasEq := strings.Cut(a, "=")
		l := strings.ToLower(name)
		if strings.HasPrefix(l, "token") || strings.Contains(l, "client-secret") || strings.Contains(l, "clientsecret") {
			if hasEq && isLiteralArg(val) {
				return name
			}
		}
		for _, f := range secretFlags {
			if l != f {
				continue
			}
			if hasEq {
				if isLiteralArg(val) {
					return name
				}
			} else if i+1 < len(args) && isLiteralArg(args[i+1]) {
				return name
			}
		}
	}
	return ""
}

func isLiteralArg(v string) bool {
	v = strings.Trim(v, `"'`)
	return v != "" && v != "%1" && !strings.HasPrefix(v, "$") && !(strings.HasPrefix(v, "%") && strings.HasSuffix(v, "%")) &&
		!strings.HasPrefix(v, "env:")
}
