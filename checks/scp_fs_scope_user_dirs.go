package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// FSScopeUserDirs reports recursive fs scopes over user and OS folders.
var FSScopeUserDirs = &rules.Rule{
	ID:       "TA-SCP-002",
	Name:     "fs-scope-user-dirs",
	Title:    "an fs scope opens a user or system folder recursively",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"scope"},
	CWE:      []int{552},
	Doc: `An fs scope value gives recursive access (` + "`**`" + `, the ` + "`-recursive`" + ` built-ins) to a folder that is
not the app's own: ` + "`$DESKTOP`" + `, ` + "`$DOCUMENT`" + `, ` + "`$DOWNLOAD`" + `, ` + "`$PICTURE`" + `, ` + "`$VIDEO`" + `, ` + "`$AUDIO`" + `,
` + "`$PUBLIC`" + `, ` + "`$TEMPLATE`" + `, ` + "`$FONT`" + `, or the OS-wide ` + "`$CONFIG`" + `, ` + "`$DATA`" + `, ` + "`$LOCALDATA`" + `, ` + "`$CACHE`" + `, where
other applications keep their secrets and browser data. Document folders hold personal data.

As for TA-SCP-001, only values that a granted fs command consults are reported, and the message
says whether access is read-only (the catalog's 5.3 for read-only is not expressible per result).

**Fix:** narrow to the sub-folder the app owns, e.g. ` + "`$DOCUMENT/MyApp/**`" + `.

Bad:

~~~json
"permissions": ["fs:allow-download-read-recursive"]
~~~

Good:

~~~json
"permissions": [{ "identifier": "fs:allow-read-file", "allow": [{ "path": "$DOWNLOAD/MyApp/**" }] }]
~~~

**False positives:** media and document apps that need their folder: suppress after reviewing the
scope.`,
	Run: fsScopeUserDirs,
}

func fsScopeUserDirs(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("fs") {
			p, ok := fsPathOf(u.Val)
			dir := audit.UserDirRecursive(p)
			read, write := fsAccess(u)
			if !ok || dir == "" || !read && !write {
				continue
			}
			once.on(t, valueFinding(u.Val, p, fmt.Sprintf("fs scope %q opens all of %s recursively to %s commands",
				p, dir, accessText(read, write))))
		}
	})
	return nil
}
