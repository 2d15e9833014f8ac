package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// sidecarTriples are the target triples Tauri apps typically build per
// platform; any "<name>-*" file still counts as a sidecar.
var sidecarTriples = map[source.Platform][]string{
	source.Linux:   {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "i686-unknown-linux-gnu", "armv7-unknown-linux-gnueabihf"},
	source.MacOS:   {"x86_64-apple-darwin", "aarch64-apple-darwin", "universal-apple-darwin"},
	source.Windows: {"x86_64-pc-windows-msvc", "aarch64-pc-windows-msvc", "i686-pc-windows-msvc", "x86_64-pc-windows-gnu"},
}

// sidecar is one bundle.externalBin entry and its files on disk.
type sidecar struct {
	entry *source.Node
	base  string   // root-relative path prefix, without "-<triple>"
	files []string // root-relative files named "<base>-*"
	byOS  map[source.Platform][]string
}

// sidecars resolves bundle.externalBin once per project.
func sidecars(p *rules.Project) []*sidecar {
	return p.Memo("signing.sidecars", func() any {
		var out []*sidecar
		seen := map[string]bool{}
		for _, t := range p.Targets {
			for _, e := range binBundle(t).Field("externalBin").Items() {
				name := e.String()
				if name == "" || seen[name] {
					continue
				}
				seen[name] = true
				out = append(out, resolveSidecar(p, e))
			}
		}
		return out
	}).([]*sidecar)
}

func resolveSidecar(p *rules.Project, e *source.Node) *sidecar {
	s := &sidecar{entry: e, base: p.Path(e.String()), byOS: map[source.Platform][]string{}}
	for _, f := range p.FilesUnder(path.Dir(s.base)) {
		if path.Dir(f) != path.Dir(s.base) || !strings.HasPrefix(path.Base(f), path.Base(s.base)+"-") {
			continue
		}
		s.files = append(s.files, f)
		triple := strings.TrimSuffix(strings.TrimPrefix(path.Base(f), path.Base(s.base)+"-"), ".exe")
		for pf, ts := range sidecarTriples {
			for _, tr := range ts {
				if triple == tr {
					s.byOS[pf] = append(s.byOS[pf], f)
				}
			}
		}
	}
	return s
}

// maxBinary is the largest binary read for inspection.
const maxBinary = 1 << 30

// readBinary reads a sidecar, which may exceed the loader's size cap.
func readBinary(p *rules.Project, rel string) []byte { return p.ReadLarge(rel, maxBinary) }
