package audit

import (
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"

	urlpattern "github.com/dunglas/go-urlpattern"
	"golang.org/x/net/publicsuffix"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// URLScope is a remote.urls entry or an http plugin scope entry, compiled
// as Tauri compiles both (capabilities.CompileRemoteURL: a URLPattern
// constructor string, empty path/search/hash widened to "*"). Every
// judgement matches the compiled pattern against probe URLs, so groups,
// alternatives, regexps, named groups and optional segments count for
// what they match, whatever they look like.
type URLScope struct {
	Raw string
	// Host is the compiled hostname component, for messages.
	Host string
	// any is the pattern with every port, path, query and fragment
	// allowed: the components are independent, so it admits a scheme and
	// host exactly when the pattern admits them on some port, given some
	// path the pattern admits. Paths are probed with "/" and a path built
	// from the pattern's own, so a pattern restricted to a path still
	// names its hosts, and one whose path no URL can have (a relative
	// "https:evil.example") none.
	any *urlpattern.URLPattern
	// path is the pattern's protocol and pathname (every other component
	// "*"), or nil when every path is taken as admitted (see pathProbes).
	// A path is matched once per scheme, not once per host: the pathname
	// regexp and the path built from it are as long as the pattern, so
	// matching grows with the square of its length (a 2 KB path took
	// seconds when it was tried with every probe host).
	path   *urlpattern.URLPattern
	sample string   // a host the pattern admits, built from its hostname
	paths  []string // paths to probe with: "/" and one the pattern admits
	// widened says why the pattern was judged as wider than written.
	widened string
	v       verdict
	// memo remembers Admits while the verdicts are made (they ask about
	// the same scheme and host many times); nil once the scope is shared.
	memo     map[probe]bool
	pathMemo map[string]bool
}

type probe struct{ scheme, host string }

// verdict holds the judgements, made once when the pattern is compiled.
type verdict struct {
	web, anyHost, anyScheme, plainAndTLS      bool
	loopback, internal, plaintext, suffixWild bool
	sharedSuffix, overbroad                   string
}

// webSchemes are the schemes a web page or request can use.
var webSchemes = []string{"https", "http", "wss", "ws"}

// Probe hosts. Two unrelated names: a pattern admitting both admits
// every host.
var (
	foreignHosts  = []string{"evil.example", "attacker.test"}
	loopbackHosts = []string{"localhost", "127.0.0.1", "127.0.0.2", "[::1]", "0.0.0.0", "tauriaudit-probe.localhost"}
	// internalHosts are private-network probes: loopback, link-local and
	// cloud metadata, RFC 1918 and the usual private name suffixes.
	internalHosts = append(slicesClone(loopbackHosts), "169.254.169.254", "10.0.0.1", "172.16.0.1",
		"192.168.1.1", "[fd00::1]", "[fe80::1]", "printer.local", "metadata.internal", "router.lan")
)

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// CompileURLScope compiles a pattern; ok is false when Tauri rejects it
// (TA-ACL-010 reports that). Several rules ask about the same patterns
// for every target, so compiled scopes are shared (they are immutable),
// up to a bound a hostile input cannot grow past.
func CompileURLScope(s string) (URLScope, bool) {
	if c, ok := compiledScopes.Load(s); ok {
		r := c.(compiledScope)
		return r.u, r.ok
	}
	u, ok := compileURLScope(s)
	if compiledScopeCount.Add(1) <= maxCompiledScopes {
		compiledScopes.Store(s, compiledScope{u, ok})
	}
	return u, ok
}

var (
	compiledScopes     sync.Map // string -> compiledScope
	compiledScopeCount atomic.Int64
)

const maxCompiledScopes = 10_000

type compiledScope struct {
	u  URLScope
	ok bool
}

func compileURLScope(s string) (URLScope, bool) {
	p, err := capabilities.CompileRemoteURL(s)
	if err != nil {
		return URLScope{}, false
	}
	star := "*"
	proto, host, path := p.Protocol(), p.Hostname(), p.Pathname()
	wide, err := (&urlpattern.URLPatternInit{Protocol: &proto, Username: &star, Password: &star, Hostname: &host,
		Port: &star, Pathname: &star, Search: &star, Hash: &star}).New(nil)
	if err != nil {
		return URLScope{}, false
	}
	u := URLScope{Raw: s, Host: strings.ReplaceAll(host, `\:`, ":"), any: wide, widened: p.Widened}
	if u.path, u.paths, err = pathProbes(proto, path); err != nil {
		return URLScope{}, false
	}
	u.memo, u.pathMemo = map[probe]bool{}, map[string]bool{}
	u.sample = u.sampleHost(host)
	u.v = u.judge()
	u.memo, u.pathMemo = nil, nil
	return u, true
}

// pathProbes compiles the pattern's protocol and pathname, and returns the
// paths to probe it with: "/" and one built from the pathname. The pattern
// is nil, admitting every path, for a pathname of "*", and for one whose
// built path is longer than maxProbePath: matching that would take time
// that grows with the square of its length, so the pattern is taken to
// admit some path (a superset: only a pattern that admits no path at all
// is judged wider than it is).
func pathProbes(proto, path string) (*urlpattern.URLPattern, []string, error) {
	paths := []string{"/"}
	sp := sample(path)
	if path == "*" || len(sp) > maxProbePath {
		return nil, paths, nil
	}
	if strings.HasPrefix(sp, "/") && sp != "/" {
		paths = append(paths, sp)
	}
	// The protocol stays: go-urlpattern reads a pathname by it (and slices
	// out of range on some relative pathnames under "*").
	star := "*"
	p, err := (&urlpattern.URLPatternInit{Protocol: &proto, Username: &star, Password: &star, Hostname: &star,
		Port: &star, Pathname: &path, Search: &star, Hash: &star}).New(nil)
	return p, paths, err
}

// judge makes every verdict on the pattern.
func (u URLScope) judge() verdict {
	return verdict{web: u.web(), anyHost: u.anyHost(), anyScheme: u.anyScheme(), plainAndTLS: u.plainAndTLS(),
		loopback: u.loopback(), internal: u.internal(), plaintext: u.plaintext(), suffixWild: u.suffixWildcard(),
		sharedSuffix: u.sharedSuffix(), overbroad: u.overbroad()}
}

// Admits reports whether the pattern admits scheme and host on some port
// and path.
func (u URLScope) Admits(scheme, host string) bool {
	if u.any == nil {
		return false
	}
	if v, ok := u.memo[probe{scheme, host}]; ok {
		return v
	}
	admits := u.admitsPath(scheme) && u.any.Test(scheme+"://"+host+"/", "")
	if u.memo != nil {
		u.memo[probe{scheme, host}] = admits
	}
	return admits
}

// admitsPath reports whether the pattern admits one of the probe paths in
// a URL with scheme. Only the scheme changes how a URL's path is read
// (special schemes canonicalise differently), so the answer holds for
// every host.
func (u URLScope) admitsPath(scheme string) bool {
	if u.path == nil {
		return true // "*", or too long to probe
	}
	if v, ok := u.pathMemo[scheme]; ok {
		return v
	}
	admits := false
	for _, p := range u.paths {
		if u.path.Test(scheme+"://"+pathProbeHost+p, "") {
			admits = true
			break
		}
	}
	if u.pathMemo != nil {
		u.pathMemo[scheme] = admits
	}
	return admits
}

// maxProbePath bounds the length of a probe path; real patterns' paths are
// far shorter.
const maxProbePath = 256

// pathProbeHost is the host of the URLs that probe a path alone.
const pathProbeHost = "tauriaudit-probe.example"

// AdmitsScheme reports whether some host is admitted with scheme.
func (u URLScope) AdmitsScheme(scheme string) bool {
	for _, h := range u.hosts() {
		if u.Admits(scheme, h) {
			return true
		}
	}
	return false
}

// hosts are the probe hosts plus the pattern's own sample host.
func (u URLScope) hosts() []string {
	hs := append(append(slicesClone(foreignHosts), internalHosts...), "tauri.localhost")
	if u.sample != "" {
		hs = append(hs, u.sample)
	}
	return hs
}

// web reports whether the pattern can match web pages: http(s) or ws(s).
func (u URLScope) web() bool {
	for _, s := range webSchemes {
		if u.AdmitsScheme(s) {
			return true
		}
	}
	return false
}

// anyHost reports a pattern that admits every host on some web scheme.
func (u URLScope) anyHost() bool {
	for _, s := range webSchemes {
		if u.admitsAll(s, foreignHosts) {
			return true
		}
	}
	return false
}

func (u URLScope) admitsAll(scheme string, hosts []string) bool {
	for _, h := range hosts {
		if !u.Admits(scheme, h) {
			return false
		}
	}
	return true
}

func (u URLScope) admitsAny(schemes, hosts []string) bool {
	for _, s := range schemes {
		for _, h := range hosts {
			if u.Admits(s, h) {
				return true
			}
		}
	}
	return false
}

// anyScheme reports a protocol that admits schemes the app never
// registered as well as plain http.
func (u URLScope) anyScheme() bool {
	return u.AdmitsScheme("x-tauriaudit-probe") && u.AdmitsScheme("http")
}

// plainAndTLS reports a protocol that admits both http and https.
func (u URLScope) plainAndTLS() bool { return u.AdmitsScheme("http") && u.AdmitsScheme("https") }

// sharedSuffix returns the public suffix (com, co.uk, github.io,
// vercel.app, …) every tenant of which the pattern admits, or "".
// Private-network suffixes (.local, .internal, .lan, .localhost) are not
// counted here.
func (u URLScope) sharedSuffix() string {
	labels := strings.Split(u.sample, ".")
	for i := len(labels) - 1; i >= 1; i-- {
		suffix := strings.Join(labels[i:], ".")
		// An unlisted TLD comes back as its own suffix, not ICANN's.
		ps, icann := publicsuffix.PublicSuffix(suffix)
		if ps != suffix || !icann && !strings.Contains(ps, ".") || internalName("x."+suffix) {
			continue
		}
		if u.admitsAny(webSchemes, []string{"tauriaudit-a." + suffix}) && u.admitsAny(webSchemes, []string{"tauriaudit-b." + suffix}) {
			return suffix
		}
	}
	return ""
}

// overbroad explains why a pattern admits arbitrary sites, or "".
func (u URLScope) overbroad() string {
	switch {
	case !u.web():
		return "" // custom protocols are the app's own (rules.md §0.3(5))
	case u.anyHost() && u.widened != "":
		return u.widened + ", so it is taken to match every host"
	case u.anyHost():
		return "matches every host"
	case u.anyScheme() && !u.loopback():
		return "matches any scheme, plain http included"
	case u.sharedSuffix() != "":
		return "matches every site under the public suffix ." + u.sharedSuffix()
	}
	return ""
}

// loopback reports a pattern that admits a host on this machine that is
// not one of Tauri's own origins: localhost, 127.0.0.0/8, [::1], 0.0.0.0,
// or any name under .localhost. A single <name>.localhost is the Windows
// form of a custom protocol (rules.md §0.3(5)) and does not count.
func (u URLScope) loopback() bool {
	return !u.anyHost() && u.admitsAny(webSchemes, loopbackHosts)
}

// internal reports a pattern that admits a private-network host.
func (u URLScope) internal() bool {
	if u.anyHost() {
		return false
	}
	if u.admitsAny(webSchemes, internalHosts) {
		return true
	}
	return internalName(u.sample) && u.admitsAny(webSchemes, []string{u.sample})
}

// plaintext reports a pattern that admits http:// or ws:// to a host
// that is not on this machine.
func (u URLScope) plaintext() bool {
	plain := []string{"http", "ws"}
	if u.admitsAny(plain, foreignHosts) || u.admitsAny(plain, []string{"10.0.0.1", "192.168.1.1", "169.254.169.254"}) {
		return true
	}
	return u.sample != "" && !loopbackName(u.sample) && u.admitsAny(plain, []string{u.sample})
}

// suffixWildcard reports a wildcard that extends a hostname label without
// a dot boundary (TA-SCP-018): the pattern admits a host that glues text
// to the front or the back of its written name ("evilexample.com",
// "example.com.attacker.example", "api.example.attacker"). A leading
// "*." or "{*.}?" keeps the boundary.
func (u URLScope) suffixWildcard() bool {
	if u.anyHost() {
		return false
	}
	name := strings.Trim(sampleWith(dnsSized(u.Host), ""), ".")
	if name == "" {
		return false // nothing to glue to, or no host has that name
	}
	probes := gluedHosts(name)
	return u.admitsAny(webSchemes, probes) || u.admitsAny([]string{"x-tauriaudit-probe"}, probes) && !u.web()
}

// gluedHosts are look-alikes of name: text glued to its front or back
// without a dot, or a foreign domain after it, each also under a
// subdomain (for patterns that require one, as "*.name.*" does).
func gluedHosts(name string) []string {
	var out []string
	for _, pre := range []string{"", "www."} {
		out = append(out, pre+"tauriauditevil"+name, pre+name+"tauriauditevil", pre+name+".tauriauditevil",
			pre+name+".tauriaudit-evil.example")
	}
	return out
}

// maxDNSName is the longest name DNS resolves (RFC 1035: 253 bytes
// written out). A hostname pattern whose fixed text is longer admits no
// host on the network; probing with its sample would cost time that grows
// with the square of its length.
const maxDNSName = 253

// dnsSized returns the hostname pattern when its fixed text fits in a DNS
// name, else the pattern without its optional parts when that fits, else
// "" (no host on the network matches it). A pattern with a regexp group is
// kept whole: a sample takes a regexp's first alternative, and another may
// be short.
func dnsSized(host string) string {
	for _, h := range []string{host, withoutOptionalParts(host)} {
		if len(sampleWith(h, "")) <= maxDNSName {
			return h
		}
	}
	if strings.Contains(host, "(") {
		return host
	}
	return ""
}

// withoutOptionalParts drops the parts of a component pattern that may
// match nothing: a group, named group or wildcard followed by "?" or "*".
func withoutOptionalParts(pat string) string {
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		end := i
		switch c := pat[i]; {
		case c == '\\' && i+1 < len(pat):
			b.WriteString(pat[i : i+2])
			i++
			continue
		case c == '{':
			end = closingBrace(pat, i)
		case c == '(':
			end = skipGroup(pat, i)
		case c == ':' && i+1 < len(pat) && isNameByte(pat[i+1]):
			for end+1 < len(pat) && isNameByte(pat[end+1]) {
				end++
			}
			if end+1 < len(pat) && pat[end+1] == '(' {
				end = skipGroup(pat, end+1)
			}
		}
		if end+1 < len(pat) && (pat[end+1] == '?' || pat[end+1] == '*') {
			i = end + 1
			continue
		}
		b.WriteString(pat[i:min(end+1, len(pat))])
		i = min(end, len(pat))
	}
	return b.String()
}

