package rules

import (
	"github.com/tauriaudit/tauriaudit/internal/updatechannel"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// AppIdentity is what ties hosts and repositories to the app: the
// repository fields of its package.json files and Cargo manifests (and
// the workspace's), the remotes of the scanned root's .git/config, its
// identifier, product name and bundle.publisher.
// The release-channel rules compare updater endpoints with it.
var AppIdentity = PerApp("release.identity", buildAppIdentity)

func buildAppIdentity(p *Project) *updatechannel.Identity {
	id := &updatechannel.Identity{}
	d := Deps.Of(p)
	for _, pkg := range d.Packages {
		r := pkg.Root.Get("repository")
		if r != nil && r.Kind == source.Object {
			r = r.Get("url")
		}
		id.AddRepository(r.String(), pkg.File+" repository")
	}
	if c := d.Cargo; c != nil {
		for _, m := range c.Crates {
			if m.Package != nil {
				id.AddRepository(m.Package.Node.Get("repository").String(), m.File+" repository")
			}
		}
		if c.Root != nil {
			id.AddRepository(c.Root.Root.Get("workspace").Get("package").Get("repository").String(), c.Root.File+" repository")
		}
	}
	for _, u := range signing.RemoteURLs(p.RootDir()) {
		id.AddRepository(u, ".git/config remote")
	}
	if p.Base != nil {
		cfg := p.Base.Root
		bundle := (&Target{Config: cfg}).Bundle()
		id.AddIdentifier(cfg.Get("identifier").String())
		id.AddIdentifier(bundle.Field("identifier").String()) // v1
		id.AddName(cfg.Get("productName").String())
		id.AddName(bundle.Field("publisher").String())
	}
	return id
}
