package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/tauriaudit/tauriaudit/signing"
)

// stagedFiles lists the files whose index entry differs from HEAD (added,
// modified or deleted in the staging area), as slash paths relative to
// scanRoot. It reads .git directly; no git command or hook runs.
func stagedFiles(scanRoot string) (map[string]bool, error) {
	if err := goGitReadable(scanRoot); err != nil {
		return nil, fmt.Errorf("--staged: %w", err)
	}
	repo, err := git.PlainOpenWithOptions(scanRoot, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("--staged: %w", err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("--staged: %w", err)
	}
	idx, err := repo.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("--staged: reading the index: %w", err)
	}
	head := map[string]plumbing.Hash{}
	if err := headTree(repo, head); err != nil {
		return nil, err
	}
	changed := diffIndex(idx, head)
	return relativeTo(changed, wt.Filesystem.Root(), scanRoot)
}

func headTree(repo *git.Repository, out map[string]plumbing.Hash) error {
	ref, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil // no commit yet: everything staged is new
	}
	if err != nil {
		return fmt.Errorf("--staged: %w", err)
	}
	c, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return fmt.Errorf("--staged: %w", err)
	}
	tree, err := c.Tree()
	if err != nil {
		return fmt.Errorf("--staged: %w", err)
	}
	return tree.Files().ForEach(func(f *object.File) error {
		out[f.Name] = f.Hash
		return nil
	})
}

func diffIndex(idx *index.Index, head map[string]plumbing.Hash) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range idx.Entries {
		seen[e.Name] = true
		if h, ok := head[e.Name]; !ok || h != e.Hash {
			out = append(out, e.Name)
		}
	}
	for name := range head {
		if !seen[name] {
			out = append(out, name)
		}
	}
	return out
}

// relativeTo re-bases repository paths onto the scanned directory.
func relativeTo(paths []string, repoRoot, scanRoot string) (map[string]bool, error) {
	abs, err := filepath.Abs(scanRoot)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(repoRoot, abs)
	if err != nil {
		return nil, err
	}
	prefix := filepath.ToSlash(rel) + "/"
	if rel == "." {
		prefix = ""
	}
	out := map[string]bool{}
	for _, p := range paths {
		if strings.HasPrefix(p, prefix) {
			out[strings.TrimPrefix(p, prefix)] = true
		}
	}
	return out, nil
}

// goGitReadable refuses SHA-256 repositories up front: go-git (v5) reads
// only SHA-1 ones and would fail with an obscure "unknown extension".
// The history audit reads both through package signing.
func goGitReadable(scanRoot string) error {
	r, err := signing.FindRepo(scanRoot)
	if err != nil {
		return nil // go-git reports it in its own words
	}
	defer r.Close()
	if r.Format != signing.SHA1 {
		return fmt.Errorf("%s repositories are not supported here yet (history audits are)", r.Format)
	}
	return nil
}