// closingBrace returns the index of the "}" closing the one at i, or
// len(pat).
func closingBrace(pat string, i int) int {
	for j := i + 1; j < len(pat); j++ {
		switch pat[j] {
		case '\\':
			j++
		case '}':
			return j
		}
	}
	return len(pat)
}

// sampleHost builds a host the pattern admits from its hostname
// component (see sample); it is kept only when the pattern admits it.
func (u URLScope) sampleHost(host string) string {
	if host = dnsSized(host); host == "" {
		return "" // no host on the network has such a name
	}
	h := sample(host)
	for _, s := range append(webSchemes, "x-tauriaudit-probe") {
		if h != "" && u.Admits(s, h) {
			return h
		}
	}
	return ""
}

// sample fills a URLPattern component with one string it may match:
// wildcards and named groups become a probe label, a regexp group its
// first alternative when that is plain text, optional and group syntax is
// dropped, escapes are resolved. Callers keep the result only when the
// compiled pattern matches it.
func sample(pat string) string { return sampleWith(pat, "tauriaudit-probe") }

// sampleWith is sample with the given fill for wildcards.
func sampleWith(pat, fill string) string {
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '\\' && i+1 < len(pat):
			i++
			b.WriteByte(pat[i])
		case c == '*':
			b.WriteString(fill)
		case c == ':' && i+1 < len(pat) && isNameByte(pat[i+1]):
			for i+1 < len(pat) && isNameByte(pat[i+1]) {
				i++
			}
			b.WriteString(fill)
			if i+1 < len(pat) && pat[i+1] == '(' {
				i = skipGroup(pat, i+1)
			}
		case c == '(':
			end := skipGroup(pat, i)
			b.WriteString(regexpSample(pat[i+1:end], fill))
			i = end
		case strings.IndexByte("{}?+", c) >= 0:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// skipGroup returns the index of the ')' closing the group opened at i,
// or len(pat) when none does.
func skipGroup(pat string, i int) int {
	depth := 0
	for j := i; j < len(pat); j++ {
		switch pat[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(pat)
}

// regexpSample is the first alternative of a regexp when it is plain
// text (escapes resolved), else the fill.
func regexpSample(rx, fill string) string {
	first, _, _ := strings.Cut(rx, "|")
	var b strings.Builder
	for i := 0; i < len(first); i++ {
		c := first[i]
		if c == '\\' && i+1 < len(first) {
			i++
			b.WriteByte(first[i])
			continue
		}
		if strings.IndexByte(".*+?[]{}()^$", c) >= 0 {
			return fill
		}
		b.WriteByte(c)
	}
	return b.String()
}

// loopbackName reports a host on this machine.
func loopbackName(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && (ip.IsLoopback() || ip.IsUnspecified())
}

// internalName reports a private-network name or address (rules.md
// §0.4): loopback, link-local (cloud metadata), RFC 1918 / ULA, or the
// .local, .internal and .lan names.
func internalName(h string) bool {
	if h == "" {
		return false
	}
	if loopbackName(h) {
		return true
	}
	l := strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
	for _, s := range []string{".local", ".internal", ".lan"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	ip, err := netip.ParseAddr(l)
	return err == nil && (ip.IsPrivate() || ip.IsLinkLocalUnicast())
}

// Web reports whether the pattern can match web pages: http(s) or ws(s).
func (u URLScope) Web() bool { return u.v.web }

// AnyHost reports a pattern that admits every host on some web scheme.
func (u URLScope) AnyHost() bool { return u.v.anyHost }

// AnyScheme reports a protocol that admits schemes the app never
// registered as well as plain http.
func (u URLScope) AnyScheme() bool { return u.v.anyScheme }

// PlainAndTLS reports a protocol that admits both http and https.
func (u URLScope) PlainAndTLS() bool { return u.v.plainAndTLS }

// SharedSuffix returns the public suffix every tenant of which the
// pattern admits, or "".
func (u URLScope) SharedSuffix() string { return u.v.sharedSuffix }

// Overbroad explains why a pattern admits arbitrary sites, or "".
func (u URLScope) Overbroad() string { return u.v.overbroad }

// Loopback reports a pattern that admits a host on this machine that is
// not one of Tauri's own origins.
func (u URLScope) Loopback() bool { return u.v.loopback }

// Internal reports a pattern that admits a private-network host.
func (u URLScope) Internal() bool { return u.v.internal }

// Plaintext reports a pattern that admits http:// or ws:// to a host
// that is not on this machine.
func (u URLScope) Plaintext() bool { return u.v.plaintext }

// SuffixWildcard reports a wildcard that extends a hostname label without
// a dot boundary (TA-SCP-018).
func (u URLScope) SuffixWildcard() bool { return u.v.suffixWild }
