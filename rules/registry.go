package rules

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// registryPermissionDocs reads a plugin's permission files from the local
// Cargo registry cache ($CARGO_HOME/registry/src/*/<crate>-<version>/),
// which `cargo fetch` or any build fills. The crate directory is opened as
// an os.Root, so its symlinks cannot lead anywhere else, and the usual
// size cap applies. Files are named "$CARGO_HOME/…" in messages.
func (p *Project) registryPermissionDocs(d *PluginDep) []capabilities.Doc {
	if d.Version == "" {
		return nil
	}
	home := os.Getenv("CARGO_HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		home = filepath.Join(h, ".cargo")
	}
	dirs, _ := filepath.Glob(filepath.Join(home, "registry", "src", "*", d.Crate+"-"+d.Version))
	for _, dir := range dirs {
		rel, _ := filepath.Rel(home, dir)
		if docs := p.readCrateDocs(dir, "$CARGO_HOME/"+filepath.ToSlash(rel)); len(docs) > 0 {
			return docs
		}
	}
	return nil
}

func (p *Project) readCrateDocs(dir, display string) []capabilities.Doc {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	sub := &tree{fsys: root.FS(), limits: p.tree.limits, files: p.tree.files}
	var rels []string
	fs.WalkDir(sub.fsys, "permissions", func(q string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() {
			rels = append(rels, q)
		}
		return nil
	})
	var out []capabilities.Doc
	for _, rel := range capabilities.DiscoverPermissionFiles(rels, nil) {
		data, err := readCapped(sub.fsys, rel, p.tree.limits.MaxFileSize)
		if err != nil {
			continue
		}
		f := p.tree.files.Add(source.NewFile(path.Join(display, rel), data))
		if root := p.tree.parseFile(f, FormatOf(rel)); root != nil {
			out = append(out, capabilities.Doc{Path: f.Path, Root: root})
		}
	}
	return out
}
