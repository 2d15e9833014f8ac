package rules

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// WorktreeSecrets are the secrets in the scanned tree, searched once per
// scan (not per app) and only when a rule asks: credential files by
// name, config, env, script and key files by content, every other text
// file for a whole updater secret key, and every text file for provider
// credentials. Reading records unreadable files as problems, so scans
// whose rules never ask do not search.
var WorktreeSecrets = PerScan("worktree secrets", func(p *Project) *Secrets { return &Secrets{p: p} })

// SecretDetector is the provider-secret detector of the scan: the
// built-in table plus the rules, allowlists and ignore list of the
// repository's .gitleaks.toml and .gitleaksignore at the scanned root.
// Patterns there that do not compile are TA-CFG-000 problems at their
// line; the rest still apply.
var SecretDetector = PerScan("secret detector", buildSecretDetector)

func buildSecretDetector(p *Project) *secretrules.Detector {
	cfg := secretrules.Builtin()
	const conf, ignore = ".gitleaks.toml", ".gitleaksignore"
	if p.Exists(conf) {
		if f := p.Read(conf); f != nil {
			repo, errs := secretrules.ParseGitleaks(f.Data)
			for _, e := range errs {
				p.AddProblem(conf, Warning, &source.Error{Loc: source.Location{File: conf, Start: source.Pos{Line: e.Line, Col: 1}},
					Msg: fmt.Sprintf("%s: %s", conf, e.Msg)})
			}
			cfg = cfg.Merge(repo)
		}
	}
	var ign *secretrules.Ignore
	if p.Exists(ignore) {
		if f := p.Read(ignore); f != nil {
			ign = secretrules.ParseIgnore(f.Data)
		}
	}
	return secretrules.NewDetector(cfg, ign)
}

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
	d := SecretDetector.Of(p)
	var settings []signing.PasswordCandidate // password settings of the repository, read for the first PKCS#12
	for _, rel := range p.FilesUnder(".") {
		if signing.PKCS12File(rel) {
			if settings == nil {
				settings = passwordSettings(p)
			}
			if h, ok := judgePKCS12(p, rel, settings); ok {
				out = append(out, h)
			}
			continue
		}
		if what, ok := signing.CredentialFile(rel); ok {
			out = append(out, signing.SecretHit{Kind: signing.SigningCredential, Path: rel, What: what,
				Subject: rel, Fixture: signing.IsFixturePath(rel), Identity: rel})
			continue
		}
		if !signing.TextCandidate(rel) {
			out = append(out, otherFileSecrets(p, d, rel)...)
			continue
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		var taken []signing.SecretHit
		for _, h := range signing.ScanText(rel, f.Data) {
			taken = append(taken, h)
			if signing.IsWorkflowPath(rel) && h.Kind != signing.UpdaterKey {
				continue // TA-GIT-006 reads workflows with their YAML structure
			}
			out = append(out, h)
		}
		for _, h := range signing.ProviderSecrets(d, rel, f.Data, signing.Hash{}, taken) {
			if signing.IsWorkflowPath(rel) && workflowTokenLine(d, f.Data, h) {
				continue // TA-GIT-006 reports provider tokens in workflows
			}
			out = append(out, h)
		}
	}
	return out
}

// workflowTokenLine reports a hit TA-GIT-006 reports: its detector
// finds it on the line alone, as TA-GIT-006 reads the line.
func workflowTokenLine(d *secretrules.Detector, data []byte, h signing.SecretHit) bool {
	if !d.OneLineRule(h.Rule) {
		return false
	}
	ls := bytes.LastIndexByte(data[:h.Offset], '\n') + 1
	le := bytes.IndexByte(data[h.Offset:], '\n')
	if le < 0 {
		le = len(data) - h.Offset
	}
	for _, m := range d.Tokens(string(data[ls : h.Offset+le])) {
		if m.RuleID == h.Rule {
			return true
		}
	}
	return false
}

// judgePKCS12 reads a committed .p12/.pfx and tries the passwords
// committed beside it (its folder's small text files first) and in the
// repository's env files, workflows and Tauri configs.
func judgePKCS12(p *Project, rel string, settings []signing.PasswordCandidate) (signing.SecretHit, bool) {
	var data []byte
	if f := p.Read(rel); f != nil {
		data = f.Data
	}
	var cands []signing.PasswordCandidate
	dir := path.Dir(rel)
	for _, o := range p.FilesUnder(dir) {
		if _, cred := signing.CredentialFile(o); cred || path.Dir(o) != dir {
			continue
		}
		if head := p.ReadHead(o, 4097); len(head) > 0 && len(head) <= 4096 {
			cands = append(cands, signing.SideFileLines(o, head)...)
		}
	}
	return signing.JudgePKCS12(rel, data, append(cands, settings...))
}

// passwordSettings are the literal password settings of the
// repository's env files, workflows and Tauri configs.
func passwordSettings(p *Project) []signing.PasswordCandidate {
	out := []signing.PasswordCandidate{}
	for _, rel := range p.FilesUnder(".") {
		base := path.Base(rel)
		if !strings.HasPrefix(base, ".env") && !signing.IsWorkflowPath(rel) && !strings.HasPrefix(base, "tauri.") {
			continue
		}
		if f := p.Read(rel); f != nil {
			out = append(out, signing.PasswordSettings(rel, f.Data)...)
		}
	}
	return out
}

// otherFileSecrets searches a file TextCandidate leaves out (source code,
// docs) for a whole updater key and for provider credentials; the file's
// head is read without keeping it unless it holds an updater key.
func otherFileSecrets(p *Project, d *secretrules.Detector, rel string) []signing.SecretHit {
	if !signing.KeySearchCandidate(rel) {
		return nil
	}
	head := p.ReadHead(rel, signing.MaxKeySearch)
	if len(head) == 0 {
		return nil
	}
	var keys []signing.SecretHit
	if signing.MayHoldUpdaterKey(head) {
		if f := p.Read(rel); f != nil {
			head = f.Data
			keys = signing.EmbeddedUpdaterKeys(rel, f.Data)
		}
	}
	return append(keys, signing.ProviderSecrets(d, rel, head, signing.Hash{}, keys)...)
}
