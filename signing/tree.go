package signing

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// TreeEntry is one entry of a tree object.
type TreeEntry struct {
	Name string
	Mode uint32 // ModeDir, ModeFile, ModeExec, ModeSymlink or ModeGitlink
	ID   Hash
}

// maxTreeEntries bounds the paths a snapshot lists, so a hostile
// repository cannot exhaust memory.
const maxTreeEntries = 2_000_000

// maxTreeDepth bounds directory nesting (git's core.maxTreeDepth default
// is 2048 too).
const maxTreeDepth = 2048

// ReadTree reads and parses a tree object.
func (r *Repo) ReadTree(h Hash) ([]TreeEntry, error) {
	typ, data, err := r.odb.Read(h, 0)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h.Short(), err)
	}
	if typ != ObjTree {
		return nil, fmt.Errorf("%s is a %s, not a tree", h.Short(), typ)
	}
	return parseTree(data, r.Format.Size())
}

// parseTree decodes "mode name\0id" entries whose ids are hsz bytes.
func parseTree(data []byte, hsz int) ([]TreeEntry, error) {
	var out []TreeEntry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp <= 0 || nul < sp || nul+1+hsz > len(data) {
			return nil, fmt.Errorf("malformed tree entry")
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		name := string(data[sp+1 : nul])
		if err != nil || name == "" || name == "." || name == ".." || strings.Contains(name, "/") {
			return nil, fmt.Errorf("malformed tree entry %q", name)
		}
		out = append(out, TreeEntry{Name: name, Mode: uint32(mode), ID: hashFrom(data[nul+1 : nul+1+hsz])})
		data = data[nul+1+hsz:]
	}
	return out, nil
}

// subtree follows the slash path dir from tree down to a tree id.
func (r *Repo) subtree(tree Hash, dir string) (Hash, error) {
	if dir == "." || dir == "" {
		return tree, nil
	}
	for _, name := range strings.Split(dir, "/") {
		es, err := r.ReadTree(tree)
		if err != nil {
			return Hash{}, err
		}
		found := false
		for _, e := range es {
			if e.Name == name && e.Mode == ModeDir {
				tree, found = e.ID, true
				break
			}
		}
		if !found {
			return Hash{}, fmt.Errorf("%w: no folder %s", ErrNotFound, dir)
		}
	}
	return tree, nil
}

// treeFiles lists every non-tree entry below tree as index entries whose
// paths start with prefix ("" or ending in "/").
func (r *Repo) treeFiles(tree Hash, prefix string, out []IndexEntry, depth int) ([]IndexEntry, error) {
	if depth > maxTreeDepth {
		return out, fmt.Errorf("trees nested deeper than %d", maxTreeDepth)
	}
	es, err := r.ReadTree(tree)
	if err != nil {
		return out, err
	}
	for _, e := range es {
		p := prefix + e.Name
		if e.Mode == ModeDir {
			if out, err = r.treeFiles(e.ID, p+"/", out, depth+1); err != nil {
				return out, err
			}
			continue
		}
		if hasGitComponent(p) {
			continue // git refuses to check such a path out
		}
		if len(out) >= maxTreeEntries {
			return out, fmt.Errorf("more than %d files", maxTreeEntries)
		}
		out = append(out, IndexEntry{Path: path.Clean(p), Mode: e.Mode, ID: e.ID})
	}
	return out, nil
}
