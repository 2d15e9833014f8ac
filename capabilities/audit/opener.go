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

// GlobHost returns the host part of a URL glob as written, without port
// or user info: "https://*.example.com:*/x" → "*.example.com".
func GlobHost(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if i := strings.Index(rest, "]"); i >= 0 {
			return rest[:i+1]
		}
	}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// OpenerSuffixWildcard reports an opener url glob whose host wildcard
// extends a hostname label without a dot boundary (TA-SCP-018): the glob
// matches the URL with text glued to the front or back of its written
// host name. A glob that matches every host is TA-SCP-013's business.
func OpenerSuffixWildcard(u string) bool {
	g, err := capabilities.CompileGlob(u, false)
	host := GlobHost(u)
	if err != nil || host == "" {
		return false
	}
	scheme, rest, _ := strings.Cut(globSample(u), "://")
	tail := ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		tail = rest[i:]
	}
	at := func(h string) bool { return g.Match(scheme + "://" + h + tail) }
	if at("evil.example") && at("attacker.test") {
		return false
	}
	name := strings.Trim(strings.Map(func(r rune) rune {
		if strings.ContainsRune("*?[]!", r) {
			return -1
		}
		return r
	}, host), ".")
	if name == "" {
		return false
	}
	for _, h := range gluedHosts(name) {
		if at(h) {
			return true
		}
	}
	return false
}
