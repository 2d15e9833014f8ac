package audit

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// fs and asset scope paths are glob patterns over absolute paths, with a
// leading base-directory variable ($HOME, $APPDATA...) resolved per
// platform. Tauri reads each entry in two steps, and every judgement here
// first reads the entry the same way (NormalizePath):
//
//   - PathResolver::parse (crates/tauri/src/path/mod.rs) resolves the
//     first component when it is exactly a variable, and drops every ".."
//     component after the first: "$APPDATA/../.." is $APPDATA itself;
//   - Scope::new's push_pattern (crates/tauri/src/scope/fs.rs) rebuilds
//     the path from its components: repeated separators and "."
//     components vanish, and so does a trailing separator.
//
// "~" is no variable: "~/x" is a relative path. The fs plugin matches
// with a literal separator (`*` stays within one component, `**` spans
// components) and, by default on every platform but Windows, a literal
// leading dot: wildcards skip dotfiles (rules.md §1.4 TA-SCP-005).

// NormalizePath returns a scope path as Tauri's resolver and scope read
// it, with the variable left unresolved. Both separators are read as one,
// as on Windows targets.
func NormalizePath(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	abs := strings.HasPrefix(p, "/")
	var out []string
	for i, c := range strings.Split(p, "/") {
		switch {
		case c == "" || c == "." && i > 0:
		case c == ".." && len(out) > 0:
			// parse keeps a leading "..", and drops the others.
		case c == ".." && abs:
		default:
			out = append(out, c)
		}
	}
	s := strings.Join(out, "/")
	if abs {
		return "/" + s
	}
	return s
}

