package csp

import (
	"net/netip"
	"strings"
)

// tauriSchemes are the protocols Tauri itself registers.
var tauriSchemes = []string{"tauri", "ipc", "asset"}

// networkSchemes are the schemes whose resources come over the network.
// Every other scheme a policy can name is either local to the webview
// (data:, blob:) or a protocol the app serves from Rust.
var networkSchemes = []string{"http", "https", "ws", "wss", "ftp"}

// IsNetworkScheme reports whether scheme (lower-case, no colon) fetches
// over the network.
func IsNetworkScheme(scheme string) bool {
	for _, s := range networkSchemes {
		if scheme == s {
			return true
		}
	}
	return false
}

// IsTauriLocal reports whether a scheme and host name an origin Tauri
// serves itself (rules.md §0.3 item 5): tauri://localhost, ipc:, asset:
// and <custom>://localhost, or their Windows/Android spelling
// http(s)://<scheme>.localhost. custom lists the app's own protocols; an
// empty host stands for a scheme-source such as "ipc:".
func IsTauriLocal(scheme, host string, custom []string) bool {
	scheme, host = strings.ToLower(scheme), strings.ToLower(strings.TrimSuffix(host, "."))
	local := func(s string) bool {
		for _, t := range tauriSchemes {
			if s == t {
				return true
			}
		}
		for _, c := range custom {
			if s == strings.ToLower(c) {
				return true
			}
		}
		return false
	}
	switch scheme {
	case "http", "https":
		sub, ok := strings.CutSuffix(host, ".localhost")
		return ok && local(sub)
	case "":
		return false
	}
	return local(scheme) && (host == "" || host == "localhost")
}

// IsLoopbackHost reports whether host (brackets and a trailing dot
// allowed) is this machine: localhost and its subdomains (RFC 6761 makes
// webviews resolve them to loopback), 127.0.0.0/8 and ::1.
func IsLoopbackHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.IsLoopback()
}

// Local reports whether s only ever matches resources that do not come
// from another machine: Tauri-local origins, loopback hosts, and schemes
// that are not network schemes (data:, blob:, custom protocols).
func (s *Source) Local(custom []string) bool {
	switch s.Kind {
	case Scheme:
		return !IsNetworkScheme(s.Scheme)
	case Host:
		if s.Scheme != "" && !IsNetworkScheme(s.Scheme) {
			return true
		}
		return IsTauriLocal(s.Scheme, s.Host, custom) || IsLoopbackHost(strings.TrimPrefix(s.Host, "*."))
	}
	return false
}
