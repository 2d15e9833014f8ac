package capabilities

import (
	"slices"
	"strings"
)

// CapabilityExtensions lists the file extensions tauri-build reads as
// capability files for version v (tauri-acl §3.3): json and toml, plus
// json5 from tauri 2.2.0 (which also needs the config-json5 feature; a
// scanner assumes it is on). Matching is case-sensitive.
func CapabilityExtensions(v Version) []string {
	if v.AtLeast("2.2.0") {
		return []string{"json", "toml", "json5"}
	}
	return []string{"json", "toml"}
}

// PermissionExtensions lists the extensions of permission files (tauri-acl
// §5.1): never json5.
func PermissionExtensions() []string { return []string{"json", "toml"} }

// DiscoverCapabilityFiles keeps the paths tauri-build reads as capability
// files (tauri-acl §3.4). paths are slash paths relative to the app crate
// directory (src-tauri); kept are those under capabilities/ (at any depth)
// whose extension is exactly one of CapabilityExtensions(v) and whose
// immediate parent directory is not named "schemas". The result is in
// the order tauri-build visits them.
func DiscoverCapabilityFiles(paths []string, v Version) []string {
	return discover(paths, "capabilities/", CapabilityExtensions(v), nil)
}

// DiscoverPermissionFiles keeps the app's permission files (tauri-acl
// §5.3): under permissions/, extension json or toml, immediate parent not
// "schemas", and not under permissions/<name>/ for an inlined plugin name.
// The same rule, with plugin-relative paths, finds a plugin's files.
func DiscoverPermissionFiles(paths []string, inlinedPlugins []string) []string {
	var skip []string
	for _, n := range inlinedPlugins {
		skip = append(skip, "permissions/"+n+"/")
	}
	return discover(paths, "permissions/", PermissionExtensions(), skip)
}

func discover(paths []string, dir string, exts, skip []string) []string {
	var out []string
	for _, p := range paths {
		p = strings.TrimPrefix(p, "./")
		if !strings.HasPrefix(p, dir) || len(p) == len(dir) {
			continue
		}
		if slices.ContainsFunc(skip, func(s string) bool { return strings.HasPrefix(p, s) }) {
			continue
		}
		parts := strings.Split(p, "/")
		name := parts[len(parts)-1]
		if len(parts) >= 2 && parts[len(parts)-2] == "schemas" {
			continue
		}
		if ext, ok := rustExtension(name); !ok || !slices.Contains(exts, ext) {
			continue
		}
		out = append(out, p)
	}
	SortGlobOrder(out)
	return out
}

// rustExtension returns a file name's extension the way Rust's
// Path::extension does: the text after the last dot, except that a name
// whose only dot is its first character (".json") has none.
func rustExtension(name string) (string, bool) {
	if name == ".." {
		return "", false
	}
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return "", false
	}
	return name[i+1:], true
}

// SortGlobOrder sorts slash paths the way the glob crate yields them
// (tauri-acl §13.6, assumed): component by component, each directory's
// entries sorted by name. Order decides last-wins of permission files.
func SortGlobOrder(paths []string) {
	slices.SortStableFunc(paths, func(a, b string) int {
		pa, pb := strings.Split(a, "/"), strings.Split(b, "/")
		for i := 0; i < len(pa) && i < len(pb); i++ {
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
		}
		return len(pa) - len(pb)
	})
}
