package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// worktreeSecrets searches the scanned tree once per scan (not per app):
// credential files by name, and config, env, script and key files by
// content.
func worktreeSecrets(p *rules.Project) []signing.SecretHit {
	return p.ScanMemo("signing.worktreeSecrets", func() any {
		var out []signing.SecretHit
		for _, rel := range p.FilesUnder(".") {
			if what, ok := signing.CredentialFile(rel); ok {
				out = append(out, signing.SecretHit{Kind: signing.SigningCredential, Path: rel, What: what,
					Subject: rel, Fixture: signing.IsFixturePath(rel)})
				continue
			}
			if !signing.TextCandidate(rel) {
				continue
			}
			f := p.Read(rel)
			if f == nil {
				continue
			}
			for _, h := range signing.ScanText(rel, f.Data) {
				if isWorkflowPath(rel) && h.Kind != signing.UpdaterKey {
					continue // TA-GIT-006 reads workflows with their YAML structure
				}
				out = append(out, h)
			}
		}
		return out
	}).([]signing.SecretHit)
}

func isWorkflowPath(rel string) bool {
	return strings.HasPrefix(rel, ".github/workflows/") || strings.Contains(rel, "/.github/workflows/")
}

// reportSecrets reports the hits of one kind in the tree and, when
// history is read, in history blobs no longer in HEAD.
func reportSecrets(pass *rules.Pass, kind signing.SecretKind) {
	for _, h := range worktreeSecrets(pass.Project) {
		if h.Kind != kind {
			continue
		}
		loc := source.Location{File: h.Path}
		if f := pass.Project.Files().File(h.Path); f != nil && h.Line > 0 {
			loc = f.Span(h.Offset, h.End)
		}
		pass.Report(secretFinding(h, loc, ""))
	}
	hist := gitHistoryOf(pass.Project)
	if hist == nil || hist.err != nil {
		return
	}
	for _, h := range hist.audit.Secrets {
		if h.Kind != kind {
			continue
		}
		loc := source.Location{File: hist.blobPath(h.Path), Commit: h.Commit.String()}
		if h.Line > 0 {
			loc.Start = source.Pos{Line: h.Line, Col: h.Col}
			loc.End = source.Pos{Line: h.Line, Col: h.EndCol}
		}
		pass.Report(secretFinding(h, loc, fmt.Sprintf(" in history (commit %s; no longer in HEAD)", h.Commit.Short())))
	}
}

func secretFinding(h signing.SecretHit, loc source.Location, where string) rules.Finding {
	f := rules.Finding{Location: loc, Subject: h.Subject, Message: h.What + where}
	if h.Fixture {
		f.Level = rules.Warning
		f.Message += " (under a test/fixture folder)"
	}
	return f
}
