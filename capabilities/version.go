package capabilities

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
)

// NewestVerified is the newest tauri release whose ACL code the spec was
// checked against (tauri-acl §0, source B).
const NewestVerified = "2.8.2"

// newestVerified is NewestVerified parsed once.
var newestVerified, _ = deps.ParseVersion(NewestVerified)

// Version is a tauri crate version, the switch for version-dependent
// behaviour. The zero Version means "unknown" and behaves as
// NewestVerified. It is a Cargo version, parsed and ordered by deps.
type Version struct {
	v deps.Version // invalid (zero) when unknown
}

// ParseVersion reads a Cargo version such as "2.8.2" or "2.0.0-rc.12"
// (a leading "v" or "=" is accepted: the flag and tests spell it so). An
// empty string gives the unknown Version without error.
func ParseVersion(s string) (Version, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "="), "v")
	if s == "" {
		return Version{}, nil
	}
	v, err := deps.ParseVersion(s)
	if err != nil {
		return Version{}, fmt.Errorf("invalid tauri version %q", s)
	}
	return Version{v: v}, nil
}

// Known reports whether the version was given.
func (v Version) Known() bool { return v.v.IsValid() }

// String returns the version without "v", or "unknown".
func (v Version) String() string {
	if !v.Known() {
		return "unknown"
	}
	return v.v.String()
}

// effective is the version behaviour is decided by.
func (v Version) effective() deps.Version {
	if !v.Known() {
		return newestVerified
	}
	return v.v
}

// AtLeast reports whether v ≥ min ("2.4.0"). An unknown v counts as
// NewestVerified; an invalid min is a programming error and never met.
// Behaviour follows SemVer precedence (build metadata names the same
// release), which is how Cargo matches requirements.
func (v Version) AtLeast(min string) bool {
	m, err := deps.ParseVersion(min)
	return err == nil && v.effective().Compare(m) >= 0
}

// NewerThanVerified reports whether v is above NewestVerified, whose
// behaviour the package then assumes (tauri-acl §11).
func (v Version) NewerThanVerified() bool {
	return v.effective().Compare(newestVerified) > 0
}
