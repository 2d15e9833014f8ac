package deps

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/semver"
)

// Version is a parsed semantic version (SemVer 2.0.0, as crates.io and the
// npm registry use it). Build metadata is kept but ignored by comparisons.
type Version struct {
	Major, Minor, Patch uint64
	Pre                 string // pre-release identifiers without the '-'
	Build               string // build metadata without the '+'

	sv string // "vM.m.p[-pre]": the form golang.org/x/mod/semver compares
}

// maxSafeInteger is node-semver's limit for a version component
// (Number.MAX_SAFE_INTEGER).
const maxSafeInteger = 1<<53 - 1

// ParseVersion parses a strict semantic version such as "2.0.0-rc.1+b5".
// No leading "v", no missing components, no leading zeros.
func ParseVersion(s string) (Version, error) {
	core, build, hasBuild := strings.Cut(s, "+")
	if hasBuild && !validIdents(build, false) {
		return Version{}, fmt.Errorf("invalid build metadata in version %q", s)
	}
	core, pre, hasPre := strings.Cut(core, "-")
	if hasPre && !validIdents(pre, true) {
		return Version{}, fmt.Errorf("invalid pre-release in version %q", s)
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return Version{}, fmt.Errorf("version %q must have major.minor.patch", s)
	}
	var nums [3]uint64
	for i, p := range parts {
		n, err := parseNumber(p)
		if err != nil {
			return Version{}, fmt.Errorf("version %q: %v", s, err)
		}
		nums[i] = n
	}
	return newVersion(nums[0], nums[1], nums[2], pre, build)
}

func newVersion(major, minor, patch uint64, pre, build string) (Version, error) {
	v := Version{Major: major, Minor: minor, Patch: patch, Pre: pre, Build: build}
	v.sv = fmt.Sprintf("v%d.%d.%d", major, minor, patch)
	if pre != "" {
		v.sv += "-" + pre
	}
	// x/mod/semver treats an invalid version as smaller than every valid
	// one, so a version that slipped through must fail here, not compare.
	if !semver.IsValid(v.sv) {
		return Version{}, fmt.Errorf("invalid version %q", v.String())
	}
	return v, nil
}

var errNumber = errors.New("version component is not a number")

// parseNumber parses one numeric component: digits, no leading zero.
func parseNumber(s string) (uint64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, errNumber
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errNumber
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, errors.New("version component is too large")
	}
	return n, nil
}

// validIdents checks dot-separated identifiers [0-9A-Za-z-]+; numeric
// pre-release identifiers must not have leading zeros.
func validIdents(s string, pre bool) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		numeric := true
		for i := 0; i < len(id); i++ {
			c := id[i]
			switch {
			case c >= '0' && c <= '9':
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-':
				numeric = false
			default:
				return false
			}
		}
		if pre && numeric && len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

// IsValid reports whether v came from a successful parse.
func (v Version) IsValid() bool { return v.sv != "" }

// String returns the version in its usual form, with build metadata.
func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		s += "-" + v.Pre
	}
	if v.Build != "" {
		s += "+" + v.Build
	}
	return s
}

// IsPrerelease reports whether v has a pre-release part.
func (v Version) IsPrerelease() bool { return v.Pre != "" }

// Compare returns -1, 0 or +1 as v is lower than, equal to or higher
// than w in SemVer precedence (build metadata ignored).
func (v Version) Compare(w Version) int { return semver.Compare(v.sv, w.sv) }

// SameCore reports whether v and w share major.minor.patch.
func (v Version) SameCore(w Version) bool {
	return v.Major == w.Major && v.Minor == w.Minor && v.Patch == w.Patch
}

// comparePre orders two pre-release strings; "" (a release) is highest.
func comparePre(a, b string) int {
	pa, pb := "v0.0.0", "v0.0.0"
	if a != "" {
		pa += "-" + a
	}
	if b != "" {
		pb += "-" + b
	}
	return semver.Compare(pa, pb)
}
