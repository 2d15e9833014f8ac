package capabilities

import (
	"net/url"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ChannelFetch is the command every caller may invoke (tauri-acl §9.1).
const ChannelFetch = "plugin:__TAURI_CHANNEL__|fetch"

// Origin is where an IPC call comes from (tauri-acl §9.1).
type Origin struct {
	Remote bool
	// URL is the URL tested against remote patterns: usually the request's
	// Origin header (tauri-acl §9.4).
	URL string
}

// LocalOrigin is the app's own origin.
func LocalOrigin() Origin { return Origin{} }

// RemoteOrigin is a remote origin with the given URL.
func RemoteOrigin(url string) Origin { return Origin{Remote: true, URL: url} }

// ResolveAccess matches one IPC call as Tauri's runtime authority does
// (tauri-acl §9.2): a command that any capability denies is refused for
// every caller, whatever its origin, window or webview; otherwise the
// allowed entries whose context matches the origin and whose webview or
// window patterns match the labels are returned. nil means refused.
func (r *Resolved) ResolveAccess(cmd, window, webview string, o Origin) []*Grant {
	// tauri-acl §9.2, §13.1: the deny check ignores origin and labels.
	if _, denied := r.Denied[cmd]; denied {
		return nil
	}
	var hits []*Grant
	for _, g := range r.Allowed[cmd] {
		if g.Context.matches(o) && (anyMatch(g.Webviews, webview) || anyMatch(g.Windows, window)) {
			hits = append(hits, g)
		}
	}
	return hits
}

func (c Context) matches(o Origin) bool {
	if c.Remote == nil || !o.Remote {
		return c.Remote == nil && !o.Remote
	}
	return c.Remote.Test(o.URL)
}

func anyMatch(globs []*Glob, label string) bool {
	return slices.ContainsFunc(globs, func(g *Glob) bool { return g.Match(label) })
}

// CommandScopes returns the command scopes of the matched entries, in
// order: what CommandScope<T> hands a command (tauri-acl §9.6).
func (r *Resolved) CommandScopes(hits []*Grant) []*CommandScope {
	var out []*CommandScope
	for _, g := range hits {
		if s := r.Scopes[g.ScopeID]; g.ScopeID != 0 && s != nil {
			out = append(out, s)
		}
	}
	return out
}

// ACLChecked reports whether Tauri consults the ACL for a call
// (tauri-acl §9.1): always for plugin commands; for app commands only when
// the app manifest exists, or, from tauri 2.11.1, when the origin is
// remote. The channel fetch command is never checked.
func ACLChecked(cmd string, hasAppManifest bool, o Origin, v Version) bool {
	if cmd == ChannelFetch {
		return false
	}
	if strings.HasPrefix(cmd, "plugin:") || hasAppManifest {
		return true
	}
	return o.Remote && v.AtLeast("2.11.1")
}

// Allows is the runtime decision for one call: true when the ACL is not
// consulted or when it matches.
func (r *Resolved) Allows(cmd, window, webview string, o Origin, v Version) bool {
	if !ACLChecked(cmd, r.HasApp, o, v) {
		return true
	}
	return len(r.ResolveAccess(cmd, window, webview, o)) > 0
}

// LocalConfig is what decides whether a URL is the app's own origin.
type LocalConfig struct {
	Platform source.Platform
	Version  Version
	// UseHTTPSScheme is app.windows[].useHttpsScheme (Windows, Android).
	UseHTTPSScheme bool
	// FrontendURL is devUrl for a dev build, or frontendDist when it is a
	// URL in a production build; "" otherwise.
	FrontendURL string
	// URISchemes are the custom URI scheme protocols the app and its
	// plugins register.
	URISchemes []string
}

// protocolScheme is the scheme of the app's protocol URL.
func (c LocalConfig) protocolScheme() string {
	if !windowsLike(c.Platform) {
		return "tauri"
	}
	if c.UseHTTPSScheme {
		return "https"
	}
	return "http"
}

func (c LocalConfig) protocolHost() string {
	if windowsLike(c.Platform) {
		return "tauri.localhost"
	}
	return "localhost"
}

// windowsLike: Windows and Android serve custom protocols over
// http(s)://<name>.localhost.
func windowsLike(p source.Platform) bool { return p == source.Windows || p == source.Android }

// IsLocalURL reports whether Tauri treats a URL as the local origin
// (tauri-acl §9.5): the app protocol URL, the same scheme, host and port
// as the frontend URL (or the protocol URL), or a registered custom
// scheme.
func IsLocalURL(raw string, c LocalConfig) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	// (a) the protocol URL. Since 2.1 the Windows/Android check takes the
	// scheme from the tested URL, so https://tauri.localhost counts too.
	if host == c.protocolHost() && (u.Scheme == c.protocolScheme() || windowsLike(c.Platform) && c.Version.AtLeast("2.1.0")) {
		return true
	}
	// (b) url::Url::make_relative succeeds: same scheme, host and port.
	base := c.FrontendURL
	if base == "" {
		base = c.protocolScheme() + "://" + c.protocolHost()
	}
	if b, err := url.Parse(base); err == nil && b.Scheme == u.Scheme &&
		strings.EqualFold(b.Hostname(), host) && effectivePort(b) == effectivePort(u) {
		return true
	}
	// (c) a registered custom scheme.
	if !windowsLike(c.Platform) {
		return slices.Contains(c.URISchemes, u.Scheme)
	}
	label, _, _ := strings.Cut(host, ".")
	if u.Scheme != c.protocolScheme() || !slices.Contains(c.URISchemes, label) {
		return false
	}
	return !c.Version.AtLeast("2.11.1") || strings.HasSuffix(host, ".localhost")
}

// effectivePort is the explicit port, with a scheme's default port
// written as none (as the url crate reports it).
func effectivePort(u *url.URL) string {
	p := u.Port()
	if def := map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}[u.Scheme]; p == def {
		return ""
	}
	return p
}
