package capabilities

import (
	"fmt"
	"strings"

	"golang.org/x/mod/semver"
)

// NewestVerified is the newest tauri release whose ACL code the spec was
// checked against (tauri-acl §0, source B).
const NewestVerified = "2.8.2"

// Version is a tauri crate version, the switch for version-dependent
// behaviour. The zero Version means "unknown" and behaves as
// NewestVerified.
type Version struct {
	canon string // "v2.8.2"; "" when unknown
}

// ParseVersion reads a Cargo version such as "2.8.2" or "2.0.0-rc.12"
// (a leading "v" or "=" is accepted). An empty string gives the unknown
// Version without error.
func ParseVersion(s string) (Version, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "="), "v")
	if s == "" {
		return Version{}, nil
	}
	c := semver.Canonical("v" + s)
	if c == "" || strings.Count(strings.SplitN(s, "-", 2)[0], ".") != 2 {
		return Version{}, fmt.Errorf("invalid tauri version %q", s)
	}
	return Version{canon: c}, nil
}

// MustVersion is ParseVersion for constants; it panics on a bad version.
func MustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Known reports whether the version was given.
func (v Version) Known() bool { return v.canon != "" }

// String returns the version without "v", or "unknown".
func (v Version) String() string {
	if v.canon == "" {
		return "unknown"
	}
	return v.canon[1:]
}

// effective is the version behaviour is decided by.
func (v Version) effective() string {
	if v.canon == "" {
		return "v" + NewestVerified
	}
	return v.canon
}

// AtLeast reports whether v ≥ min ("2.4.0"). An unknown v counts as
// NewestVerified.
func (v Version) AtLeast(min string) bool {
	return semver.Compare(v.effective(), "v"+min) >= 0
}

// NewerThanVerified reports whether v is above NewestVerified, whose
// behaviour the package then assumes (tauri-acl §11).
func (v Version) NewerThanVerified() bool {
	return semver.Compare(v.effective(), "v"+NewestVerified) > 0
}
