package checks

import (
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// urlShape is what a URL pattern admits, read from its protocol and
// hostname components. remote.urls and http plugin scopes are URLPattern
// strings (tauri-acl §9.4): they are compiled as Tauri compiles them, so
// a relative pattern such as "*" or "/api/*" admits any scheme and host.
type urlShape struct {
	Raw      string
	Protocol string // compiled protocol component ("https", "*", "http*")
	Host     string // compiled hostname component ("*.example.com")
	Port     string // compiled port component ("" = default port only)
}

// parseURLShape compiles a URLPattern; ok is false when it does not
// compile (TA-ACL-010 reports that when Tauri would).
func parseURLShape(s string) (urlShape, bool) {
	p, err := capabilities.CompileRemoteURL(s)
	if err != nil {
		return urlShape{}, false
	}
	// An IPv6 host escapes its colons in a pattern: [\:\:1].
	host := strings.ReplaceAll(p.Hostname(), `\:`, ":")
	return urlShape{Raw: s, Protocol: p.Protocol(), Host: host, Port: p.Port()}, true
}

// allWild reports whether a component is made of wildcards only.
func allWild(c string) bool {
	return c != "" && strings.Trim(c, "*") == "" || c == "(.*)"
}

// schemeCan reports whether the protocol component admits scheme.
func schemeCan(protocol, scheme string) bool {
	if !strings.ContainsAny(protocol, "*(){}?+") {
		return protocol == scheme
	}
	rx := "^" + strings.ReplaceAll(regexp.QuoteMeta(protocol), `\*`, ".*") + "$"
	ok, _ := regexp.MatchString(rx, scheme)
	return ok
}

// web reports whether the pattern can match web pages: http(s) or ws(s).
func (u urlShape) web() bool {
	for _, s := range []string{"http", "https", "ws", "wss"} {
		if schemeCan(u.Protocol, s) {
			return true
		}
	}
	return false
}

// wildScheme reports a protocol that is not one literal scheme.
func (u urlShape) wildScheme() bool { return strings.ContainsAny(u.Protocol, "*(){}?+") }

// anyHost reports a hostname that matches every host.
func (u urlShape) anyHost() bool { return allWild(u.Host) }

// sharedSuffix returns the suffix when the hostname is "*.<suffix>" over a
// public suffix (com, co.uk, github.io, vercel.app...): every tenant of
// it matches. Private-network suffixes (.local, .internal, .lan,
// .localhost) are not counted here.
func (u urlShape) sharedSuffix() string {
	rest, ok := strings.CutPrefix(u.Host, "*.")
	if !ok || rest == "" || strings.ContainsAny(rest, "*(){}?+:") || isInternalHost("x."+rest) {
		return ""
	}
	if ps, _ := publicsuffix.PublicSuffix(rest); ps == rest {
		return rest
	}
	return ""
}

// overbroad explains why a pattern admits arbitrary sites, or "".
func (u urlShape) overbroad() string {
	switch {
	case !u.web():
		return "" // custom protocols are the app's own (rules.md §0.3(5))
	case u.anyHost():
		return "matches every host"
	case u.wildScheme() && !u.loopback():
		return "matches any scheme, plain http included"
	case u.sharedSuffix() != "":
		return "matches every site under the public suffix ." + u.sharedSuffix()
	}
	return ""
}

// loopback reports a hostname on this machine that is not one of Tauri's
// own origins: localhost, 127.0.0.0/8, [::1], 0.0.0.0, or a wildcard
// over .localhost. A literal <name>.localhost is taken as the Windows form
// of a custom protocol (rules.md §0.3(5)).
func (u urlShape) loopback() bool {
	h := strings.ToLower(u.Host)
	if h == "*.localhost" {
		return true
	}
	if strings.HasSuffix(h, ".localhost") || strings.ContainsAny(h, "*(){}?+") {
		return false
	}
	return isLoopbackHost(h)
}

// internal reports a private-network hostname: loopback, link-local,
// RFC 1918, or a name under .local, .internal or .lan (wildcards over
// those included).
func (u urlShape) internal() bool {
	h := strings.TrimPrefix(strings.ToLower(u.Host), "*.")
	if strings.ContainsAny(h, "*(){}?+") || h == "" {
		return false
	}
	if u.Host != h {
		h = "x." + h
	}
	return isInternalHost(h)
}

// plaintext reports a pattern that admits http:// or ws:// to a host
// that is not loopback.
func (u urlShape) plaintext() bool {
	return (schemeCan(u.Protocol, "http") || schemeCan(u.Protocol, "ws")) && !u.loopback() &&
		!(strings.HasSuffix(strings.ToLower(u.Host), ".localhost") && !strings.Contains(u.Host, "*"))
}

// hostSuffixWildcard reports a wildcard that touches a hostname label
// without a dot boundary (TA-SCP-018): "example.com*", "*example.com",
// "api.example.*". Only a leading "*." is a safe subdomain wildcard.
func hostSuffixWildcard(host string) bool {
	if host == "" || allWild(host) {
		return false
	}
	rest := strings.TrimPrefix(host, "*.")
	return strings.Contains(rest, "*")
}

// rawHost returns the host part of a URL or URL glob as written,
// without port or user info: "https://*.example.com:*/x" → "*.example.com".
func rawHost(s string) string {
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

// rawScheme returns the scheme of a URL or URL glob as written.
func rawScheme(s string) string {
	if i := strings.Index(s, ":"); i > 0 {
		return strings.ToLower(s[:i])
	}
	return ""
}
