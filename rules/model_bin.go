package rules

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// SidecarTriples are the target triples Tauri apps typically build per
// platform; any "<name>-*" file still counts as a sidecar.
var SidecarTriples = map[source.Platform][]string{
	source.Linux:   {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "i686-unknown-linux-gnu", "armv7-unknown-linux-gnueabihf"},
	source.MacOS:   {"x86_64-apple-darwin", "aarch64-apple-darwin", "universal-apple-darwin"},
	source.Windows: {"x86_64-pc-windows-msvc", "aarch64-pc-windows-msvc", "i686-pc-windows-msvc", "x86_64-pc-windows-gnu"},
}

// Sidecar is one bundle.externalBin entry and its files on disk.
type Sidecar struct {
	Entry *source.Node
	Base  string   // root-relative path prefix, without "-<triple>"
	Files []string // root-relative files named "<base>-*"
	ByOS  map[source.Platform][]string
}

// Sidecars are the app's bundle.externalBin entries of every target, each
// once, resolved to their files.
var Sidecars = PerApp("sidecars", buildSidecars)

// Bundle returns t's bundle section: bundle, or tauri.bundle in a v1
// (and 2.0 alpha) config, where deb and appimage sit directly under it.
func (t *Target) Bundle() *source.Node {
	if b := t.Config.Field("bundle"); b != nil {
		return b
	}
	return t.Config.Field("tauri").Field("bundle")
}

func buildSidecars(p *Project) []*Sidecar {
	var out []*Sidecar
	seen := map[string]bool{}
	for _, t := range p.Targets {
		for _, e := range t.Bundle().Field("externalBin").Items() {
			name := e.String()
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			out = append(out, resolveSidecar(p, e))
		}
	}
	return out
}

func resolveSidecar(p *Project, e *source.Node) *Sidecar {
	s := &Sidecar{Entry: e, Base: p.Path(e.String()), ByOS: map[source.Platform][]string{}}
	dir, name := path.Dir(s.Base), path.Base(s.Base)
	for _, f := range p.FilesUnder(dir) {
		if path.Dir(f) != dir || !strings.HasPrefix(path.Base(f), name+"-") {
			continue
		}
		s.Files = append(s.Files, f)
		triple := strings.TrimSuffix(strings.TrimPrefix(path.Base(f), name+"-"), ".exe")
		for pf, ts := range SidecarTriples {
			for _, tr := range ts {
				if triple == tr {
					s.ByOS[pf] = append(s.ByOS[pf], f)
				}
			}
		}
	}
	return s
}
