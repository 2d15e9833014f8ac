package capabilities

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Validate is tauri-build's check of file capabilities (tauri-acl §8):
// for every file capability active on target, every entry must name an
// existing manifest and, unless its base is "default", a permission or
// set of it. Set members are not checked (only codegen finds those).
func Validate(acl *ACL, files *FileCapabilities, target source.Platform) []*Problem {
	var probs []*Problem
	var expected string // built on first use: it lists every permission
	perFile := map[string]int{}
	for _, c := range files.All() {
		if !c.ActiveOn(target) {
			continue
		}
		for _, e := range c.Permissions {
			if knownRef(acl, e.ID) {
				continue
			}
			// Each message lists every permission, as Tauri's does: a
			// hostile file with thousands of unknown entries would make
			// gigabytes of them. Tauri stops at the first; the report
			// lists at most a thousand per file and says when it cut.
			var file string
			if e.IDNode != nil && e.IDNode.File != nil {
				file = e.IDNode.File.Path
			}
			if perFile[file] >= MaxProblemsPerFile {
				continue
			}
			perFile[file]++
			if expected == "" {
				expected = strings.Join(allPermissionIDs(acl), ", ")
			}
			p := newProblem(PermissionNotFound, StageBuild, e.IDNode, "Permission %s not found, expected one of %s", e.ID.Raw, expected)
			p.Capability = c.Identifier
			p.Target = target
			probs = append(probs, p)
		}
	}
	return probs
}

// MaxProblemsPerFile bounds the unknown-permission problems Validate
// reports for one file: one more than the report lists per rule and file
// (rules.MaxFindingsPerFile), so that the report still says it cut.
const MaxProblemsPerFile = 1001

func knownRef(acl *ACL, id Identifier) bool {
	m := acl.Get(id.Key())
	if m == nil {
		return false
	}
	if id.Base == "default" {
		return true
	}
	return m.Permissions[id.Base] != nil || m.Sets[id.Base] != nil
}

// allPermissionIDs lists what the validator offers: per manifest key in
// byte order, key:default if there is a default, then the permissions,
// then the sets, each sorted; app ones without prefix.
func allPermissionIDs(acl *ACL) []string {
	var out []string
	for _, key := range acl.Keys() {
		m := acl.Get(key)
		if m.Default != nil {
			out = append(out, displayID(key, "default"))
		}
		for _, id := range m.PermissionIDs() {
			out = append(out, displayID(key, id))
		}
		for _, id := range m.SetIDs() {
			out = append(out, displayID(key, id))
		}
	}
	return out
}
