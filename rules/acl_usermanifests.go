package rules

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// userManifests is the --plugin-manifests folder: plugin crates by folder
// name, and acl-manifests.json documents, read through an os.Root so its
// symlinks cannot lead elsewhere.
type userManifests struct {
	p    *Project
	dir  string
	docs []*source.Node // parsed *.json files, in name order
}

// newUserManifests opens the folder; nil when the option is not set.
func (p *Project) newUserManifests() *userManifests {
	dir := p.Settings().PluginManifests
	if dir == "" {
		return nil
	}
	u := &userManifests{p: p, dir: dir}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return u
	}
	defer root.Close()
	var names []string
	fs.WalkDir(root.FS(), ".", func(q string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() && strings.HasSuffix(q, ".json") && strings.Count(q, "/") <= 3 && !inCratePermissions(q) {
			names = append(names, q)
		}
		return nil
	})
	slices.Sort(names)
	for _, q := range names {
		data, err := readCapped(root.FS(), q, p.tree.limits.MaxFileSize)
		if err != nil {
			continue
		}
		f := p.tree.files.Add(source.NewFile(path.Join("--plugin-manifests", q), data))
		if n := p.tree.parseFile(f, JSONStrict); n != nil && n.Kind == source.Object {
			u.docs = append(u.docs, n)
		}
	}
	return u
}

// inCratePermissions reports whether q is a file of a crate's
// permissions/ folder rather than an acl-manifests.json document.
func inCratePermissions(q string) bool {
	return strings.HasPrefix(q, "permissions/") || strings.Contains(q, "/permissions/")
}

// crateDocs reads the plugin's permission files from a crate folder
// named <crate>-<version> or <crate>.
func (u *userManifests) crateDocs(d *PluginDep) []capabilities.Doc {
	if u == nil {
		return nil
	}
	for _, name := range []string{d.Crate + "-" + d.Version, d.Crate} {
		if strings.HasSuffix(name, "-") {
			continue
		}
		full := filepath.Join(u.dir, name)
		if fi, err := os.Lstat(full); err == nil && fi.IsDir() {
			if docs := u.p.readCrateDocs(full, "--plugin-manifests/"+name); len(docs) > 0 {
				return docs
			}
		}
	}
	return nil
}

// manifest returns the first document's manifest of key, or nil.
func (u *userManifests) manifest(key string) *source.Node {
	if u == nil {
		return nil
	}
	for _, doc := range u.docs {
		if n := doc.Get(key); n != nil {
			return n
		}
	}
	return nil
}
