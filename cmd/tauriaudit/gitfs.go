package main

import (
	"fmt"
	"io/fs"

	"github.com/tauriaudit/tauriaudit/signing"
)

// openGit opens the repository holding scanRoot (a linked worktree's own
// HEAD and index included) and returns the folder scanRoot is in it. It
// reads .git itself (package signing); no git command or hook runs.
func openGit(scanRoot string) (*signing.Repo, string, error) {
	repo, err := signing.FindRepo(scanRoot)
	if err != nil {
		return nil, "", err
	}
	sub, err := repo.Folder(scanRoot)
	if err != nil {
		repo.Close()
		return nil, "", err
	}
	return repo, sub, nil
}

// treeAt opens the tree of revision rev below the directory scanRoot as
// an fs.FS, without a checkout. The caller closes the returned repository
// once it has read what it needs.
func treeAt(scanRoot, rev string) (fs.FS, *signing.Repo, error) {
	repo, sub, err := openGit(scanRoot)
	if err != nil {
		return nil, nil, fmt.Errorf("--diff: %w", err)
	}
	h, err := repo.Resolve(rev)
	if err != nil {
		repo.Close()
		return nil, nil, fmt.Errorf("--diff %s: %w", rev, err)
	}
	snap, err := repo.CommitSnapshot(h, sub)
	if err != nil {
		repo.Close()
		return nil, nil, fmt.Errorf("--diff %s: %w", rev, err)
	}
	return snap, repo, nil
}
