package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// FSScopeRootOrHome reports fs scopes that open the whole file system or
// the home directory.
var FSScopeRootOrHome = &rules.Rule{
	ID:       "TA-SCP-001",
	Name:     "fs-scope-root-or-home",
	Title:    "an fs scope opens the whole disk or the home directory",
	Level:    rules.Error,
	Severity: 8.2,
	Tags:     []string{"scope"},
	CWE:      []int{22, 552, 732},
	Doc: `An fs scope value — in the global scope (` + "`fs:scope`" + `, ` + "`fs:scope-home*`" + `, the scope half of
` + "`fs:allow-home-*`" + `) or attached to a command permission — is ` + "`**`" + `, ` + "`**/*`" + `, ` + "`/**`" + `, ` + "`/*`" + `, a drive root,
` + "`$HOME`" + `, ` + "`$HOME/*`" + ` or ` + "`$HOME/**`" + `, and fs read or write commands are granted that consult it. A
frontend compromise then reads SSH keys, browser profiles and tokens; with write access it plants
startup items or shell rc code.

Command scopes are checked against their own commands; global scope values against every fs
command any capability grants (tauri-acl §9.6). A scope that no granted command consults is inert
and not reported. The message says whether the commands only read; the catalog's lower
security-severity for read-only access (7.5) cannot be expressed per result, and reading the home
directory stays an error.

**Fix:** scope to the app's directories (` + "`$APPDATA/**`" + `, ` + "`$APPCONFIG/**`" + `...) or to the sub-folder the app
owns; add explicit denies for sensitive paths; prefer dialog-driven runtime grants.

Bad:

~~~json
{ "identifier": "fs:scope", "allow": [{ "path": "$HOME/**" }] }
~~~

Good:

~~~json
{ "identifier": "fs:scope", "allow": [{ "path": "$APPDATA/exports/**" }] }
~~~

**False positives:** file managers and editors that need the whole home directory by design:
suppress with a justification and deny ` + "`$HOME/.ssh/**`" + `, ` + "`$HOME/.gnupg/**`" + ` and similar.`,
	Run: fsScopeRootOrHome,
}

func fsScopeRootOrHome(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("fs") {
			p, ok := fsPathOf(u.Val)
			kind := audit.RootOrHome(p)
			read, write := fsAccess(u)
			if !ok || kind == "" || !read && !write {
				continue
			}
			what := map[string]string{"root": "the whole file system", "home": "the home directory"}[kind]
			once.on(t, valueFinding(u.Val, p, fmt.Sprintf("fs scope %q opens %s to %s commands (%s)",
				p, what, accessText(read, write), listText(u.GrantIDs(append(audit.FSReadCommands, audit.FSWriteCommands...)), 4))))
		}
	})
	return nil
}
