package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// maxPerCommitFindings caps the per-commit findings of one rule; the rest
// are counted in one summary finding, so a 20k-commit history without
// signatures stays a readable report.
const maxPerCommitFindings = 50

// gitHistoryOf is the history audit of the scan (rules.History), nil
// when history is not wanted or the tree is not on disk.
func gitHistoryOf(p *rules.Project) *rules.GitHistory { return rules.History.Of(p) }

// commitLoc locates a finding about a whole commit or the history: the
// history's anchor file (the app config), line 1, with the commit.
func commitLoc(h *rules.GitHistory, id signing.Hash) source.Location {
	loc := source.Location{File: h.Anchor, Start: source.Pos{Line: 1, Col: 1}}
	if !id.IsZero() {
		loc.Commit = id.String()
	}
	return loc
}

// historyGap says what part of the selected range the audit did not read
// (a shallow clone's cut-off, the --max-commits limit), or "".
func historyGap(h *rules.GitHistory) string {
	info := h.Audit.Info
	var gaps []string
	if info.Shallow && info.Missing > 0 {
		gaps = append(gaps, "the clone is shallow, so commits before its cut-off were not read (git fetch --unshallow)")
	}
	if info.Truncated {
		gaps = append(gaps, fmt.Sprintf("the walk stopped at the %d-commit limit (--max-commits)", info.Visited))
	}
	return strings.Join(gaps, "; ")
}

// gapLevel is the level of an incomplete history: in release mode the
// gate cannot vouch for commits it did not read, so it fails the run.
func gapLevel(p *rules.Project) rules.Level {
	if p.Settings().Mode == "release" {
		return rules.Error
	}
	return rules.Note
}

// rangeDesc describes the audited range for summary messages.
func rangeDesc(h *rules.GitHistory) string {
	info := h.Audit.Info
	d := info.Desc
	if info.Truncated {
		d += fmt.Sprintf(", stopped at the %d-commit limit (--max-commits)", info.Visited)
	}
	if info.Shallow {
		d += ", shallow clone: commits before the cut-off are unknown"
	}
	return d
}

// who names a commit's author for messages.
func gitWho(id signing.Ident) string {
	if id.Email == "" {
		return id.Name
	}
	return id.String()
}

// reportSecrets reports the hits of one kind in the tree and, when
// history is read, each distinct secret of history no longer in HEAD,
// once, with its first and last sighting. A secret still in the tree is
// reported there, with the commit that first added it.
func reportSecrets(pass *rules.Pass, kind signing.SecretKind) {
	hist := gitHistoryOf(pass.Project)
	var leaks []signing.Leak
	if hist != nil && hist.Err == nil {
		leaks = hist.Audit.Secrets
	}
	committed := map[string]*signing.Leak{}
	for i, l := range leaks {
		if l.Kind == kind && l.InHead && l.Identity != "" && committed[l.Identity] == nil {
			committed[l.Identity] = &leaks[i]
		}
	}
	var mine []signing.SecretHit
	for _, h := range rules.WorktreeSecrets.Of(pass.Project).Hits() {
		if h.Kind == kind {
			mine = append(mine, h)
		}
	}
	for _, g := range signing.DistinctSecrets(mine) {
		h := g[0]
		where := ""
		if l := committed[h.Identity]; l != nil && h.Identity != "" {
			where = fmt.Sprintf(" (committed since %s, in %d commits)", l.Commit.Short(), l.Commits)
		}
		where += alsoIn(g[1:])
		f := secretFinding(h, hitLoc(pass, h), where)
		for _, r := range h.Related {
			f.Related = append(f.Related, rules.Related{Location: source.Location{File: r.Path, Start: source.Pos{Line: r.Line, Col: 1}},
				Message: "the password that opens it"})
		}
		for _, o := range g[1:] {
			f.Related = append(f.Related, rules.Related{Location: hitLoc(pass, o), Message: "the same secret"})
		}
		pass.Report(f)
	}
	for _, l := range leaks {
		if l.Kind != kind || l.InHead {
			continue
		}
		loc := source.Location{File: hist.BlobPath(l.Path), Commit: l.Commit.String()}
		if l.Line > 0 {
			loc.Start = source.Pos{Line: l.Line, Col: l.Col}
			loc.End = source.Pos{Line: l.Line, Col: l.EndCol}
		}
		pass.Report(secretFinding(l.SecretHit, loc, historyWhere(hist, l)))
	}
}

// hitLoc locates a hit of the working tree.
func hitLoc(pass *rules.Pass, h signing.SecretHit) source.Location {
	loc := source.Location{File: h.Path}
	if f := pass.Project.Files().File(h.Path); f != nil && h.Line > 0 {
		loc = f.Span(h.Offset, h.End)
	} else if h.Line > 0 {
		loc.Start, loc.End = source.Pos{Line: h.Line, Col: h.Col}, source.Pos{Line: h.Line, Col: h.EndCol}
	}
	return loc
}

// alsoIn names the other places of the tree holding the same secret,
// the first three by path and line.
func alsoIn(others []signing.SecretHit) string {
	if len(others) == 0 {
		return ""
	}
	var names []string
	for _, o := range others[:min(len(others), 3)] {
		n := o.Path
		if o.Line > 0 {
			n += fmt.Sprintf(":%d", o.Line)
		}
		names = append(names, n)
	}
	more := ""
	if len(others) > 3 {
		more = fmt.Sprintf(" and %d more", len(others)-3)
	}
	return fmt.Sprintf(" (the same secret is also in %s%s)", strings.Join(names, ", "), more)
}

// historyWhere says where a secret no longer in HEAD was seen.
func historyWhere(hist *rules.GitHistory, l signing.Leak) string {
	if l.Commits <= 1 {
		return fmt.Sprintf(" in history (commit %s; no longer in HEAD)", l.Commit.Short())
	}
	last := ""
	if l.Last.Path != l.Path {
		last = " (" + hist.BlobPath(l.Last.Path) + ")"
	}
	return fmt.Sprintf(" in history (%d commits, first %s, last %s%s; no longer in HEAD)", l.Commits, l.Commit.Short(),
		l.Last.Commit.Short(), last)
}

func secretFinding(h signing.SecretHit, loc source.Location, where string) rules.Finding {
	f := rules.Finding{Location: loc, Subject: h.Subject, Message: h.What + where}
	if h.Kind == signing.ProviderSecret {
		return providerFinding(h, f, where)
	}
	if h.Level == secretrules.Warning {
		f.Level = rules.Warning
	}
	if h.Fixture {
		f.Level = rules.Warning
		f.Message += " (under a test/fixture folder)"
	}
	return f
}
