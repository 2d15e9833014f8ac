package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Helpers shared by the TA-SCP rules.

// fsPathOf returns an fs scope value's path.
func fsPathOf(s *audit.ScopeVal) (string, bool) { return s.Str("path") }

// literalDot is the fs plugin's requireLiteralLeadingDot on target t: the
// config value, else the platform default.
func literalDot(t *rules.Target) bool {
	if b, ok := t.Config.At("plugins", "fs", "requireLiteralLeadingDot").Bool(); ok {
		return b
	}
	return audit.LiteralDotDefault(t.Platform)
}

// valueFinding builds a finding at a scope value.
func valueFinding(s *audit.ScopeVal, subject, msg string) rules.Finding {
	loc, rel := scopeWhere(s)
	return rules.Finding{Location: loc, Related: rel, Subject: subject, Message: msg}
}

// fsAccess says whether a use's grants read, write or both.
func fsAccess(u *audit.ScopeUse) (read, write bool) {
	return len(u.Commands(audit.FSReadCommands)) > 0, len(u.Commands(audit.FSWriteCommands)) > 0
}

// accessText names the access for messages.
func accessText(read, write bool) string {
	switch {
	case read && write:
		return "read and write"
	case write:
		return "write"
	}
	return "read (only)"
}

// pathBreadth says what an fs-like scope path opens when TA-SCP-001 or
// TA-SCP-002 would call it broad, or "" (the asset protocol and opener
// path rules share it).
func pathBreadth(p string) string {
	switch audit.RootOrHome(p) {
	case "root":
		return "every file"
	case "home":
		return "the home directory"
	}
	if d := audit.UserDirRecursive(p); d != "" {
		return "all of " + d
	}
	return ""
}

// assetScopeValues returns the allow globs of app.security.assetProtocol:
// a bare list, or {allow, deny, requireLiteralLeadingDot}.
func assetScopeValues(asset *source.Node) []*source.Node {
	scope := asset.Get("scope")
	if scope.Is(source.Array) {
		return scope.Items()
	}
	return scope.Get("allow").Items()
}

// cargoDepSpecs returns the app crate's dependency entries for crate
// (plain and per-target tables, renamed ones included) and, for
// `workspace = true` entries, the workspace entry they inherit features
// from.
func cargoDepSpecs(p *rules.Project, crate string) []*source.Node {
	m := p.Manifest()
	tables := []*source.Node{m.Get("dependencies")}
	for _, t := range m.Get("target").Members() {
		tables = append(tables, t.Value.Get("dependencies"))
	}
	var out []*source.Node
	for _, tbl := range tables {
		for _, mem := range tbl.Members() {
			if mem.Name != crate && mem.Value.Get("package").String() != crate {
				continue
			}
			out = append(out, mem.Value)
			if mem.Value.Get("workspace").IsTrue() {
				if ws, _ := p.WorkspaceDep(mem.Name); ws != nil {
					out = append(out, ws)
				}
			}
		}
	}
	return out
}
