package capabilities

import (
	"errors"
	"path"
	"slices"
	"strings"
)

// ErrPatternOutside is returned for a permission or capability pattern
// that is absolute or leaves the app directory: the scan does not follow
// it.
var ErrPatternOutside = errors.New("pattern leaves the app directory")

// PathPattern is a glob tauri-build passes to glob::glob, relative to the
// app crate directory (its build script's working directory).
type PathPattern struct {
	comps []*Glob // nil for a "**" component
	// Base is the literal directory before the first wildcard component,
	// "." when the pattern starts with one.
	Base string
}

// CompilePathPattern compiles pattern as glob::glob walks it: one
// component at a time, so "*" never crosses a "/", while a "**"
// component matches any number of directories, none included. "." and
// empty components are dropped, as the walk ignores them.
func CompilePathPattern(pattern string) (*PathPattern, error) {
	if strings.HasPrefix(pattern, "/") || strings.Contains(pattern, `\`) || path.IsAbs(pattern) {
		return nil, ErrPatternOutside
	}
	pp := &PathPattern{}
	var base []string
	literal := true
	for _, c := range strings.Split(pattern, "/") {
		switch {
		case c == "" || c == ".":
			continue
		case c == "..":
			return nil, ErrPatternOutside
		case c == "**":
			pp.comps = append(pp.comps, nil)
			literal = false
			continue
		}
		g, err := CompileGlob(c, false)
		if err != nil {
			return nil, err
		}
		if literal && !strings.ContainsAny(c, "*?[") {
			base = append(base, c)
		} else {
			literal = false
		}
		pp.comps = append(pp.comps, g)
	}
	if len(pp.comps) == 0 {
		return nil, errors.New("empty pattern")
	}
	pp.Base = "."
	if len(base) == len(pp.comps) {
		base = base[:len(base)-1] // a literal file name: its directory is the base
	}
	if len(base) > 0 {
		pp.Base = strings.Join(base, "/")
	}
	return pp, nil
}

// Match reports whether the slash path rel (relative to the app crate
// directory) is one the pattern yields.
func (pp *PathPattern) Match(rel string) bool {
	parts := slices.DeleteFunc(strings.Split(strings.TrimPrefix(rel, "./"), "/"), func(s string) bool { return s == "" })
	// ok[i][j]: components i.. match parts j..; filled backwards, so a
	// pattern of many "**" stays polynomial.
	n, m := len(pp.comps), len(parts)
	ok := make([][]bool, n+1)
	for i := range ok {
		ok[i] = make([]bool, m+1)
	}
	ok[n][m] = true
	for i := n - 1; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			if pp.comps[i] == nil {
				// "**" matches no directory, or one more (never the
				// file name itself: glob's ** is directories only).
				ok[i][j] = ok[i+1][j] || j < m-1 && ok[i][j+1]
				continue
			}
			ok[i][j] = j < m && pp.comps[i].Match(parts[j]) && ok[i+1][j+1]
		}
	}
	return ok[0][0]
}

// DiscoverPatternFiles keeps the paths tauri-build's define_permissions
// reads for pattern (crates/tauri-utils/src/acl/build.rs): those the glob
// yields whose extension is one of PERMISSION_FILE_EXTENSIONS (json,
// toml), whose immediate parent is not "schemas", and which are not under
// a skip prefix; in glob order.
func DiscoverPatternFiles(pp *PathPattern, paths []string, skip []string) []string {
	return discoverPattern(pp, paths, PermissionExtensions(), skip)
}

// DiscoverCapabilityPattern keeps the paths tauri-build's
// parse_capabilities reads for Attributes::capabilities_path_pattern: the
// same filters with CapabilityExtensions(v).
func DiscoverCapabilityPattern(pp *PathPattern, paths []string, v Version) []string {
	return discoverPattern(pp, paths, CapabilityExtensions(v), nil)
}

func discoverPattern(pp *PathPattern, paths []string, exts, skip []string) []string {
	var out []string
	for _, p := range paths {
		p = strings.TrimPrefix(p, "./")
		if !pp.Match(p) || slices.ContainsFunc(skip, func(s string) bool { return strings.HasPrefix(p, s) }) {
			continue
		}
		parts := strings.Split(p, "/")
		if len(parts) >= 2 && parts[len(parts)-2] == "schemas" {
			continue
		}
		if ext, ok := rustExtension(parts[len(parts)-1]); !ok || !slices.Contains(exts, ext) {
			continue
		}
		out = append(out, p)
	}
	SortGlobOrder(out)
	return out
}
