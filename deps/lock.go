package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Ecosystem names a package registry, spelled as OSV spells it.
type Ecosystem string

// The two ecosystems a Tauri app draws from.
const (
	Crates Ecosystem = "crates.io"
	Npm    Ecosystem = "npm"
)

// LockKind says which lockfile format an entry came from.
type LockKind string

// Lockfile formats.
const (
	CargoLockKind   LockKind = "Cargo.lock"
	PackageLockKind LockKind = "package-lock.json"
	PnpmLockKind    LockKind = "pnpm-lock.yaml"
	YarnClassicKind LockKind = "yarn.lock (v1)"
	YarnBerryKind   LockKind = "yarn.lock (berry)"
	BunLockKind     LockKind = "bun.lock"
	DenoLockKind    LockKind = "deno.lock"
)

// SourceKind classifies where a locked package comes from.
type SourceKind string

// Sources of a locked package.
const (
	SourceRegistry  SourceKind = "registry"  // a package registry (crates.io, npm or another)
	SourceGit       SourceKind = "git"       // a git repository
	SourcePath      SourceKind = "path"      // a local path (Cargo path dependency, file:)
	SourceTarball   SourceKind = "tarball"   // a URL to an archive
	SourceWorkspace SourceKind = "workspace" // a workspace member or link
	SourceUnknown   SourceKind = "unknown"
)

// Lockfile is one parsed lockfile of any format.
type Lockfile struct {
	Kind    LockKind
	File    string // slash path of the lockfile
	Version string // the format version as written ("4", "3", "9.0", "v1", "8"…)
	Entries []*LockEntry
	// Diagnostics are problems that did not stop the parse (an unknown
	// format version, an entry without a version, …).
	Diagnostics []*source.Error
}

// LockEntry is one locked package.
type LockEntry struct {
	Ecosystem Ecosystem
	Name      string // the real package name (alias targets resolved where the format says)
	Version   string // as written in the lockfile
	Source    SourceKind
	// Resolved is the Cargo `source`, npm `resolved`, pnpm `tarball`,
	// yarn `resolved`/`resolution` or bun registry URL, when present.
	Resolved string
	// Integrity is the npm/pnpm/yarn/bun integrity string or the Cargo /
	// yarn berry checksum.
	Integrity string
	// Key is the lockfile's own key for the entry ("node_modules/a",
	// "/a@1.0.0", "a@^1, a@^1.2", "name version").
	Key           string
	Dev, Optional bool // npm flags when the format records them
	// Conditions are yarn berry's platform conditions ("os=darwin &
	// cpu=arm64"): yarn fetches such a package only on a matching machine
	// and never records its checksum.
	Conditions string
	// Dependencies names the entries this one depends on, as written.
	Dependencies []string

	Loc          source.Location // the entry (its key or header)
	VersionLoc   source.Location // the version value (Loc when not separate)
	ResolvedLoc  source.Location // the resolved/source value, if any
	IntegrityLoc source.Location // the integrity/checksum value, if any
}

// Git returns the parsed git source of the entry, or nil.
func (e *LockEntry) Git() *GitSource {
	if e == nil || e.Source != SourceGit {
		return nil
	}
	return ParseGitSource(e.Resolved)
}

// GitSource is a git dependency location: repository URL, the requested
// reference and the locked commit when known.
type GitSource struct {
	URL    string
	RefKey string // "branch", "tag", "rev" or "" (Cargo) / "commit-ish" (npm)
	Ref    string
	Commit string // full commit hash when the lockfile records one
}

// ParseGitSource parses Cargo ("git+https://host/r?branch=main#<sha>")
// and npm/yarn ("git+ssh://git@host/r.git#<sha>") git sources.
func ParseGitSource(s string) *GitSource {
	g := &GitSource{}
	if owner, repo, ref, ok := codeload(s); ok {
		g.URL = "https://github.com/" + owner + "/" + repo
		if IsFullSHA(ref) {
			g.Commit = ref
		} else {
			g.RefKey, g.Ref = "commit-ish", ref
		}
		return g
	}
	rest := strings.TrimPrefix(s, "git+")
	rest, frag, _ := strings.Cut(rest, "#")
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		for _, kv := range strings.Split(rest[i+1:], "&") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "branch", "tag", "rev":
				g.RefKey, g.Ref = k, v
			}
		}
		rest = rest[:i]
	}
	g.URL = rest
	frag = strings.TrimPrefix(frag, "commit=")
	if IsFullSHA(frag) {
		g.Commit = frag
	} else if frag != "" && g.Ref == "" {
		g.RefKey, g.Ref = "commit-ish", frag
	}
	return g
}

// IsFullSHA reports whether s is a full git object id: 40 (SHA-1) or 64
// (SHA-256) hexadecimal digits.
func IsFullSHA(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	return IsHex(s)
}

// IsHex reports whether s is a non-empty string of hexadecimal digits
// (either case).
func IsHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// splitNameAt splits "name@rest" where name may be scoped ("@s/n@1.0").
func splitNameAt(s string) (name, rest string, ok bool) {
	if len(s) < 2 {
		return s, "", false
	}
	i := strings.IndexByte(s[1:], '@')
	if i < 0 {
		return s, "", false
	}
	return s[:i+1], s[i+2:], true
}

// codeload recognises GitHub archive URLs
// "https://codeload.github.com/<owner>/<repo>/tar.gz/<commit>", which
// pnpm and yarn record for git dependencies.
func codeload(s string) (owner, repo, sha string, ok bool) {
	rest, found := strings.CutPrefix(s, "https://codeload.github.com/")
	if !found {
		return "", "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 4 || (parts[2] != "tar.gz" && parts[2] != "zip") {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[3], true
}
