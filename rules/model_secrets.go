package rules

import (
	"sync"

	"github.com/tauriaudit/tauriaudit/signing"
)

// WorktreeSecrets are the secrets in the scanned tree, searched once per
// scan (not per app) and only when a rule asks: credential files by
// name, config, env, script and key files by content, and every other
// text file for a whole updater secret key. Reading records unreadable
// files as problems, so scans whose rules never ask do not search.
var WorktreeSecrets = PerScan("worktree secrets", func(p *Project) *Secrets { return &Secrets{p: p} })

// Secrets searches the tree on first use.
type Secrets struct {
	p    *Project
	once sync.Once
	hits []signing.SecretHit
}

// Hits returns every secret found in the tree.
func (s *Secrets) Hits() []signing.SecretHit {
	s.once.Do(func() { s.hits = searchWorktree(s.p) })
	return s.hits
}

func searchWorktree(p *Project) []signing.SecretHit {
	var out []signing.SecretHit
	for _, rel := range p.FilesUnder(".") {
		if what, ok := signing.CredentialFile(rel); ok {
			out = append(out, signing.SecretHit{Kind: signing.SigningCredential, Path: rel, What: what,
				Subject: rel, Fixture: signing.IsFixturePath(rel)})
			continue
		}
		if !signing.TextCandidate(rel) {
			out = append(out, embeddedUpdaterKeys(p, rel)...)
			continue
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		for _, h := range signing.ScanText(rel, f.Data) {
			if signing.IsWorkflowPath(rel) && h.Kind != signing.UpdaterKey {
				continue // TA-GIT-006 reads workflows with their YAML structure
			}
			out = append(out, h)
		}
	}
	return out
}

// embeddedUpdaterKeys searches a file TextCandidate leaves out for a whole
// updater key; the file is read without keeping it unless it holds one.
func embeddedUpdaterKeys(p *Project, rel string) []signing.SecretHit {
	if !signing.KeySearchCandidate(rel) || !signing.MayHoldUpdaterKey(p.ReadHead(rel, signing.MaxKeySearch)) {
		return nil
	}
	f := p.Read(rel)
	if f == nil {
		return nil
	}
	return signing.EmbeddedUpdaterKeys(rel, f.Data)
}
