package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ActionKind says what a `uses:` value refers to.
type ActionKind string

// Kinds of `uses:` values.
const (
	ActionRepo   ActionKind = "repo"   // owner/repo[/path]@ref (actions and reusable workflows)
	ActionLocal  ActionKind = "local"  // ./path in the same repository
	ActionDocker ActionKind = "docker" // docker://image[:tag|@digest]
)

// RefKind classifies the reference after '@' (or a Docker tag/digest).
type RefKind string

// Reference kinds. Only RefSHA, RefDigest and local actions are
// immutable.
const (
	RefSHA      RefKind = "sha"       // full 40- (or 64-) hex commit id
	RefShortSHA RefKind = "short-sha" // 7–39 hex digits: not accepted by GitHub as a pin
	RefTag      RefKind = "tag"       // version-like: v4, v1.2.3, 2.9.1
	RefBranch   RefKind = "branch"    // anything else: main, stable, releases/v1
	RefNone     RefKind = "none"      // no @ref (or a Docker image without tag)
	RefDigest   RefKind = "digest"    // Docker @sha256:<64 hex>
)

// ActionRef is a parsed `uses:` value.
type ActionRef struct {
	Raw     string
	Kind    ActionKind
	Owner   string // repo actions
	Repo    string
	Path    string // sub-directory or workflow file inside the repository
	Ref     string // after '@' (Docker: the tag or "sha256:…" digest)
	RefKind RefKind
	Image   string // Docker image without tag/digest
	// Comment is the line comment after the value, such as "# v4.1.0",
	// which pinning tools write next to a SHA.
	Comment string
	Loc     source.Location
}

var versionLike = lazyre.New(`^v?\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]*)?$`)

// ParseActionRef parses a `uses:` value.
func ParseActionRef(s string) *ActionRef {
	a := &ActionRef{Raw: s}
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "./") || strings.HasPrefix(t, ".\\") || t == ".":
		a.Kind, a.Path, a.RefKind = ActionLocal, t, RefNone
	case strings.HasPrefix(t, "docker://"):
		a.Kind = ActionDocker
		parseDockerRef(a, strings.TrimPrefix(t, "docker://"))
	default:
		a.Kind = ActionRepo
		spec, ref, _ := strings.Cut(t, "@")
		parts := strings.SplitN(spec, "/", 3)
		a.Owner = parts[0]
		if len(parts) > 1 {
			a.Repo = parts[1]
		}
		if len(parts) > 2 {
			a.Path = parts[2]
		}
		a.Ref, a.RefKind = ref, classifyGitRef(ref)
	}
	return a
}

func classifyGitRef(ref string) RefKind {
	switch {
	case ref == "":
		return RefNone
	case IsFullSHA(ref):
		return RefSHA
	case len(ref) >= 7 && len(ref) < 40 && IsHex(ref) && !versionLike.MatchString(ref):
		return RefShortSHA
	case versionLike.MatchString(ref):
		return RefTag
	}
	return RefBranch
}

// parseDockerRef splits "image[:tag][@sha256:digest]".
func parseDockerRef(a *ActionRef, s string) {
	img, digest, hasDigest := strings.Cut(s, "@")
	if hasDigest {
		a.Image, a.Ref = img, digest
		if alg, hex, _ := strings.Cut(digest, ":"); alg == "sha256" && len(hex) == 64 && IsHex(hex) {
			a.RefKind = RefDigest
		} else {
			a.RefKind = RefBranch
		}
		return
	}
	// A tag follows the last ':' after the last '/' (a registry host may
	// carry a port: "host:5000/img:tag").
	slash := strings.LastIndexByte(img, '/')
	if i := strings.LastIndexByte(img, ':'); i > slash {
		a.Image, a.Ref, a.RefKind = img[:i], img[i+1:], RefTag
		return
	}
	a.Image, a.RefKind = img, RefNone
}

// Pinned reports whether the reference is immutable: a full commit SHA,
// a Docker digest, or an action in the same repository.
func (a *ActionRef) Pinned() bool {
	return a.Kind == ActionLocal || a.RefKind == RefSHA || a.RefKind == RefDigest
}

// Name returns "owner/repo" for repository actions ("" otherwise), in
// lower case: GitHub owner and repository names are case-insensitive.
func (a *ActionRef) Name() string {
	if a.Kind != ActionRepo {
		return ""
	}
	return strings.ToLower(a.Owner + "/" + a.Repo)
}

// Is reports whether the action is owner/repo (case-insensitive), with
// any sub-path and reference.
func (a *ActionRef) Is(ownerRepo string) bool {
	return a != nil && a.Name() == strings.ToLower(ownerRepo)
}
