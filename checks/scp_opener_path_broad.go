package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// OpenerPathBroad reports opener path scopes over the whole disk, home or
// user folders.
var OpenerPathBroad = &rules.Rule{
	ID:       "TA-SCP-014",
	Name:     "opener-path-broad",
	Title:    "opener may open any file with its default program",
	Level:    rules.Error,
	Severity: 8.3,
	Tags:     []string{"scope"},
	CWE:      []int{78},
	Doc: `An ` + "`opener:allow-open-path`" + ` scope entry that a granted ` + "`open_path`" + ` command consults allows ` + "`**`" + `,
a root, the home directory or a user folder recursively (the patterns of TA-SCP-001/002, e.g.
` + "`$DOWNLOAD/**`" + `). Opening an attacker-chosen or freshly downloaded file with its default handler runs
executables and scripts (.exe, .bat, .app, .command, .desktop, .jar).

**Fix:** narrow the scope to files or folders the app creates; check the extension in Rust.

Bad:

~~~json
{ "identifier": "opener:allow-open-path", "allow": [{ "path": "**/*" }] }
~~~

Good:

~~~json
{ "identifier": "opener:allow-open-path", "allow": [{ "path": "$APPDATA/exports/*.pdf" }] }
~~~

**False positives:** document viewers that open only their own data folder are not reported.`,
	Run: openerPathBroad,
}

func openerPathBroad(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("opener") {
			p, ok := u.Val.Node.Get("path").Str()
			if !ok || len(u.Commands([]string{"open_path"})) == 0 {
				continue
			}
			if what := pathBreadth(p); what != "" {
				once.on(t, valueFinding(u.Val, p, fmt.Sprintf("opener path scope %q lets the page open %s with the default program", p, what)))
			}
		}
	})
	return nil
}
