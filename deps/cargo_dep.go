package deps

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// depReader reads dependency tables of one manifest.
type depReader struct {
	f *source.File
	m *CargoManifest
}

// kinds reads the three dependency tables of root (the manifest or a
// [target.X] table), accepting Cargo's legacy underscore spellings.
func (r *depReader) kinds(root *source.Node, target, prefix string) {
	for _, k := range []struct {
		kind   DepKind
		legacy string
	}{{DepNormal, ""}, {DepDev, "dev_dependencies"}, {DepBuild, "build_dependencies"}} {
		t := root.Get(string(k.kind))
		if t == nil && k.legacy != "" {
			t = root.Get(k.legacy)
		}
		r.m.Dependencies = append(r.m.Dependencies, r.table(t, k.kind, target, prefix+string(k.kind))...)
	}
}

// table reads every entry of one dependency table.
func (r *depReader) table(t *source.Node, kind DepKind, target, section string) []*CargoDep {
	if t != nil && t.Kind != source.Object {
		r.diag(t, "[%s] must be a table, found %s", section, t.Kind)
		return nil
	}
	var out []*CargoDep
	for _, mem := range t.Members() {
		if d := r.dep(mem.Name, mem.Value, kind, target, section); d != nil {
			out = append(out, d)
		}
	}
	return out
}

func (r *depReader) diag(n *source.Node, format string, args ...any) {
	r.m.Diagnostics = append(r.m.Diagnostics, nodeErr(r.f, n, format, args...))
}

// dep reads `name = "req"` or `name = { ... }`.
func (r *depReader) dep(name string, v *source.Node, kind DepKind, target, section string) *CargoDep {
	d := &CargoDep{Name: name, Kind: kind, Target: target, Section: section, Node: v, Loc: v.KeyLocation()}
	d.ReqLoc, d.GitLoc, d.RefLoc, d.PathLoc = d.Loc, d.Loc, d.Loc, d.Loc
	switch v.Kind {
	case source.String:
		d.Req, d.ReqLoc = v.String(), v.Location()
		return d
	case source.Object:
	default:
		r.diag(v, "dependency %q must be a version string or a table, found %s", name, v.Kind)
		return nil
	}
	r.detailed(d, v)
	return d
}

// detailed reads the fields of a dependency table.
func (r *depReader) detailed(d *CargoDep, v *source.Node) {
	field := func(key string, dst *string, loc *source.Location) {
		n := v.Get(key)
		if n == nil {
			return
		}
		if n.Kind != source.String {
			r.diag(n, "`%s` of dependency %q must be a string, found %s", key, d.Name, n.Kind)
			return
		}
		*dst = n.String()
		if loc != nil {
			*loc = n.Location()
		}
	}
	field("version", &d.Req, &d.ReqLoc)
	field("git", &d.Git, &d.GitLoc)
	d.RefLoc = d.GitLoc
	field("branch", &d.Branch, &d.RefLoc)
	field("tag", &d.Tag, &d.RefLoc)
	field("rev", &d.Rev, &d.RefLoc)
	field("path", &d.Path, &d.PathLoc)
	field("registry", &d.Registry, nil)
	field("registry-index", &d.RegIndex, nil)
	field("package", &d.Package, nil)
	d.Features = strList(v.Get("features"))
	for _, key := range []string{"default-features", "default_features"} {
		if b, ok := v.Get(key).Bool(); ok {
			d.DefaultFeatures = &b
		}
	}
	d.Optional = v.Get("optional").IsTrue()
	d.Workspace = v.Get("workspace").IsTrue()
}
