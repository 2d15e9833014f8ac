package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// OpenerSchemes are the schemes opener:default allows.
var OpenerSchemes = []string{"http", "https", "mailto", "tel"}

// foreignSchemes are probe schemes outside opener:default: OS handlers
// that open files or run code, and one no app registers.
var foreignSchemes = []string{"file", "smb", "javascript", "data", "ms-msdt", "search-ms", "ftp", "x-tauriaudit-probe"}

// OpenerURLProblem says why an opener url scope entry admits dangerous
// URLs, or "". The opener plugin compiles the entry with glob::Pattern and
// matches the URL string the page passes (plugins/opener/src/scope.rs,
// default match options): a glob over the whole URL, where `*` spans '/'.
// The entry is judged by matching probe URLs; one that does not compile
// fails the command and grants nothing, and one that only looks like a
// regexp ("^https://x\.com/.*$") matches no URL.
func OpenerURLProblem(u string) string {
	g, err := capabilities.CompileGlob(u, false)
	if err != nil {
		return ""
	}
	rests := []string{"://evil.example/x", ":payload", ":///etc/passwd"}
	if _, rest, ok := strings.Cut(globSample(u), ":"); ok {
		rests = append(rests, ":"+rest)
	}
	var foreign []string
	all := true
	for _, s := range foreignSchemes {
		n := 0
		for _, r := range rests {
			if g.Match(s + r) {
				n++
			}
		}
		if n > 0 {
			foreign = append(foreign, s)
		}
		all = all && n == len(rests)
	}
	switch scheme := literalScheme(u); {
	case all:
		return "matches any url"
	case len(foreign) > 1:
		return "matches any scheme"
	case scheme != "" && !slices.Contains(OpenerSchemes, scheme):
		return fmt.Sprintf("allows the %s: scheme", scheme)
	case len(foreign) == 1:
		return fmt.Sprintf("allows the %s: scheme", foreign[0])
	}
	return ""
}

// literalScheme returns the scheme a glob starts with when it is written
// without glob syntax and is a valid URL scheme, lower-cased; else "".
func literalScheme(u string) string {
	s, _, ok := strings.Cut(u, ":")
	if !ok || s == "" || !isAlpha(s[0]) {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return ""
		}
	}
	return strings.ToLower(s)
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// globSample fills a glob with one string it may match: `*` and `?`
// become "x", a class its first character.
func globSample(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*', '?':
			b.WriteByte('x')
		case '[':
			j := i + 1
			if j < len(g) && g[j] == '!' {
				b.WriteByte('x')
			} else if j < len(g) {
				b.WriteByte(g[j])
			}
			for j < len(g) && g[j] != ']' {
				j++
			}
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
