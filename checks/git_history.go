package checks

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// gitTags returns the tags of a GIT rule.
func gitTags(cwes ...string) []string {
	out := []string{"security", "git"}
	for _, c := range cwes {
		out = append(out, "external/cwe/cwe-"+c)
	}
	return out
}

// maxPerCommitFindings caps the per-commit findings of one rule; the rest
// are counted in one summary finding, so a 20k-commit history without
// signatures stays a readable report.
const maxPerCommitFindings = 50

// historyWanted says whether the scan reads git history: it is expensive,
// so only release mode and the explicit range flags turn it on.
func historyWanted(p *rules.Project) bool {
	s := p.Settings()
	return s.Mode == "release" || s.GitRange != "" || s.GitSinceTag || s.GitAll
}

// gitHistory is one audit of the repository holding the scanned root.
type gitHistory struct {
	audit    *signing.Audit
	err      error // the history could not be read
	trustErr error // a trust file could not be loaded
	prefix   string
}

// history walks the history once per project (rules.md §1.6); nil when
// history is not wanted or the tree is not on disk.
func gitHistoryOf(p *rules.Project) *gitHistory {
	if !historyWanted(p) || p.RootDir() == "" {
		return nil
	}
	// History belongs to the repository, not the app: walk it once per scan.
	return p.ScanMemo("signing.history", func() any { return auditHistory(p) }).(*gitHistory)
}

func auditHistory(p *rules.Project) *gitHistory {
	s := p.Settings()
	h := &gitHistory{}
	trust, err := signing.LoadTrust(s.TrustedKeys, s.AllowedSigners, s.X509Roots)
	if err != nil {
		h.trustErr, trust = err, nil
	}
	repo, err := signing.FindRepo(p.RootDir())
	if err != nil {
		h.err = err
		return h
	}
	defer repo.Close()
	if repo.WorkTree != "" {
		if rel, err := filepath.Rel(repo.WorkTree, p.RootDir()); err == nil && rel != "." {
			h.prefix = filepath.ToSlash(rel) + "/"
		}
	}
	opt := signing.WalkOptions{Range: s.GitRange, SinceTag: s.GitSinceTag, All: s.GitAll,
		MaxCommits: s.MaxCommits, Progress: s.Progress}
	if s.Mode == "release" && opt.Range == "" && !opt.All {
		opt.SinceTag = true
	}
	cache := openVerifyCache(s.CacheDir, trust)
	h.audit, h.err = signing.AuditHistory(repo, signing.AuditOptions{Walk: opt, Trust: trust, Secrets: true, Cache: cache,
		ReleaseTag: releaseTagMatcher(s.ReleaseTags)})
	if h.audit != nil && h.audit.Info != nil && h.audit.Info.Unreadable > 0 {
		info := h.audit.Info
		// A corrupt or incomplete repository: say so (TA-CFG-000), or
		// the commits behind the damage would silently go unaudited.
		where, err := filepath.Rel(p.RootDir(), repo.GitDir)
		if err != nil {
			where = repo.GitDir
		}
		what := fmt.Sprintf("%d commits or branches", info.Unreadable)
		if info.Unreadable == 1 {
			what = "a commit or branch"
		}
		p.AddProblem(filepath.ToSlash(where), rules.Warning, fmt.Errorf("%s could not be read, so the history audit is incomplete (%s)",
			what, info.FirstUnreadable))
	}
	_ = cache.Save() // a cache that cannot be written only costs time next run
	return h
}

// openVerifyCache opens the verification cache, or returns nil when there
// is none to use: a damaged or unreadable cache is ignored, not reported.
func openVerifyCache(dir string, trust *signing.Trust) *signing.VerifyCache {
	if dir == "" || trust == nil {
		return nil
	}
	c, err := signing.OpenVerifyCache(dir, trust)
	if err != nil {
		return nil
	}
	return c
}

// commitLoc locates a finding about a whole commit: the repository (the
// scanned root, ".") at that commit.
func commitLoc(id signing.Hash) source.Location {
	if id.IsZero() {
		return source.Location{File: "."}
	}
	return source.Location{File: ".", Commit: id.String()}
}

// blobPath turns a repository path into a scan-root path.
func (h *gitHistory) blobPath(p string) string {
	if h.prefix == "" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, h.prefix); ok {
		return rest
	}
	return path.Join("..", p) // outside the scanned root, still in its repository
}

// rangeDesc describes the audited range for summary messages.
func (h *gitHistory) rangeDesc() string {
	d := h.audit.Info.Desc
	if h.audit.Info.Truncated {
		d += fmt.Sprintf(", stopped at the %d-commit limit (--max-commits)", h.audit.Info.Visited)
	}
	if h.audit.Info.Shallow {
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

// releaseTagMatcher turns --release-tags / release_tags globs into the
// audit's release-tag test; nil keeps the default shapes.
func releaseTagMatcher(globs []string) func(string) bool {
	if len(globs) == 0 {
		return nil
	}
	return func(name string) bool {
		for _, g := range globs {
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
		return false
	}
}
