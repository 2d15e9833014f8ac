package rustsrc

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// BuildACL is what build.rs hands tauri-build about the ACL: the
// tauri_build::Attributes given to try_build, or the defaults of
// tauri_build::build() (tauri-build src/lib.rs, Attributes).
type BuildACL struct {
	Call source.Location // the try_build(…) or build() call
	// Plugins are the inlined plugins (Attributes::plugin / plugins) in
	// call order; tauri-build keeps them in a map by name, so a later
	// entry with the same name replaces an earlier one.
	Plugins []InlinedPlugin
	// App is the AppManifest given to Attributes::app_manifest, or nil
	// (tauri-build then uses AppManifest::default()).
	App *AppManifestDecl
	// CapabilitiesPattern is Attributes::capabilities_path_pattern, or "".
	CapabilitiesPattern string
	// Codegen is the .codegen(…) call, when there is one.
	Codegen *source.Location
	// Unknown are the parts the lexer could not follow (a function call,
	// a macro, a value from elsewhere), in file order.
	Unknown []Unknown
	// PluginNamesUnknown is true when an inlined plugin's name (or a
	// whole .plugins(…) list) could not be read.
	PluginNamesUnknown bool
}

// InlinedPlugin is tauri_build::InlinedPlugin (tauri-build src/acl.rs).
type InlinedPlugin struct {
	Name string
	Loc  source.Location // the .plugin(…) call
	// Commands is InlinedPlugin::commands: each gets allow-/deny-
	// permissions.
	Commands []string
	// Default is the DefaultPermissionRule, or nil.
	Default *DefaultRule
	// PermissionsPattern is the permissions_path_pattern glob, or "" for
	// tauri-build's ./permissions/<name>/**/*.
	PermissionsPattern string
	// Complete is false when a commands list, default rule or pattern
	// could not be read.
	Complete bool
}

// DefaultRule is tauri_build::DefaultPermissionRule.
type DefaultRule struct {
	AllowAllCommands bool     // DefaultPermissionRule::AllowAllCommands
	Allow            []string // DefaultPermissionRule::Allow(list): permission names
}

// AppManifestDecl is tauri_build::AppManifest (tauri-build src/acl.rs).
type AppManifestDecl struct {
	Loc                source.Location // the .app_manifest(…) call
	Commands           []string
	PermissionsPattern string // "" for ./permissions/**/*
	Complete           bool
}

// Unknown is a part of build.rs's tauri_build call that is not followed.
type Unknown struct {
	Loc  source.Location
	What string
}

// Line is the 1-based line of the unknown part.
func (u Unknown) Line() int { return u.Loc.Start.Line }

// maxBindingDepth bounds how many let/const hops a value is followed,
// so a binding that refers to itself stays finite.
const maxBindingDepth = 8

// buildACL reads the tauri_build calls of build.rs, or returns nil when
// there is none. Several calls (under cfg branches) are merged.
func (s *File) buildACL() *BuildACL {
	var out *BuildACL
	var e *evaluator
	calls := 0
	for i := 2; i+1 < len(s.Toks); i++ {
		t := s.Toks[i]
		if t.Kind != Ident || !s.Toks[i+1].Is(Punct, "(") || s.match[i+1] < 0 {
			continue
		}
		qualified := s.Toks[i-1].Is(Punct, "::") && s.Toks[i-2].Is(Ident, "tauri_build")
		close := s.match[i+1]
		switch {
		case t.Text == "try_build" && (qualified || !s.Toks[i-1].Is(Punct, ".") && !s.Toks[i-1].Is(Ident, "fn")):
		case t.Text == "build" && qualified && close == i+2:
		default:
			continue
		}
		if out == nil {
			out = &BuildACL{Call: s.Span(i, close)}
			e = &evaluator{s: s, acl: out}
		}
		if calls++; calls > maxBuildCalls {
			e.unknown(i, close, "more than %d tauri_build calls", maxBuildCalls)
			break
		}
		if t.Text == "try_build" {
			if args := s.splitArgs(i+2, close); len(args) == 1 {
				e.attributes(args[0].i, args[0].j, 0)
			} else {
				e.unknown(i, close, "try_build is not given one argument")
			}
		}
		i = close
	}
	return out
}

