package rules

import (
	"path"

	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// RustFacts is what the app crate's Rust code says: src/**/*.rs next to
// the config (command handlers, the updater's TLS switches and target)
// and build.rs (downloads, an app ACL manifest). Every file is lexed
// once per app.
var RustFacts = PerApp("rust", func(p *Project) *rustsrc.Facts {
	var srcs []*source.File
	for _, rel := range p.FilesUnder(p.Path("src")) {
		if path.Ext(rel) != ".rs" {
			continue
		}
		if f := p.Read(rel); f != nil {
			srcs = append(srcs, f)
		}
	}
	return rustsrc.AppFacts(srcs, p.Read(p.Path("build.rs")))
})
