package deps

import "github.com/tauriaudit/tauriaudit/rules/source"

// Diags returns the problems that left the rest of the file usable.
func (l *Lockfile) Diags() []*source.Error { return l.Diagnostics }

// Diags returns the problems that left the rest of the file usable.
func (m *CargoManifest) Diags() []*source.Error { return m.Diagnostics }

// Diags returns the problems that left the rest of the file usable.
func (p *PackageJSON) Diags() []*source.Error { return p.Diagnostics }

// Diags returns the problems that left the rest of the file usable.
func (w *Workflow) Diags() []*source.Error { return w.Diagnostics }

// Diags returns the problems that left the rest of the file usable.
func (c *CargoConfig) Diags() []*source.Error { return c.Diagnostics }

// Diags returns the recoverable problems found while parsing.
func (a *Action) Diags() []*source.Error { return a.Diagnostics }
