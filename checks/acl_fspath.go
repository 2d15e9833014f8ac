package checks

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// fs scope paths are glob patterns over absolute paths, with a leading
// base-directory variable ($HOME, $APPDATA...) resolved per platform. The
// fs plugin matches them with a literal separator (`*` stays within one
// component, `**` spans components) and, by default on every platform
// but Windows, a literal leading dot: wildcards skip dotfiles
// (rules.md §1.4 TA-SCP-005).

// normFSPath unifies separators and trims blanks.
func normFSPath(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), `\`, "/")
}

var (
	driveRoot   = regexp.MustCompile(`^[A-Za-z]:$`)
	pathVar     = regexp.MustCompile(`^\$[A-Z]+`)
	wildSuffixe = []string{"/**/*", "/**", "/*", "/"}
)

// fsBase returns the pattern without one trailing wildcard level, and
// whether that level was recursive: "$HOME/**" → ("$HOME", true).
func fsBase(p string) (string, bool, bool) {
	p = normFSPath(p)
	for _, suf := range wildSuffixe {
		if b, ok := strings.CutSuffix(p, suf); ok {
			return b, strings.Contains(suf, "**"), true
		}
	}
	return p, false, false
}

// fsMatchesEverything reports patterns such as "**", "**/*" or "/**".
func fsMatchesEverything(p string) bool {
	p = normFSPath(p)
	if strings.HasPrefix(p, "**") && strings.Trim(p, "*/") == "" {
		return true
	}
	b, _, wild := fsBase(p)
	return wild && (b == "" || driveRoot.MatchString(b))
}

// fsRootOrHome classifies TA-SCP-001 patterns: "root" for the whole file
// system or a drive, "home" for $HOME itself or everything below it.
func fsRootOrHome(p string) string {
	n := normFSPath(p)
	switch b, _, _ := fsBase(n); {
	case fsMatchesEverything(n) || n == "/" || driveRoot.MatchString(strings.TrimSuffix(n, "/")):
		return "root"
	case b == "$HOME":
		return "home"
	}
	return ""
}

// fsUserDirRecursive returns the user directory a pattern opens
// recursively (TA-SCP-002), or "".
func fsUserDirRecursive(p string) string {
	b, recursive, _ := fsBase(p)
	if recursive && slices.Contains(userDirVars, b) {
		return b
	}
	return ""
}

// fsUnderAppDir reports a pattern inside the app's own directories.
func fsUnderAppDir(p string) bool {
	return slices.ContainsFunc(appDirVars, func(v string) bool { return fsUnderVar(p, v) })
}

// fsUnderVar reports a pattern inside one base directory.
func fsUnderVar(p, v string) bool {
	p = normFSPath(p)
	return !hasDotDot(p) && (p == v || strings.HasPrefix(p, v+"/"))
}

func hasDotDot(p string) bool {
	return slices.Contains(strings.Split(normFSPath(p), "/"), "..")
}

// fsRelative reports a pattern that names no base: no variable, no
// absolute root, no drive, no UNC prefix. Patterns that start with "**"
// match absolute paths anyway and are TA-SCP-001's.
func fsRelative(p string) bool {
	p = normFSPath(p)
	switch {
	case p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "**") || pathVar.MatchString(p):
		return false
	case len(p) >= 2 && driveRoot.MatchString(p[:2]):
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

// expandFS replaces a leading path variable ($APP and $LOG are the old
// names of $APPDATA and $APPLOG).
func expandFS(p string, pf source.Platform, ident string) string {
	p = normFSPath(p)
	v := pathVar.FindString(p)
	if v == "" {
		return p
	}
	alias := map[string]string{"$APP": "$APPDATA", "$LOG": "$APPLOG"}[v]
	if alias == "" {
		alias = v
	}
	dir, ok := dirsFor(pf)[alias]
	if !ok {
		return p
	}
	return strings.ReplaceAll(dir, "<id>", ident) + p[len(v):]
}

// fsCovers reports whether pattern pat (as written) matches the location
// loc (written with a variable) on platform pf.
func fsCovers(pat, loc string, pf source.Platform, ident string, literalDot bool) bool {
	return fsGlobMatch(expandFS(pat, pf, ident), expandFS(loc, pf, ident), literalDot)
}

// fsGlobMatch matches component by component: "**" is any number of
// components, other components match one component each.
func fsGlobMatch(pat, p string, literalDot bool) bool {
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

// literalDotDefault is the fs plugin's default for
// requireLiteralLeadingDot: true except on Windows.
func literalDotDefault(pf source.Platform) bool { return pf != source.Windows }
