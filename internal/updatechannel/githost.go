package updatechannel

import (
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// gitHosted classifies files served by a git host itself: GitHub release
// assets, and raw files of a branch, a gist, a GitLab or Gitee repository.
func gitHosted(host string, segs []string, u *url.URL) (Endpoint, bool) {
	switch host {
	case "github.com", "gitee.com":
		if len(segs) < 4 {
			return Endpoint{}, true
		}
		repo := segs[0] + "/" + segs[1]
		switch {
		case segs[2] == "releases" && (segs[3] == "download" || segs[3] == "latest"):
			return Endpoint{Kind: Release, Repo: repo, Via: host}, true
		case segs[2] == "raw", segs[2] == "blob" && host == "github.com" && u.Query().Get("raw") == "true":
			return branchFile(repo, segs[3:], host), true
		}
		return Endpoint{}, true
	case "raw.githubusercontent.com":
		if len(segs) < 4 {
			return Endpoint{}, true
		}
		return branchFile(segs[0]+"/"+segs[1], segs[2:], host), true
	case "gist.githubusercontent.com", "gist.github.com":
		// USER/ID/raw/[REVISION/]FILE: without a revision, the newest.
		if len(segs) >= 4 && segs[2] == "raw" && !(len(segs) >= 5 && isCommitID(segs[3])) {
			return Endpoint{Kind: Branch, Repo: "gist " + segs[0] + "/" + segs[1], Via: host}, true
		}
		return Endpoint{}, true
	case "gitlab.com":
		// GROUP/…/PROJECT/-/raw/REF/FILE
		for i, s := range segs {
			if s == "-" && i+2 < len(segs) && segs[i+1] == "raw" {
				return branchFile(strings.Join(segs[:i], "/"), segs[i+2:], host), true
			}
		}
		return Endpoint{}, true
	case "objects.githubusercontent.com", "release-assets.githubusercontent.com", "api.github.com":
		return Endpoint{}, true
	}
	return Endpoint{}, false
}

// branchFile classifies REF/FILE... of repo: a branch (also spelled
// refs/heads/NAME) is mutable; a tag (refs/tags/NAME, or version-like)
// or a commit id is not.
func branchFile(repo string, rest []string, via string) Endpoint {
	ref := rest[0]
	if ref == "refs" && len(rest) > 2 {
		if rest[1] != "heads" {
			return Endpoint{}
		}
		ref = rest[2]
	} else if !MutableRef(ref) {
		return Endpoint{}
	}
	return Endpoint{Kind: Branch, Repo: repo, Ref: ref, Via: via}
}

var (
	versionLike = lazyre.New(`^v?\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]*)?$`)
	hexID       = lazyre.New(`^[0-9a-fA-F]+$`)
)

// isCommitID: a full SHA-1 or SHA-256 commit id.
func isCommitID(s string) bool { return (len(s) == 40 || len(s) == 64) && hexID.MatchString(s) }

// MutableRef reports whether a git ref names something that moves: not
// a commit id (full, or 7+ hex digits) and not a version-like tag.
func MutableRef(ref string) bool {
	if isCommitID(ref) || len(ref) >= 7 && hexID.MatchString(ref) && !versionLike.MatchString(ref) {
		return false
	}
	return !versionLike.MatchString(ref)
}
