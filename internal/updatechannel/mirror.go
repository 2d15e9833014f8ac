package updatechannel

import "strings"

// proxyHosts are public GitHub mirrors and download proxies run by third
// parties (mostly to reach GitHub from mainland China), written by us from
// the services' own pages and public lists of GitHub accelerators. The
// list is only a supplement: any host whose path carries a GitHub URL
// ("/https://github.com/...") is read as a proxy too.
var proxyHosts = []string{
	"ghproxy.com", "mirror.ghproxy.com", "ghproxy.net", "gh-proxy.com", "ghfast.top", "ghps.cc",
	"gh.api.99988866.xyz", "gh.ddlc.top", "github.moeyy.xyz", "hub.gitmirror.com", "raw.gitmirror.com",
	"download.fastgit.org", "hub.fastgit.org", "hub.fastgit.xyz", "raw.fastgit.org", "kkgithub.com",
	"bgithub.xyz", "gitclone.com",
}

// proxyNameParts mark a proxy by its host name alone.
var proxyNameParts = []string{"ghproxy", "gh-proxy", "fastgit", "gitmirror", "githubproxy"}

// cdnHosts serve files of a GitHub repository under /gh/OWNER/REPO@REF/.
var cdnHosts = map[string]string{
	"cdn.jsdelivr.net": "jsDelivr", "fastly.jsdelivr.net": "jsDelivr", "gcore.jsdelivr.net": "jsDelivr",
	"testingcf.jsdelivr.net": "jsDelivr", "quantil.jsdelivr.net": "jsDelivr", "cdn.statically.io": "Statically",
}

// mirrored classifies hosts that serve someone else's files: CDNs in
// front of a repository (a Branch when the ref moves) and proxies.
func mirrored(host string, segs []string) (Endpoint, bool) {
	if cdn, ok := cdnHosts[host]; ok {
		return cdnFile(cdn, segs), true
	}
	if isProxyHost(host) || len(segs) > 0 && carriesGitHubURL(segs) {
		return Endpoint{Kind: Proxy, Via: host}, true
	}
	return Endpoint{}, false
}

func isProxyHost(host string) bool {
	for _, h := range proxyHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	for _, p := range proxyNameParts {
		if strings.Contains(host, p) {
			return true
		}
	}
	return false
}

// carriesGitHubURL: the path starts with a GitHub URL, with or without
// its scheme ("/https://github.com/…", "/github.com/…").
func carriesGitHubURL(segs []string) bool {
	first := strings.ToLower(segs[0])
	if (first == "https:" || first == "http:") && len(segs) > 1 {
		first = strings.ToLower(segs[1])
	}
	return first == "github.com" || strings.HasSuffix(first, ".githubusercontent.com")
}

// cdnFile classifies gh/OWNER/REPO[@REF]/FILE on a CDN: no ref or a
// branch moves with the repository; a pinned ref is still served by the
// CDN, a third party.
func cdnFile(cdn string, segs []string) Endpoint {
	if len(segs) < 3 || segs[0] != "gh" {
		return Endpoint{Kind: Proxy, Via: cdn}
	}
	repo, ref, hasRef := strings.Cut(segs[2], "@")
	if cdn == "Statically" && len(segs) > 3 { // gh/OWNER/REPO/REF/FILE
		ref, hasRef = segs[3], true
	}
	if !hasRef || MutableRef(ref) {
		return Endpoint{Kind: Branch, Repo: segs[1] + "/" + repo, Ref: ref, Via: cdn}
	}
	return Endpoint{Kind: Proxy, Repo: segs[1] + "/" + repo, Via: cdn}
}