// evaluator folds build.rs expressions into a BuildACL.
type evaluator struct {
	s     *File
	acl   *BuildACL
	decls *decls // built on the first binding lookup
	items int    // list tokens read so far, against maxItems
}

// maxItems bounds the list tokens (commands, permissions, plugins) read
// from one build.rs, so a list bound once and named by thousands of
// plugins stays linear; past it, lists are unknown.
const maxItems = 1 << 18

// maxUnknown bounds the unknown parts kept per build.rs: past it, one
// more says the rest are not listed.
const maxUnknown = 16

// maxBuildCalls bounds how many tauri_build calls are read.
const maxBuildCalls = 8

func (e *evaluator) unknown(i, j int, format string, args ...any) {
	if j < i {
		j = i
	}
	switch n := len(e.acl.Unknown); {
	case n > maxUnknown:
		return
	case n == maxUnknown:
		format, args = "and more parts not listed", nil
	}
	e.acl.Unknown = append(e.acl.Unknown, Unknown{Loc: e.s.Span(i, j), What: fmt.Sprintf(format, args...)})
}

// attributes folds the Attributes expression in tokens [i, end).
func (e *evaluator) attributes(i, end, depth int) {
	c, ok := e.s.parseChain(i, end)
	if !ok {
		e.unknown(i, end-1, "the attributes given to try_build are not a method chain")
		return
	}
	switch {
	case c.isConstructor("Attributes"):
	case c.isVariable() && depth < maxBindingDepth:
		if b, bend := e.binding(c.root[0], i); b >= 0 {
			if at := e.reassigned(c.root[0], bend, i); at >= 0 {
				e.unknown(at, at, "%s is reassigned", c.root[0])
			}
			e.attributes(b, bend, depth+1)
		} else {
			e.unknown(i, end-1, "%s is not bound in build.rs", c.root[0])
			return
		}
	default:
		e.unknown(i, end-1, "the attributes do not start from Attributes::new()")
		return
	}
	for _, m := range c.calls {
		e.attributesMethod(m, depth)
	}
}

func (e *evaluator) attributesMethod(m call, depth int) {
	switch m.name {
	case "windows_attributes":
		// Windows resources: nothing for the ACL.
	case "plugin":
		if len(m.args) != 2 {
			e.unknownCall(m, "Attributes::plugin")
			e.acl.PluginNamesUnknown = true
			return
		}
		e.plugin(m, m.args[0], m.args[1], depth)
	case "plugins":
		e.pluginList(m, depth)
	case "app_manifest":
		e.appManifest(m, depth)
	case "capabilities_path_pattern":
		if v, ok := e.str(m.arg(0), depth); ok {
			e.acl.CapabilitiesPattern = v
		} else {
			e.unknownCall(m, "capabilities_path_pattern")
		}
	case "codegen":
		loc := e.s.Span(m.at, m.close)
		e.acl.Codegen = &loc
	default:
		e.unknownCall(m, "Attributes::"+m.name)
	}
}

func (e *evaluator) unknownCall(m call, what string) {
	e.unknown(m.at, m.close, "%s(…) is not followed", what)
}

// plugin adds one inlined plugin from its name and value expressions.
func (e *evaluator) plugin(m call, name, value span, depth int) {
	n, ok := e.str(name, depth)
	if !ok {
		e.unknown(name.i, name.j-1, "the inlined plugin's name is not a string literal")
		e.acl.PluginNamesUnknown = true
		return
	}
	p := InlinedPlugin{Name: n, Loc: e.s.Span(m.at, m.close), Complete: true}
	e.inlined(&p, value, depth)
	e.acl.Plugins = append(e.acl.Plugins, p)
}

