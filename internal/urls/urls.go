// Package urls classifies the URLs a Tauri config names (frontendDist,
// devUrl, window urls, updater endpoints): remote or Tauri-local,
// loopback, private network, plaintext. The predicates are shared by the
// config rules and the ACL view, so both judge a URL the same way.
package urls

import (
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/weburl"
)

// ParseAbsURL parses s as an absolute URL with a scheme, as rust-url
// does (weburl.Parse: "https:evil.example" is https://evil.example/), or
// returns nil. App paths such as "index.html" or "/ui" are not URLs.
func ParseAbsURL(s string) *url.URL {
	u := weburl.Parse(s)
	// "c:/dist" is a Windows path, not a URL with scheme "c".
	if u == nil || len(u.Scheme) < 2 {
		return nil
	}
	return u
}

// IsHTTP reports whether u uses http or https.
func IsHTTP(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https")
}

// tauriHosts are the http(s) hosts Tauri serves its own protocols on under
// Windows and Android (spec §0.3(5)).
var tauriHosts = map[string]bool{"tauri.localhost": true, "ipc.localhost": true, "asset.localhost": true}

// IsTauriLocal reports whether u is an origin Tauri itself serves: the
// tauri/ipc/asset protocols in either spelling, or any custom protocol
// (`myproto://...`), which the app registers and serves from Rust
// (spec §0.3(5)). Such origins are never remote and never plaintext.
func IsTauriLocal(u *url.URL) bool {
	if u == nil {
		return false
	}
	switch u.Scheme {
	case "http", "https", "ws", "wss":
		return tauriHosts[strings.ToLower(u.Hostname())]
	case "":
		return false
	}
	// Every other scheme is a Tauri or app-registered custom protocol; the
	// webview cannot fetch file:, data: or similar as an origin of its own.
	return true
}

// IsLoopbackHost reports whether host (no port, brackets allowed) names
// this machine: localhost, *.localhost, 127.0.0.0/8, ::1 or 0.0.0.0.
func IsLoopbackHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	return ip.IsLoopback() || ip.IsUnspecified()
}

// IsInternalHost reports whether host is a private-network name or address
// (spec §0.4): loopback, link-local (cloud metadata), RFC 1918 / ULA, or
// the .local, .internal and .lan names.
func IsInternalHost(host string) bool {
	if IsLoopbackHost(host) {
		return true
	}
	h := strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	for _, suf := range []string{".local", ".internal", ".lan"} {
		if strings.HasSuffix(h, suf) {
			return true
		}
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsPrivate() || ip.IsLinkLocalUnicast())
}

// IsRemoteHTTP reports whether s is an http(s) URL for a host other than a
// Tauri-local origin. Loopback hosts count as remote here: Tauri treats
// them as foreign origins, and any local process can serve them.
func IsRemoteHTTP(s string) bool {
	u := ParseAbsURL(s)
	return IsHTTP(u) && u.Host != "" && !IsTauriLocal(u)
}

// IsPlaintextRemote reports whether s is an http:// (or ws://) URL whose
// traffic leaves the machine: not loopback and not a Tauri-local origin.
func IsPlaintextRemote(s string) bool {
	u := ParseAbsURL(s)
	if u == nil || (u.Scheme != "http" && u.Scheme != "ws") || u.Host == "" {
		return false
	}
	return !IsTauriLocal(u) && !IsLoopbackHost(u.Hostname())
}

// SameOrigin reports whether a and b share scheme, host and port, the test
// Tauri's is_local_url applies (url::Url::make_relative) to decide that a
// page belongs to frontendDist.
func SameOrigin(a, b *url.URL) bool {
	return a != nil && b != nil && a.Scheme == b.Scheme &&
		strings.EqualFold(a.Hostname(), b.Hostname()) && effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch u.Scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}
