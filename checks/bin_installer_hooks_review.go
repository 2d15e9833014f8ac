package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// InstallerHooksReview points at install-time scripts and templates.
var InstallerHooksReview = &rules.Rule{
	ID:       "TA-BIN-013",
	Name:     "installer-hooks-review",
	Title:    "the installer runs custom install-time scripts",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"bin"},
	CWE:      []int{250},
	Doc: `NSIS installer hooks and templates, WiX templates and fragments, and deb/rpm pre/post
install/remove scripts run at install time, usually elevated. Review them for
download-and-execute, writable install paths and weak file permissions.

**Fix:** keep them minimal and reviewed.

**False positives:** informational; suppress once reviewed.`,
	Run: installerHooksReview,
}

// installerHookKeys are the paths, below bundle, of install-time hooks.
var installerHookKeys = [][]string{
	{"windows", "nsis", "installerHooks"}, {"windows", "nsis", "template"},
	{"windows", "wix", "template"}, {"windows", "wix", "fragmentPaths"},
	{"linux", "deb", "preInstallScript"}, {"linux", "deb", "postInstallScript"},
	{"linux", "deb", "preRemoveScript"}, {"linux", "deb", "postRemoveScript"},
	{"linux", "rpm", "preInstallScript"}, {"linux", "rpm", "postInstallScript"},
	{"linux", "rpm", "preRemoveScript"}, {"linux", "rpm", "postRemoveScript"},
}

func installerHooksReview(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		for _, keys := range installerHookKeys {
			n := binBundle(t).At(keys...)
			if n == nil || n.IsNull() || n.Kind == source.Array && len(n.Items()) == 0 {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: keys[len(keys)-1],
				Message: fmt.Sprintf("bundle %s runs at install time; review it", keys[len(keys)-1])})
		}
	}
	return nil
}
