package checks

import (
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/weburl"
)

// parseAbsURL parses s as an absolute URL with a scheme, as rust-url
// does (weburl.Parse: "https:evil.example" is https://evil.example/), or
// returns nil. App paths such as "index.html" or "/ui" are not URLs.
func parseAbsURL(s string) *url.URL {
	u := weburl.Parse(s)
	// "c:/dist" is a Windows path, not a URL with scheme "c".
	if u == nil || len(u.Scheme) < 2 {
		return nil
	}
	return u
}

// isHTTP reports whether u uses http or https.
func isHTTP(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https")
}

// tauriHosts are the http(s) hosts Tauri serves its own protocols on under
// Windows and Android (spec §0.3(5)).
var tauriHosts = map[string]bool{"tauri.localhost": true, "ipc.localhost": true, "asset.localhost": true}

// isTauriLocal reports whether u is an origin Tauri itself serves: the
// tauri/ipc/asset protocols in either spelling, or any custom protocol
// (`myproto://...`), which the app registers and serves from Rust
// (spec §0.3(5)). Such origins are never remote and never plaintext.
func isTauriLocal(u *url.URL) bool {
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

// isLoopbackHost reports whether host (no port, brackets allowed) names
// this machine: localhost, *.localhost, 127.0.0.0/8, ::1 or 0.0.0.0.
func isLoopbackHost(host string) bool {
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

// isInternalHost reports whether host is a private-network name or address
// (spec §0.4): loopback, link-local (cloud metadata), RFC 1918 / ULA, or
// the .local, .internal and .lan names.
func isInternalHost(host string) bool {
	if isLoopbackHost(host) {
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

// isRemoteHTTP reports whether s is an http(s) URL for a host other than a
// Tauri-local origin. Loopback hosts count as remote here: Tauri treats
// them as foreign origins, and any local process can serve them.
func isRemoteHTTP(s string) bool {
	u := parseAbsURL(s)
	return isHTTP(u) && u.Host != "" && !isTauriLocal(u)
}

// isPlaintextRemote reports whether s is an http:// (or ws://) URL whose
// traffic leaves the machine: not loopback and not a Tauri-local origin.
func isPlaintextRemote(s string) bool {
	u := parseAbsURL(s)
	if u == nil || (u.Scheme != "http" && u.Scheme != "ws") || u.Host == "" {
		return false
	}
	return !isTauriLocal(u) && !isLoopbackHost(u.Hostname())
}

// sameOrigin reports whether a and b share scheme, host and port, the test
// Tauri's is_local_url applies (url::Url::make_relative) to decide that a
// page belongs to frontendDist.
func sameOrigin(a, b *url.URL) bool {
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
