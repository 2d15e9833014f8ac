package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// shellEntry is a shell scope entry that execute or spawn consults.
type shellEntry struct {
	t   *rules.Target
	use *scopeUse
}

// shellEntries lists, per target, the shell scope entries some granted
// execute/spawn command consults (plugins.shell scopes, tauri-acl §9.6).
func shellEntries(p *rules.Project) []shellEntry {
	var out []shellEntry
	forEachView(p, func(t *rules.Target, v *aclView) {
		for _, u := range v.scopeUses("shell") {
			if len(u.commands(shellExecCommands)) > 0 && nodeKind(u.Val.Node) == source.Object {
				out = append(out, shellEntry{t: t, use: u})
			}
		}
	})
	return out
}

// sidecar reports an entry that runs a bundled sidecar.
func (e shellEntry) sidecar() bool { return e.use.Val.Node.Get("sidecar").IsTrue() }

// name is the entry's name for messages and subjects.
func (e shellEntry) name() string {
	if n, ok := e.use.Val.Node.Get("name").Str(); ok {
		return n
	}
	return shellProgram(e.use.Val)
}

// fixedArgs reports args that are absent, false or a list of strings.
func (e shellEntry) fixedArgs() bool {
	args := e.use.Val.Node.Get("args")
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
