// Package updatechannel says who controls a Tauri updater endpoint. The
// updater (tauri-plugin-updater) fetches the JSON manifest from the first
// endpoint that answers, replaces {{current_version}}, {{target}} and
// {{arch}} anywhere in the URL, and verifies only the minisign signature
// of the downloaded artifact: the manifest itself (version, download URL)
// is unsigned. Whoever controls the manifest can therefore hold updates
// back, or relabel an older signed build as the newest version and roll
// users back to it. This package classifies endpoints by who that is; it
// knows nothing of rules.
package updatechannel

import (
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/weburl"
)

// Kind is who controls an endpoint's manifest.
type Kind int

// Endpoint kinds.
const (
	// Unclassified: a host of the app's own, or nothing to say.
	Unclassified Kind = iota
	// Release: a GitHub release asset of the app's repository.
	Release
	// Branch: a file on a mutable branch (raw.githubusercontent.com,
	// github.com/…/raw/…, gist raw without revision, jsDelivr @branch).
	Branch
	// Proxy: a third-party mirror or proxy in front of GitHub.
	Proxy
	// ForeignRepo: GitHub releases of a repository the app's owner does
	// not own.
	ForeignRepo
	// Unrecognised: a host that cannot be tied to the app's owner,
	// repository, identifier, product name or publisher.
	Unrecognised
)

// Endpoint is a classified updater endpoint.
type Endpoint struct {
	Kind Kind
	// Repo is "owner/repo" for GitHub-hosted files; Ref the branch of a
	// Branch endpoint ("" for a gist's or a default branch).
	Repo, Ref string
	// Via names the host that serves it: the proxy, CDN or other host.
	Via string
}

// Classify classifies endpoint s for an app of identity id. An endpoint
// that does not parse, is not http(s), or has a placeholder in its host
// (see Placeholders) is Unclassified.
func Classify(s string, id *Identity) Endpoint {
	if hostTemplated(s) {
		return Endpoint{}
	}
	u := weburl.Parse(fillPlaceholders(s))
	if u == nil || u.Scheme != "https" && u.Scheme != "http" || u.Hostname() == "" {
		return Endpoint{}
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	segs := pathSegments(u)
	if e, ok := gitHosted(host, segs, u); ok {
		if e.Kind == Release && !id.OwnsRepo(e.Repo) {
			e.Kind = ForeignRepo
		}
		return e
	}
	if e, ok := mirrored(host, segs); ok {
		return e
	}
	if id.Known() && !id.OwnsHost(host) {
		return Endpoint{Kind: Unrecognised, Via: host}
	}
	return Endpoint{}
}

// pathSegments splits the URL's path, unescaped, without empty segments.
func pathSegments(u *url.URL) []string {
	var out []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
