package rules

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/tauriaudit/tauriaudit/signing"
)

// GitHistory is the one audit of the repository holding the scanned root
// (rules.md §1.6): signatures, release tags and secrets of the commits
// the settings select.
type GitHistory struct {
	Audit *signing.Audit
	Err   error // the walk stopped early; Audit may hold what was read
	// Prefix is the scanned root's path in the repository ("" at its top,
	// else "dir/").
	Prefix string
	// Anchor is the file findings about a whole commit or tag point at:
	// the first app's config, which exists in the tree and is what the
	// history audit protects (GitHub shows a result only at a file).
	Anchor string
}

// History is the git history audit, nil when history is not wanted or
// the tree is not on disk. It belongs to the repository, not an app, so
// it is built once per scan.
var History = PerScan("git history", buildHistory)

// HistoryWanted says whether the scan reads git history: it is
// expensive, so only release mode and the explicit range flags turn it on.
func (s *Settings) HistoryWanted() bool {
	return s.Mode == "release" || s.GitRange != "" || s.GitSinceTag || s.GitAll
}

// walkOptions are the history walk the settings select; release mode
// defaults to the commits since the newest tag.
func (s *Settings) walkOptions() signing.WalkOptions {
	opt := signing.WalkOptions{Range: s.GitRange, SinceTag: s.GitSinceTag, All: s.GitAll,
		MaxCommits: s.MaxCommits, Progress: s.Progress}
	if s.Mode == "release" && opt.Range == "" && !opt.All {
		opt.SinceTag = true
	}
	return opt
}

// historyFlag names the setting that asked for history, for messages.
func (s *Settings) historyFlag() string {
	switch {
	case s.GitRange != "":
		return "--git-range"
	case s.GitAll:
		return "--git-all"
	case s.GitSinceTag:
		return "--git-since-tag"
	}
	return "--mode release"
}

// openHistoryRepo opens the repository holding root and checks that the
// selected range resolves, so a history that cannot be audited stops the
// scan (fail closed) instead of becoming a note.
func openHistoryRepo(root string, s *Settings) (*signing.Repo, error) {
	flag := s.historyFlag()
	repo, err := signing.FindRepo(root)
	if err != nil {
		return nil, &InputError{Flag: flag, Err: fmt.Errorf("%s: %w", root, err)}
	}
	if err := repo.CheckWalk(s.walkOptions()); err != nil {
		repo.Close()
		return nil, &InputError{Flag: flag, Path: s.GitRange, Err: err}
	}
	return repo, nil
}

func buildHistory(p *Project) *GitHistory {
	s, in := p.Settings(), p.Inputs()
	if !s.HistoryWanted() || in.Repo == nil {
		return nil
	}
	repo := in.Repo
	h := &GitHistory{Anchor: "."}
	if p.Base != nil && p.Base.File != nil {
		h.Anchor = p.Base.File.Path
	}
	if repo.WorkTree != "" {
		if rel, err := filepath.Rel(repo.WorkTree, p.RootDir()); err == nil && rel != "." {
			h.Prefix = filepath.ToSlash(rel) + "/"
		}
	}
	cache := openVerifyCache(s.CacheDir, in.Trust)
	h.Audit, h.Err = signing.AuditHistory(repo, signing.AuditOptions{Walk: s.walkOptions(), Trust: in.Trust,
		Secrets: true, Detector: SecretDetector.Of(p), Cache: cache, ReleaseTag: releaseTagMatcher(s.ReleaseTags)})
	if h.Audit != nil && h.Audit.Info != nil && h.Audit.Info.Unreadable > 0 {
		p.reportUnreadableHistory(repo, h.Audit.Info)
	}
	_ = cache.Save() // a cache that cannot be written only costs time next run
	return h
}

// reportUnreadableHistory records a corrupt or incomplete repository
// (TA-CFG-000), or the commits behind the damage would silently go
// unaudited.
func (p *Project) reportUnreadableHistory(repo *signing.Repo, info *signing.WalkInfo) {
	where, err := filepath.Rel(p.RootDir(), repo.GitDir)
	if err != nil {
		where = repo.GitDir
	}
	what := fmt.Sprintf("%d commits or branches", info.Unreadable)
	if info.Unreadable == 1 {
		what = "a commit or branch"
	}
	level := Warning
	if p.Settings().Mode == "release" {
		level = Error // the gate cannot vouch for commits it could not read
	}
	p.AddProblem(filepath.ToSlash(where), level, fmt.Errorf("%s could not be read, so the history audit is incomplete (%s)",
		what, info.FirstUnreadable))
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

// RepoTags are the tag names (without refs/tags/) of the repository
// holding the scanned root, from its loose and packed refs; nil outside a
// repository or for an in-memory tree. Only the update-manifest checks of
// --artifacts use them, so they are read only then.
var RepoTags = PerScan("repository tags", buildRepoTags)

func buildRepoTags(p *Project) []string {
	if p.Settings().Artifacts == "" || p.RootDir() == "" {
		return nil
	}
	repo := p.Inputs().Repo
	if repo == nil {
		r, err := signing.FindRepo(p.RootDir())
		if err != nil {
			return nil
		}
		defer r.Close()
		repo = r
	}
	var out []string
	for _, ref := range repo.Refs() {
		if name, ok := strings.CutPrefix(ref.Name, "refs/tags/"); ok {
			out = append(out, name)
		}
	}
	return out
}

// BlobPath turns a repository path into a scan-root path.
func (h *GitHistory) BlobPath(p string) string {
	if h.Prefix == "" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, h.Prefix); ok {
		return rest
	}
	// Outside the scanned root, still in its repository: one ".." per
	// segment of the prefix.
	up := strings.Repeat("../", strings.Count(h.Prefix, "/"))
	return path.Join(up, p)
}
