package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// scanStaged audits what `git commit` would record: the app is loaded
// from the staged blobs (the index), never from the working tree, so an
// unstaged edit neither hides nor adds a finding, and untracked files are
// left out as the commit leaves them out. HEAD's snapshot is audited too,
// and the report keeps the staged findings the commit is responsible for
// (see stagedFindings). Works in linked worktrees, with split and sparse
// indexes, and in SHA-256 repositories; no git command or hook runs.
func (fl *scanFlags) scanStaged(ctx context.Context, root string) (*scanRun, error) {
	fail := func(err error) (*scanRun, error) {
		return nil, &exitError{code: 2, err: fmt.Errorf("--staged: %w", err)}
	}
	// The staged snapshot is not a commit, so there is no history to walk;
	// asking for both must not silently drop the history audit.
	if s := fl.settings; s.GitRange != "" || s.GitAll || s.GitSinceTag || fl.mode == "release" {
		return fail(errors.New("audits the index, not history: drop --git-range/--git-all/--git-since-tag/--mode release, or run them without --staged"))
	}
	repo, sub, err := openGit(root)
	if err != nil {
		return fail(err)
	}
	defer repo.Close()
	staged, err := repo.IndexSnapshot(sub)
	if err != nil {
		return fail(err)
	}
	head, err := repo.HeadSnapshot(sub)
	if err != nil {
		return fail(err)
	}
	cur, err := fl.scanSnapshot(ctx, root, staged)
	if errors.Is(err, rules.ErrNoApp) {
		return fail(fmt.Errorf("%s: %w in the staged files", root, err))
	}
	if err != nil {
		return nil, err
	}
	base, err := fl.scanSnapshot(ctx, root, head)
	var before []rules.Finding
	switch {
	case err == nil:
		before = base.res.Findings
	case !errors.Is(err, rules.ErrNoApp):
		return nil, err
	}
	cur.res.Findings = stagedFindings(cur.res.Findings, before, changedFiles(head, staged))
	if err := fl.applyBaseline(cur.res); err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	return cur, nil
}

// scanSnapshot loads and audits one snapshot with its own config file
// (.tauriaudit.toml as staged, or as committed), unless --config names
// one. A snapshot without an app gives rules.ErrNoApp unwrapped.
func (fl *scanFlags) scanSnapshot(ctx context.Context, root string, snap *signing.Snapshot) (*scanRun, error) {
	opt, err := fl.loadOptions()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	all := checks.All()
	cfg, err := snapshotConfig(root, snap, fl.config, all)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	if opt.Settings.ReleaseTags == nil && cfg != nil {
		opt.Settings.ReleaseTags = cfg.ReleaseTags
	}
	projects, err := rules.LoadFS(ctx, snap, opt)
	switch {
	case errors.Is(err, rules.ErrNoApp):
		return nil, err
	case errors.Is(err, context.DeadlineExceeded):
		return nil, &exitError{code: 2, err: fmt.Errorf("loading stopped after --timeout %s; the scan is incomplete and nothing was reported", fl.timeout)}
	case err != nil:
		return nil, &exitError{code: 2, err: err}
	}
	selected := cfg.Select(all)
	res := rules.Run(ctx, projects, selected)
	now := time.Now()
	cfg.Apply(res, now)
	rules.ApplyInline(res, projects[0].Files(), all, now)
	return &scanRun{projects: projects, res: res, rules: selected, cfg: cfg}, nil
}

// snapshotConfig reads --config from disk, or the snapshot's own
// .tauriaudit.toml, with the limits the loader applies to any file.
func snapshotConfig(root string, snap fs.FS, explicit string, all []*rules.Rule) (*rules.Config, error) {
	if explicit != "" {
		return loadConfig(root, explicit, all)
	}
	const name = ".tauriaudit.toml"
	p := filepath.Join(root, name)
	fi, err := fs.Stat(snap, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("%s (staged): %w", p, err)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s (staged): not a regular file", p)
	case fi.Size() > rules.DefaultLimits.MaxFileSize:
		return nil, fmt.Errorf("%s (staged): file is %d bytes, over the %d-byte limit", p, fi.Size(), rules.DefaultLimits.MaxFileSize)
	}
	f, err := snap.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, rules.DefaultLimits.MaxFileSize))
	if err != nil {
		return nil, fmt.Errorf("%s (staged): %w", p, err)
	}
	return parseConfigIn(root, p, data, all)
}

// changedFiles lists the paths whose staged entry differs from HEAD's:
// added, modified (content or mode) or deleted.
func changedFiles(head, staged *signing.Snapshot) map[string]bool {
	out := map[string]bool{}
	hf, sf := head.Files(), staged.Files()
	for p, e := range sf {
		if h, ok := hf[p]; !ok || h.ID != e.ID || h.Mode != e.Mode {
			out[p] = true
		}
	}
	for p := range hf {
		if _, ok := sf[p]; !ok {
			out[p] = true
		}
	}
	return out
}

// stagedFindings keeps the staged snapshot's findings that the commit
// brings: every finding in a changed file, and any finding elsewhere that
// HEAD does not have at the same or a higher level (a staged capability
// can make a setting in an untouched config dangerous; a staged change of
// .tauriaudit.toml can lift a suppression). Findings are matched by
// fingerprint, which leaves out line numbers, so edits that only move a
// finding do not count as new.
func stagedFindings(cur, head []rules.Finding, changed map[string]bool) []rules.Finding {
	before := map[string]int{}
	for _, f := range head {
		if w, ok := before[f.Fingerprint]; !ok || weight(f) > w {
			before[f.Fingerprint] = weight(f)
		}
	}
	var out []rules.Finding
	for _, f := range cur {
		w, known := before[f.Fingerprint]
		if changed[f.Location.File] || !known || weight(f) > w {
			out = append(out, f)
		}
	}
	return out
}

// weight orders a finding's effect: a suppressed finding counts least.
func weight(f rules.Finding) int {
	if f.Suppressed != nil {
		return 0
	}
	return f.Level.Rank()
}
