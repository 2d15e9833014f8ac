package capabilities

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Resolved is the ACL of one build target as codegen embeds it (tauri-acl
// §7), with provenance for every grant.
type Resolved struct {
	Target source.Platform
	// Allowed and Denied map a command ("plugin:fs|read_file", or a bare
	// app command) to its entries, in resolution order.
	Allowed map[string][]*Grant
	Denied  map[string][]*Grant
	// Scopes are the command scopes by id; ids start at 1.
	Scopes map[int]*CommandScope
	// Global is the global scope per manifest key (tauri-acl §7.5).
	Global map[string]*GlobalScope
	// Problems are the errors of resolution (tauri-acl §8); everything
	// else is still resolved.
	Problems []*Problem
	// HasApp records whether the app manifest exists (runtime gating).
	HasApp bool
}

// Grant is one resolved command entry: a command usable from one context
// by the windows and webviews of one capability.
type Grant struct {
	Command  string
	Context  Context
	Windows  []*Glob // sorted by pattern
	Webviews []*Glob // sorted by pattern
	ScopeID  int     // 0: no command scope
	Provenance
}

// Context is where a call comes from: the app's own (local) origin, or a
// remote origin matching a pattern.
type Context struct {
	Remote *URLPattern // nil: local
}

// IsLocal reports whether the context is the local one.
func (c Context) IsLocal() bool { return c.Remote == nil }

func (c Context) String() string {
	if c.Remote == nil {
		return "local"
	}
	return "remote:" + c.Remote.Raw
}

// Provenance says where a grant or scope came from.
type Provenance struct {
	Capability *Capability
	Entry      *Entry
	// Path is the chain of identifiers from the entry to the leaf
	// permission, e.g. ["fs:write-all", "fs:allow-write-file"].
	Path []string
	// Key is the manifest of the leaf permission.
	Key        string
	Permission *Permission
}

// LeafID returns the leaf permission's full identifier.
func (p Provenance) LeafID() string {
	if len(p.Path) == 0 {
		return ""
	}
	return p.Path[len(p.Path)-1]
}

// CommandScope is a scope handed to the commands of one (entry, leaf
// permission) pair: the capability's extension first, then the
// permission's own values (tauri-acl §7.4).
type CommandScope struct {
	ID          int
	Allow, Deny []*source.Node
	Provenance
}

// GlobalScope is a plugin's global scope: everything its scope-only
// permissions contributed, from every capability (tauri-acl §7.5).
type GlobalScope struct {
	Key         string
	Allow, Deny []*source.Node
	From        []Provenance
}

// AllowedCommands returns the allowed commands in byte order.
func (r *Resolved) AllowedCommands() []string { return sortedKeys(r.Allowed) }

// DeniedCommands returns the denied commands in byte order.
func (r *Resolved) DeniedCommands() []string { return sortedKeys(r.Denied) }

// commandName is the name a command is invoked by (tauri-acl §7.1).
func commandName(key, cmd string) string {
	switch {
	case key == AppKey:
		return cmd
	case strings.HasPrefix(key, "core:"):
		return "plugin:" + strings.TrimPrefix(key, "core:") + "|" + cmd
	}
	return "plugin:" + key + "|" + cmd
}

// displayID is a permission's identifier as a capability would write it.
func displayID(key, name string) string {
	if key == AppKey {
		return name
	}
	return key + ":" + name
}
