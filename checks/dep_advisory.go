package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// advisoryCheck adjusts a hit with the advisory's extra condition: the
// level to report at (or "" to drop it), a message suffix and the
// platforms it holds on.
type advisoryCheck func(p *rules.Project, h deps.Hit) (rules.Level, string, []string)

// advisoryRule completes r, an advisory rule that states its own level
// and score, with a Run that reports the lock entries deps.Advisories
// lists under r.ID.
func advisoryRule(r *rules.Rule, check advisoryCheck) *rules.Rule {
	r.Doc += "\n\n" + repoLockfilesDoc
	r.Run = func(pass *rules.Pass) error {
		a := advisoryFor(r.ID)
		if a == nil {
			return fmt.Errorf("no advisory in deps.Advisories for %s", r.ID)
		}
		return runAdvisory(pass, a, check)
	}
	return r
}

// repoLockfilesDoc ends every advisory rule's documentation.
const repoLockfilesDoc = `Lockfiles that no Tauri app of the scan builds with (an xtask crate, a tools or scripts
folder) are matched too, once per scan, as repository-level notes that name the lockfile: the flaw
needs a running Tauri app, and nothing built from such a lockfile ships.`

func advisoryFor(id string) *deps.Advisory {
	for _, a := range deps.Advisories {
		if a.Rule == id {
			return a
		}
	}
	return nil
}

// runAdvisory reports every lock entry in an affected range, in the
// app's lockfiles and, at repository level, in those no app builds with.
func runAdvisory(pass *rules.Pass, a *deps.Advisory, check advisoryCheck) error {
	for _, lk := range rules.Deps.Of(pass.Project).AllLocks() {
		advisoryHits(pass.Project, lk, a, check, pass.Report)
	}
	for _, lk := range rules.RepoLockfiles(pass.Project) {
		// These advisories are flaws of a running Tauri app, and nothing
		// built from a lockfile no app uses ships: notes. The extra
		// conditions read the app's config, which such a lockfile lacks.
		advisoryHits(pass.Project, lk, a, asNote, repoLockReporter(pass, lk, true))
	}
	return nil
}

func advisoryHits(p *rules.Project, lk *deps.Lockfile, a *deps.Advisory, check advisoryCheck, report reporter) {
	for _, h := range rules.AdvisoryHits.Of(p).Hits(lk) {
		if h.Advisory != a {
			continue
		}
		level, extra, platforms := rules.Level(""), "", []string(nil)
		if check != nil {
			if level, extra, platforms = check(p, h); level == "none" {
				continue
			}
		}
		report(rules.Finding{Location: h.Loc(), Level: level, Platforms: platforms,
			Subject: a.ID + " " + h.Entry.Name,
			Message: fmt.Sprintf("%s %s is affected by %s (%s): %s Fixed in %s%s.", h.Entry.Name, h.Entry.Version,
				a.ID, depList(a.Aliases, 3), a.Summary, h.Range.Fixed, extra)})
	}
}

// asNote reports a hit as a note, without the app-specific condition.
func asNote(*rules.Project, deps.Hit) (rules.Level, string, []string) { return rules.Note, "", nil }

// onlyOnPlatforms is the extra condition of platform-limited advisories:
// the finding holds on the audited platforms the advisory names, and is
// a note when none of them is audited.
func onlyOnPlatforms(p *rules.Project, h deps.Hit) (rules.Level, string, []string) {
	var on []string
	for _, pf := range p.Platforms() {
		if slices.Contains(h.Advisory.Platforms, string(pf)) {
			on = append(on, string(pf))
		}
	}
	if len(on) == 0 {
		return rules.Note, "; only " + depList(h.Advisory.Platforms, 3) + " builds are affected and none is audited", nil
	}
	return "", "; affects " + depList(on, 3) + " builds", on
}