// pluginList reads .plugins([("name", InlinedPlugin…), …]).
func (e *evaluator) pluginList(m call, depth int) {
	items, ok := e.list(m.arg(0), depth)
	if !ok {
		e.unknownCall(m, "Attributes::plugins")
		e.acl.PluginNamesUnknown = true
		return
	}
	for _, it := range items {
		if !e.s.Toks[it.i].Is(Punct, "(") || e.s.match[it.i] != it.j-1 {
			e.unknown(it.i, it.j-1, "an entry of .plugins(…) is not a (name, plugin) tuple")
			e.acl.PluginNamesUnknown = true
			continue
		}
		parts := e.s.splitArgs(it.i+1, it.j-1)
		if len(parts) != 2 {
			e.unknown(it.i, it.j-1, "an entry of .plugins(…) is not a (name, plugin) tuple")
			e.acl.PluginNamesUnknown = true
			continue
		}
		e.plugin(m, parts[0], parts[1], depth)
	}
}

// inlined folds an InlinedPlugin expression into p.
func (e *evaluator) inlined(p *InlinedPlugin, v span, depth int) {
	c, ok := e.s.parseChain(v.i, v.j)
	switch {
	case !ok:
	case c.isConstructor("InlinedPlugin"):
	case c.isVariable() && depth < maxBindingDepth:
		if b, bend := e.binding(c.root[0], v.i); b >= 0 {
			e.inlined(p, span{b, bend}, depth+1)
		} else {
			ok = false
		}
	default:
		ok = false
	}
	if !ok {
		e.unknown(v.i, v.j-1, "inlined plugin %q is not built from InlinedPlugin::new()", p.Name)
		p.Complete = false
		return
	}
	for _, m := range c.calls {
		switch m.name {
		case "commands":
			if l, ok := e.strList(m.arg(0), depth); ok {
				p.Commands = l
				continue
			}
		case "default_permission":
			if r, ok := e.defaultRule(m.arg(0), depth); ok {
				p.Default = r
				continue
			}
		case "permissions_path_pattern":
			if s, ok := e.str(m.arg(0), depth); ok {
				p.PermissionsPattern = s
				continue
			}
		}
		e.unknownCall(m, "InlinedPlugin::"+m.name)
		p.Complete = false
	}
}

// defaultRule reads a DefaultPermissionRule expression.
func (e *evaluator) defaultRule(v span, depth int) (*DefaultRule, bool) {
	c, ok := e.s.parseChain(v.i, v.j)
	if !ok || len(c.calls) > 0 || len(c.root) == 0 {
		return nil, false
	}
	switch last := c.root[len(c.root)-1]; {
	case last == "AllowAllCommands" && !c.rootCalled:
		return &DefaultRule{AllowAllCommands: true}, true
	case last == "Allow" && c.rootCalled && len(c.rootArgs) == 1:
		l, ok := e.strList(c.rootArgs[0], depth)
		return &DefaultRule{Allow: l}, ok
	}
	return nil, false
}

// appManifest reads .app_manifest(AppManifest…); a later call replaces
// an earlier one, as Attributes::app_manifest does.
func (e *evaluator) appManifest(m call, depth int) {
	a := &AppManifestDecl{Loc: e.s.Span(m.at, m.close), Complete: true}
	e.acl.App = a
	v := m.arg(0)
	for d := depth; ; d++ {
		c, ok := e.s.parseChain(v.i, v.j)
		if ok && c.isVariable() && d < maxBindingDepth {
			if b, bend := e.binding(c.root[0], v.i); b >= 0 {
				v = span{b, bend}
				continue
			}
		}
		if !ok || !c.isConstructor("AppManifest") {
			e.unknown(v.i, v.j-1, "the app manifest is not built from AppManifest::new()")
			a.Complete = false
			return
		}
		for _, mc := range c.calls {
			switch mc.name {
			case "commands":
				if l, ok := e.strList(mc.arg(0), depth); ok {
					a.Commands = l
					continue
				}
			case "permissions_path_pattern":
				if s, ok := e.str(mc.arg(0), depth); ok {
					a.PermissionsPattern = s
					continue
				}
			}
			e.unknownCall(mc, "AppManifest::"+mc.name)
			a.Complete = false
		}
		return
	}
}
