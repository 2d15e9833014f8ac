package deps

import (
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// SpecKind classifies a package.json dependency spec the way npm (and
// yarn/pnpm for their own protocols) reads it.
type SpecKind string

// Spec kinds.
const (
	SpecRange     SpecKind = "range"     // semver range or exact version, "" and "*" included
	SpecTag       SpecKind = "tag"       // dist-tag: latest, next, beta…
	SpecGit       SpecKind = "git"       // git URL or hosted shortcut (github:u/r, u/r)
	SpecTarball   SpecKind = "tarball"   // remote http(s) archive
	SpecFile      SpecKind = "file"      // file: or a relative/absolute path
	SpecLink      SpecKind = "link"      // link:
	SpecWorkspace SpecKind = "workspace" // workspace:
	SpecAlias     SpecKind = "alias"     // npm:<name>@<spec>
	SpecCatalog   SpecKind = "catalog"   // pnpm catalog:
	SpecRef       SpecKind = "reference" // "$name" in npm overrides
	SpecProtocol  SpecKind = "protocol"  // other yarn/pnpm protocols (portal:, patch:, exec:, jsr:)
	SpecInvalid   SpecKind = "invalid"
)

// NpmSpec is a classified dependency spec.
type NpmSpec struct {
	Raw  string
	Kind SpecKind
	// Range is the parsed range of SpecRange (and of an alias target).
	Range *NpmRange
	Tag   string
	// URL is the git repository or tarball URL (hosted shortcuts are kept
	// as written, e.g. "github:user/repo").
	URL string
	// Committish is the git reference after '#' ("" when none);
	// SemverRef is set for "#semver:<range>".
	Committish string
	SemverRef  string
	// Insecure is set for plain http:// and git:// transports.
	Insecure bool
	// Path is the target of file:, link: and workspace: specs.
	Path string
	// AliasName and Target describe npm:<name>@<spec>.
	AliasName string
	Target    *NpmSpec
}

var (
	hostedShortcut = lazyre.New(`^(github|gitlab|bitbucket|gist):`)
	repoShorthand  = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+(#.*)?$`)
	hostedHTTPRepo = lazyre.New(`^https?://(www\.)?(github\.com|gitlab\.com|bitbucket\.org)/[^/#]+/[^/#]+?(\.git)?/?(#.*)?$`)
	tagName        = lazyre.New(`^[A-Za-z0-9_.~-]+$`)
	archiveName    = lazyre.New(`(?i)\.(tgz|tar\.gz|tar)$`)
)

// ParseNpmSpec classifies spec. It never fails: unreadable specs are
// SpecInvalid.
func ParseNpmSpec(spec string) *NpmSpec {
	s := &NpmSpec{Raw: spec}
	t := strings.TrimSpace(spec)
	switch {
	case strings.HasPrefix(t, "npm:"):
		s.Kind = SpecAlias
		name, rest, ok := splitNameAt(strings.TrimPrefix(t, "npm:"))
		s.AliasName = name
		if !ok {
			rest = "*"
		}
		s.Target = ParseNpmSpec(rest)
		s.Range = s.Target.Range
	case prefixed(s, t, "workspace:", SpecWorkspace), prefixed(s, t, "link:", SpecLink),
		prefixed(s, t, "file:", SpecFile), prefixed(s, t, "catalog:", SpecCatalog):
	case protocol(t) != "":
		s.Kind = SpecProtocol
	case strings.HasPrefix(t, "$"):
		s.Kind = SpecRef
	case isGitSpec(t):
		s.Kind = SpecGit
		s.URL, s.Committish, _ = strings.Cut(t, "#")
		s.SemverRef, _ = strings.CutPrefix(s.Committish, "semver:")
		s.Insecure = strings.HasPrefix(t, "git://") || strings.HasPrefix(t, "git+http://") || strings.HasPrefix(t, "http://")
	case strings.HasPrefix(t, "http://"), strings.HasPrefix(t, "https://"):
		s.Kind, s.URL = SpecTarball, t
		s.Insecure = strings.HasPrefix(t, "http://")
	case isPathSpec(t), strings.Contains(t, "/"), archiveName.MatchString(t):
		// npm reads any other spec with a slash, or an archive name, as a
		// local path.
		s.Kind, s.Path = SpecFile, t
	default:
		classifyRegistry(s, t)
	}
	return s
}

// prefixed sets kind and path when t has the protocol prefix p.
func prefixed(s *NpmSpec, t, p string, kind SpecKind) bool {
	if !strings.HasPrefix(t, p) {
		return false
	}
	s.Kind, s.Path = kind, strings.TrimPrefix(t, p)
	return true
}

// protocol returns the yarn/pnpm protocol prefix npm does not know.
func protocol(t string) string {
	for _, p := range []string{"portal:", "patch:", "exec:", "jsr:"} {
		if strings.HasPrefix(t, p) {
			return p
		}
	}
	return ""
}

func isGitSpec(t string) bool {
	switch {
	case strings.HasPrefix(t, "git+"), strings.HasPrefix(t, "git://"), strings.HasPrefix(t, "git@"),
		hostedShortcut.MatchString(t), hostedHTTPRepo.MatchString(t):
		return true
	case strings.HasPrefix(t, "@"), strings.Contains(t, ":"):
		return false
	}
	return repoShorthand.MatchString(t)
}

func isPathSpec(t string) bool {
	return strings.HasPrefix(t, ".") || strings.HasPrefix(t, "/") || strings.HasPrefix(t, "~/") ||
		(len(t) > 2 && t[1] == ':' && (t[2] == '\\' || t[2] == '/'))
}

// classifyRegistry decides between a semver range and a dist-tag.
func classifyRegistry(s *NpmSpec, t string) {
	if r, err := ParseNpmRange(t); err == nil {
		s.Kind, s.Range = SpecRange, r
		return
	}
	if tagName.MatchString(t) && url.PathEscape(t) == t {
		s.Kind, s.Tag = SpecTag, t
		return
	}
	s.Kind = SpecInvalid
}

// Local reports whether the spec points inside the project (file:,
// link:, workspace:, portal:) and so is not fetched from anywhere.
func (s *NpmSpec) Local() bool {
	switch s.Kind {
	case SpecFile, SpecLink, SpecWorkspace:
		return true
	case SpecProtocol:
		return strings.HasPrefix(s.Raw, "portal:")
	}
	return false
}

// GitPinned reports whether a git spec names a full commit hash.
func (s *NpmSpec) GitPinned() bool { return s.Kind == SpecGit && IsFullSHA(s.Committish) }

// Unpinned explains why the spec is not reproducible (TA-DEP-006): any
// version, a dist-tag, an open upper bound, a git spec without a full
// commit hash, or a remote tarball. It returns "" for acceptable specs:
// bounded ranges, exact versions, commit-pinned git, local specs.
func (s *NpmSpec) Unpinned() string {
	switch s.Kind {
	case SpecAlias:
		if s.Target != nil {
			return s.Target.Unpinned()
		}
	case SpecRange:
		switch {
		case s.Range.IsAny():
			return "accepts any version"
		case !s.Range.Bounded():
			return "range has no upper bound"
		}
	case SpecTag:
		return "dist-tag " + s.Tag + " moves with every publish"
	case SpecGit:
		if !s.GitPinned() {
			return "git dependency without a full commit hash"
		}
	case SpecTarball:
		return "remote tarball URL"
	}
	return ""
}
