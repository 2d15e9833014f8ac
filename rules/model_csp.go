package rules

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CSP is the CSP view of an app: each target's csp and devCsp parsed
// once, and what each target's bundled frontend (build.frontendDist)
// holds in the scanned tree.
var CSP = PerApp("csp", func(p *Project) *csp.App {
	configs := make([]*source.Node, len(p.Targets))
	for i, t := range p.Targets {
		configs[i] = t.Config
	}
	return csp.NewApp(p, p.Dir, configs)
})
