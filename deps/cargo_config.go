package deps

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CargoSource is one [source.<name>] table of .cargo/config.toml.
type CargoSource struct {
	Name          string
	ReplaceWith   string
	Registry      string // `registry` index URL
	LocalRegistry string
	Directory     string
	Git           string
	Branch        string
	Tag           string
	Rev           string
	Loc           source.Location // the table's key
	ReplaceLoc    source.Location // `replace-with` (Loc when absent)
	URLLoc        source.Location // registry/git/directory value (Loc when absent)
}

// CargoRegistry is one [registries.<name>] table.
type CargoRegistry struct {
	Name, Index string
	Loc         source.Location
	IndexLoc    source.Location
}

// CargoConfig is what a .cargo/config.toml says about package sources.
type CargoConfig struct {
	File            string
	Sources         []*CargoSource
	Registries      []*CargoRegistry
	DefaultRegistry string // [registry] default
	Diagnostics     []*source.Error
}

// ParseCargoConfig parses a .cargo/config.toml (or legacy
// .cargo/config).
func ParseCargoConfig(f *source.File) (*CargoConfig, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseTOML(f)
	if err != nil {
		return nil, err
	}
	c := CargoConfigFromNode(root)
	c.File, c.Diagnostics = f.Path, diags
	return c, nil
}

// CargoConfigFromNode reads the [source], [registries] and [registry]
// tables of a parsed Cargo configuration.
func CargoConfigFromNode(root *source.Node) *CargoConfig {
	c := &CargoConfig{DefaultRegistry: root.Get("registry").Get("default").String()}
	if root != nil && root.File != nil {
		c.File = root.File.Path
	}
	for _, m := range root.Get("source").Members() {
		v := m.Value
		s := &CargoSource{Name: m.Name, Loc: v.KeyLocation()}
		s.ReplaceLoc, s.URLLoc = s.Loc, s.Loc
		s.ReplaceWith = stringAt(v, "replace-with", &s.ReplaceLoc)
		s.Registry = stringAt(v, "registry", &s.URLLoc)
		s.LocalRegistry = stringAt(v, "local-registry", &s.URLLoc)
		s.Directory = stringAt(v, "directory", &s.URLLoc)
		s.Git = stringAt(v, "git", &s.URLLoc)
		s.Branch = v.Get("branch").String()
		s.Tag = v.Get("tag").String()
		s.Rev = v.Get("rev").String()
		c.Sources = append(c.Sources, s)
	}
	for _, m := range root.Get("registries").Members() {
		r := &CargoRegistry{Name: m.Name, Loc: m.Value.KeyLocation()}
		r.IndexLoc = r.Loc
		r.Index = stringAt(m.Value, "index", &r.IndexLoc)
		c.Registries = append(c.Registries, r)
	}
	return c
}

// stringAt returns the string member key of n and sets *loc to its
// location when present.
func stringAt(n *source.Node, key string, loc *source.Location) string {
	v := n.Get(key)
	s, ok := v.Str()
	if ok && loc != nil {
		*loc = v.Location()
	}
	return s
}

// Source returns the [source.<name>] table, or nil.
func (c *CargoConfig) Source(name string) *CargoSource {
	if c == nil {
		return nil
	}
	for _, s := range c.Sources {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Replacement follows `replace-with` from the source named name
// ("crates-io" for crates.io) and returns the chain of sources visited,
// ending at the effective source. The chain is empty when name is not
// replaced; a cycle or a missing target ends the chain early.
func (c *CargoConfig) Replacement(name string) []*CargoSource {
	var chain []*CargoSource
	seen := map[string]bool{}
	for cur := c.Source(name); cur != nil && cur.ReplaceWith != "" && !seen[cur.Name]; {
		seen[cur.Name] = true
		next := c.Source(cur.ReplaceWith)
		if next == nil {
			break
		}
		chain = append(chain, next)
		cur = next
	}
	return chain
}

// RegistryURLs returns every registry index URL the configuration
// declares (source registries and [registries]): the allowlist for
// Cargo.lock sources besides crates.io.
func (c *CargoConfig) RegistryURLs() []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, s := range c.Sources {
		if s.Registry != "" {
			out = append(out, s.Registry)
		}
	}
	for _, r := range c.Registries {
		if r.Index != "" {
			out = append(out, r.Index)
		}
	}
	return out
}
