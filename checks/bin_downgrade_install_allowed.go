package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DowngradeInstallAllowed reports Windows installers that accept older
// versions.
var DowngradeInstallAllowed = &rules.Rule{
	ID:       "TA-BIN-014",
	Name:     "downgrade-install-allowed",
	Title:    "windows installers allow downgrades",
	Level:    rules.Note,
	Severity: 2.5,
	Tags:     []string{"bin"},
	CWE:      []int{1328},
	Doc: `bundle.windows.allowDowngrades is true, or absent (Tauri's default is true), for an app that
bundles Windows installers: an older, vulnerable version can be installed over a newer one.

**Fix:** set allowDowngrades to false unless downgrades are a support requirement.

~~~json
{ "bundle": { "windows": { "allowDowngrades": false } } }
~~~

**False positives:** the updater compares versions itself; this concerns manual installs.`,
	Run: downgradeInstallAllowed,
}

func downgradeInstallAllowed(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		if t.Platform != source.Windows || !binBuilds(t, "msi", "nsis") {
			continue
		}
		n := binBundle(t).Field("windows").Field("allowDowngrades")
		if b, ok := n.Bool(); ok && !b {
			continue
		}
		loc := n.Location()
		if n == nil {
			loc = t.Config.AbsentLocation("bundle", "windows", "allowDowngrades")
		}
		pass.ReportOn(t, rules.Finding{Location: loc, Subject: "allowDowngrades",
			Message: "windows installers accept downgrades (allowDowngrades is true or unset)"})
	}
	return nil
}
