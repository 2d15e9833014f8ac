package csp

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// maxHTML caps the HTML files read from a bundle.
const maxHTML = 200

// Bundle is what the scan can see of a target's embedded frontend.
type Bundle struct {
	// Built is true when frontendDist exists in the scanned tree; the
	// facts below are then about what Tauri embeds. Build output is often
	// not committed, in which case only the source index.html is known.
	Built   bool
	HTML    []string // root-relative .html files, at most maxHTML
	Scripts bool     // any .js/.mjs file or inline <script> (only when built)
}

// Files is the read-only view of the scanned tree a bundle scan needs
// (paths are slash-separated and relative to the scanned root).
type Files interface {
	Exists(rel string) bool
	IsDir(rel string) bool
	FilesUnder(dir string) []string
	Read(rel string) *source.File
}

// ScanBundle inspects build.frontendDist, given as the paths it lists
// relative to the config directory dir. When it is a single path that is
// not in the tree, the index.html beside it is used instead: the page a
// bundler such as Vite copies into it with external script tags
// unchanged.
func ScanBundle(files Files, dir string, dists []string) *Bundle {
	b := &Bundle{}
	var found []string
	for _, d := range dists {
		rel := path.Join(dir, d)
		switch {
		case d == "" || strings.HasPrefix(rel, "../") || rel == "..":
			continue // outside the scanned tree
		case files.IsDir(rel):
			found = append(found, files.FilesUnder(rel)...)
			b.Built = true
		case files.Exists(rel):
			found = append(found, rel)
			b.Built = true
		}
	}
	if !b.Built && len(dists) == 1 {
		if idx := path.Join(path.Dir(path.Join(dir, dists[0])), "index.html"); files.Exists(idx) {
			b.HTML = []string{idx}
		}
		return b
	}
	for _, f := range found {
		switch path.Ext(f) {
		case ".js", ".mjs":
			b.Scripts = true
		case ".html", ".htm":
			if len(b.HTML) < maxHTML {
				b.HTML = append(b.HTML, f)
			}
		}
	}
	for _, h := range b.HTML {
		if b.Scripts {
			break
		}
		for _, tag := range ScriptTags(files.Read(h)) {
			b.Scripts = b.Scripts || tag.Inline
		}
	}
	return b
}