// HasDotDot reports a path written with ".." components (Tauri drops all
// but a leading one).
func HasDotDot(p string) bool {
	return slices.Contains(strings.Split(strings.ReplaceAll(p, `\`, "/"), "/"), "..")
}

// pathVar returns the base-directory variable p starts with, or "": the
// whole first component must be one ($APP and $LOG are the v1 names of
// $APPDATA and $APPLOG, still in older lists).
func pathVar(p string) string {
	first, _, _ := strings.Cut(p, "/")
	if _, ok := platformDirs[source.Linux][varAlias(first)]; ok {
		return first
	}
	return ""
}

func varAlias(v string) string {
	if a := map[string]string{"$APP": "$APPDATA", "$LOG": "$APPLOG"}[v]; a != "" {
		return a
	}
	return v
}

var wildSuffixes = []string{"/**/*", "/**", "/*"}

// base returns the normalized pattern without one trailing wildcard level,
// and whether that level was recursive: "$HOME/**" → ("$HOME", true).
func base(p string) (string, bool, bool) {
	p = NormalizePath(p)
	for _, suf := range wildSuffixes {
		if b, ok := strings.CutSuffix(p, suf); ok {
			return b, strings.Contains(suf, "**"), true
		}
	}
	return p, false, false
}

func driveRoot(s string) bool {
	return len(s) == 2 && s[1] == ':' && (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z')
}

// MatchesEverything reports patterns such as "**", "**/*", "/**" or "C:/*".
func MatchesEverything(p string) bool {
	n := NormalizePath(p)
	if strings.HasPrefix(n, "**") && strings.Trim(n, "*/") == "" {
		return true
	}
	b, _, wild := base(n)
	return wild && (b == "" || driveRoot(b))
}

// RootOrHome classifies TA-SCP-001 patterns: "root" for the whole file
// system or a drive, "home" for $HOME itself or everything below it.
func RootOrHome(p string) string {
	n := NormalizePath(p)
	switch b, _, _ := base(n); {
	case MatchesEverything(n) || n == "/" || driveRoot(n):
		return "root"
	case b == "$HOME":
		return "home"
	}
	return ""
}

// UserDirRecursive returns the user directory a pattern opens
// recursively (TA-SCP-002), or "".
func UserDirRecursive(p string) string {
	b, recursive, _ := base(p)
	if recursive && slices.Contains(UserDirVars, b) {
		return b
	}
	return ""
}

// UnderAppDir reports a pattern inside the app's own directories.
func UnderAppDir(p string) bool {
	return slices.ContainsFunc(AppDirVars, func(v string) bool { return UnderVar(p, v) })
}

// UnderVar reports a pattern inside one base directory.
func UnderVar(p, v string) bool {
	p = NormalizePath(p)
	return p == v || strings.HasPrefix(p, v+"/")
}

// Relative reports a pattern that names no base: no variable, no absolute
// root, no drive, no UNC prefix. Patterns that start with "**" match
// absolute paths anyway and are TA-SCP-001's.
func Relative(p string) bool {
	p = NormalizePath(p)
	switch {
	case p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "**") || pathVar(p) != "":
		return false
	case len(p) >= 2 && driveRoot(p[:2]):
		return false
	}
	return true
}

// platformDirs are representative values of the path variables per
// target, enough to decide which patterns cover which locations; "<id>"
// is replaced by the app identifier.
var platformDirs = map[source.Platform]map[string]string{
	source.Linux: {"$HOME": "/home/u", "$AUDIO": "/home/u/Music", "$CACHE": "/home/u/.cache",
		"$CONFIG": "/home/u/.config", "$DATA": "/home/u/.local/share", "$LOCALDATA": "/home/u/.local/share",
		"$DESKTOP": "/home/u/Desktop", "$DOCUMENT": "/home/u/Documents", "$DOWNLOAD": "/home/u/Downloads",
		"$EXE": "/home/u/.local/bin", "$FONT": "/home/u/.local/share/fonts", "$PICTURE": "/home/u/Pictures",
		"$PUBLIC": "/home/u/Public", "$RUNTIME": "/run/user/1000", "$TEMPLATE": "/home/u/Templates",
		"$VIDEO": "/home/u/Videos", "$RESOURCE": "/usr/lib/<id>", "$TEMP": "/tmp",
		"$APPCONFIG": "/home/u/.config/<id>", "$APPDATA": "/home/u/.local/share/<id>",
		"$APPLOCALDATA": "/home/u/.local/share/<id>", "$APPCACHE": "/home/u/.cache/<id>",
		"$APPLOG": "/home/u/.local/share/<id>/logs"},
	source.MacOS: {"$HOME": "/Users/u", "$AUDIO": "/Users/u/Music", "$CACHE": "/Users/u/Library/Caches",
		"$CONFIG": "/Users/u/Library/Application Support", "$DATA": "/Users/u/Library/Application Support",
		"$LOCALDATA": "/Users/u/Library/Application Support", "$DESKTOP": "/Users/u/Desktop",
		"$DOCUMENT": "/Users/u/Documents", "$DOWNLOAD": "/Users/u/Downloads", "$EXE": "/Applications/App.app/Contents/MacOS",
		"$FONT": "/Users/u/Library/Fonts", "$PICTURE": "/Users/u/Pictures", "$PUBLIC": "/Users/u/Public",
		"$TEMPLATE": "/Users/u/Templates", "$VIDEO": "/Users/u/Movies", "$RESOURCE": "/Applications/App.app/Contents/Resources",
		"$TEMP": "/private/var/folders/x/T", "$APPCONFIG": "/Users/u/Library/Application Support/<id>",
		"$APPDATA": "/Users/u/Library/Application Support/<id>", "$APPLOCALDATA": "/Users/u/Library/Application Support/<id>",
		"$APPCACHE": "/Users/u/Library/Caches/<id>", "$APPLOG": "/Users/u/Library/Logs/<id>"},
	source.Windows: {"$HOME": "C:/Users/u", "$AUDIO": "C:/Users/u/Music", "$CACHE": "C:/Users/u/AppData/Local",
		"$CONFIG": "C:/Users/u/AppData/Roaming", "$DATA": "C:/Users/u/AppData/Roaming", "$LOCALDATA": "C:/Users/u/AppData/Local",
		"$DESKTOP": "C:/Users/u/Desktop", "$DOCUMENT": "C:/Users/u/Documents", "$DOWNLOAD": "C:/Users/u/Downloads",
		"$EXE": "C:/Program Files/App", "$FONT": "C:/Windows/Fonts", "$PICTURE": "C:/Users/u/Pictures", "$PUBLIC": "C:/Users/Public",
		"$TEMPLATE": "C:/Users/u/AppData/Roaming/Microsoft/Windows/Templates", "$VIDEO": "C:/Users/u/Videos",
		"$RESOURCE": "C:/Program Files/App", "$TEMP": "C:/Users/u/AppData/Local/Temp",
		"$APPCONFIG": "C:/Users/u/AppData/Roaming/<id>", "$APPDATA": "C:/Users/u/AppData/Roaming/<id>",
		"$APPLOCALDATA": "C:/Users/u/AppData/Local/<id>", "$APPCACHE": "C:/Users/u/AppData/Local/<id>",
		"$APPLOG": "C:/Users/u/AppData/Local/<id>/logs"},
}

// dirsFor returns the variable table of a platform; mobile targets use
// the Linux layout (their directories are app-sandboxed, which makes
// every finding there less severe, not absent).
func dirsFor(pf source.Platform) map[string]string {
	if m := platformDirs[pf]; m != nil {
		return m
	}
	return platformDirs[source.Linux]
}

// Expand resolves a leading path variable of a normalized path.
func Expand(p string, pf source.Platform, ident string) string {
	p = NormalizePath(p)
	v := pathVar(p)
	if v == "" {
		return p
	}
	dir, ok := dirsFor(pf)[varAlias(v)]
	if !ok {
		return p
	}
	return strings.ReplaceAll(dir, "<id>", ident) + p[len(v):]
}

// Covers reports whether pattern pat (as written) matches the location
// loc (written with a variable) on platform pf.
func Covers(pat, loc string, pf source.Platform, ident string, literalDot bool) bool {
	return GlobMatch(Expand(pat, pf, ident), Expand(loc, pf, ident), literalDot)
}

// GlobMatch matches component by component: "**" is any number of
// components, other components match one component each.
func GlobMatch(pat, p string, literalDot bool) bool {
	return matchSegs(strings.Split(pat, "/"), strings.Split(p, "/"), literalDot)
}

func matchSegs(ps, xs []string, literalDot bool) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			for i := 0; i <= len(xs); i++ {
				if matchSegs(ps[1:], xs[i:], literalDot) {
					return true
				}
				if i < len(xs) && literalDot && strings.HasPrefix(xs[i], ".") {
					return false
				}
			}
			return false
		}
		if len(xs) == 0 || !matchSeg(ps[0], xs[0], literalDot) {
			return false
		}
		ps, xs = ps[1:], xs[1:]
	}
	return len(xs) == 0
}

// matchSeg matches one component; Go's path.Match has the same `*`, `?`
// and class syntax within a component (classes negate with `^` there and
// with `!` in Rust's glob).
func matchSeg(pat, s string, literalDot bool) bool {
	if literalDot && strings.HasPrefix(s, ".") && !strings.HasPrefix(pat, ".") {
		return false
	}
	pat = strings.ReplaceAll(strings.ReplaceAll(pat, "[!", "[^"), "**", "*")
	ok, err := path.Match(pat, s)
	return err == nil && ok
}

// LiteralDotDefault is the fs plugin's default for
// requireLiteralLeadingDot: true except on Windows.
func LiteralDotDefault(pf source.Platform) bool { return pf != source.Windows }

// AppDirVars are the app's own directories (rules.md §0.4: reads there are
// not high-risk).
var AppDirVars = []string{"$APPCONFIG", "$APPDATA", "$APPLOCALDATA", "$APPCACHE", "$APPLOG", "$APP"}

// UserDirVars are the non-app user and OS directories of TA-SCP-002.
var UserDirVars = []string{"$DESKTOP", "$DOCUMENT", "$DOWNLOAD", "$PICTURE", "$VIDEO", "$AUDIO", "$PUBLIC",
	"$CONFIG", "$DATA", "$LOCALDATA", "$CACHE", "$TEMPLATE", "$FONT"}
