package audit

import "github.com/tauriaudit/tauriaudit/rules/source"

// ShellExecCommands are the shell commands that run scope entries.
var ShellExecCommands = []string{"execute", "spawn"}

// ShellProgram is the program a shell scope entry runs: the sidecar's
// name, else cmd (name when cmd is missing).
func ShellProgram(s *ScopeVal) string {
	n := s.Node
	if n.Get("sidecar").IsTrue() {
		return n.Get("name").String()
	}
	if c, ok := n.Get("cmd").Str(); ok {
		return c
	}
	return n.Get("name").String()
}

// ShellUses lists the shell scope entries some granted execute/spawn
// command consults (plugins.shell scopes, tauri-acl §9.6).
func (v *View) ShellUses() []*ScopeUse {
	var out []*ScopeUse
	for _, u := range v.ScopeUses("shell") {
		if len(u.Commands(ShellExecCommands)) > 0 && u.Val.Node != nil && u.Val.Node.Kind == source.Object {
			out = append(out, u)
		}
	}
	return out
}

// Sidecar reports a shell entry that runs a bundled sidecar.
func (u *ScopeUse) Sidecar() bool { return u.Val.Node.Get("sidecar").IsTrue() }

// ShellName is a shell entry's name for messages and subjects.
func (u *ScopeUse) ShellName() string {
	if n, ok := u.Val.Node.Get("name").Str(); ok {
		return n
	}
	return ShellProgram(u.Val)
}

// FixedArgs reports shell entry args that are absent, false or a list of
// strings.
func (u *ScopeUse) FixedArgs() bool {
	args := u.Val.Node.Get("args")
	if args == nil || args.Kind == source.Bool {
		return !args.IsTrue()
	}
	for _, a := range args.Items() {
		if _, ok := a.Str(); !ok {
			return false
		}
	}
	return true
}
