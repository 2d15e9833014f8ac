package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// ParseUpdaterVersion parses a version as Tauri's updater does: leading
// "v"s trimmed, then strict SemVer 2.0.0 (the semver crate's grammar).
func ParseUpdaterVersion(s string) (Version, bool) {
	v, err := ParseVersion(strings.TrimLeft(s, "v"))
	return v, err == nil
}

// ReleaseTag is a git tag naming a release version.
type ReleaseTag struct {
	Name    string
	Prefix  string // "app" in app-v1.2.3, "" in v1.2.3
	Version Version
}

// tagVersionRx splits prefix-v1.2.3, prefix@1.2.3, prefix/v1.2.3, v1.2.3
// and 1.2.3 tags.
var tagVersionRx = lazyre.New(`^(?:(.*?)[-_/@])?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// ParseReleaseTag reads a tag name as a release version, optionally
// prefixed by an app name; ok is false for tags that name no version.
func ParseReleaseTag(name string) (ReleaseTag, bool) {
	m := tagVersionRx.FindStringSubmatch(name)
	if m == nil {
		return ReleaseTag{}, false
	}
	v, err := ParseVersion(m[2])
	if err != nil {
		return ReleaseTag{}, false
	}
	return ReleaseTag{Name: name, Prefix: m[1], Version: v}, true
}

// NormName lower-cases s and keeps letters and digits, so "My App",
// "my-app" and "my_app" compare equal as tag prefixes.
func NormName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NewestReleaseTag returns the highest tag version; prerelease tags count
// only when withPre is set (a stable channel is not behind a beta tag).
func NewestReleaseTag(tags []ReleaseTag, withPre bool) (ReleaseTag, bool) {
	var best ReleaseTag
	found := false
	for _, t := range tags {
		if t.Version.IsPrerelease() && !withPre {
			continue
		}
		if !found || t.Version.Compare(best.Version) > 0 {
			best, found = t, true
		}
	}
	return best, found
}
