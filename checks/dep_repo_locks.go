package checks

import (
	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// reporter records one finding; the dependency rules report the app's
// lockfiles with Pass.Report and the lockfiles no app builds with with
// repoLockReporter.
type reporter func(rules.Finding)

// repoLockReporter reports findings about lk, a lockfile no Tauri app of
// the scan builds with (a tool, an xtask crate, a script), at repository
// level. With capped, errors become warnings: the locked code runs in
// tooling, not in the signed app.
func repoLockReporter(pass *rules.Pass, lk *deps.Lockfile, capped bool) reporter {
	return func(f rules.Finding) {
		if capped && (f.Level == rules.Error || f.Level == "" && pass.Rule.Level == rules.Error) {
			f.Level = rules.Warning
		}
		f.Message += " (" + lk.File + " belongs to no Tauri app)"
		pass.ReportRepo(f)
	}
}
