package deps

import (
	"strings"
)

// The two ecosystems read versions slightly differently, so each has its
// own comparator and every caller picks one: Cargo (Cargo.lock, crates,
// the tauri version) and npm (package.json, JS lockfiles).

// CompareCargo orders two versions as Cargo does (the semver crate's Ord):
// SemVer precedence, then build metadata, so "1.0.0+b" sorts after
// "1.0.0" and two locked builds of one release still have an order. ok
// is false when either is not a strict version (Cargo refuses those).
func CompareCargo(a, b string) (order int, ok bool) {
	va, err := ParseVersion(a)
	if err != nil {
		return 0, false
	}
	vb, err := ParseVersion(b)
	if err != nil {
		return 0, false
	}
	return va.CompareCargo(vb), true
}

// CompareCargo is Cargo's order on parsed versions (see the function
// CompareCargo).
func (v Version) CompareCargo(w Version) int {
	if c := v.Compare(w); c != 0 {
		return c
	}
	return compareBuild(v.Build, w.Build)
}

// CargoBefore reports whether v is a valid Cargo version older than min.
// An unknown or invalid v is never "before": version-gated checks then
// stay quiet rather than guess.
func CargoBefore(v, min string) bool {
	c, ok := CompareCargo(v, min)
	return ok && c < 0
}

// compareBuild orders build metadata as the semver crate does: no
// metadata first, then identifier by identifier, numeric identifiers by
// value (then by written length: leading zeros are allowed) and before
// alphanumeric ones, which compare as strings; a prefix sorts first.
func compareBuild(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	case b == "":
		return 1
	}
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if c := compareBuildIdent(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return cmpInt(len(as), len(bs))
}

func compareBuildIdent(a, b string) int {
	na, nb := isDigits(a), isDigits(b)
	switch {
	case na && nb:
		ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if c := cmpInt(len(ta), len(tb)); c != 0 {
			return c
		}
		if c := strings.Compare(ta, tb); c != 0 {
			return c
		}
		return cmpInt(len(a), len(b))
	case na:
		return -1
	case nb:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ParseNpmVersion parses a version as node-semver reads package and
// lockfile versions: surrounding spaces and a leading "v" or "=" are
// accepted, the rest is strict SemVer.
func ParseNpmVersion(s string) (Version, error) {
	return ParseVersion(strings.TrimLeft(strings.TrimSpace(s), "v="))
}

// CompareNpm orders two npm versions by SemVer precedence, as
// node-semver's compare does: build metadata is ignored. ok is false when
// either is not a valid version.
func CompareNpm(a, b string) (order int, ok bool) {
	va, err := ParseNpmVersion(a)
	if err != nil {
		return 0, false
	}
	vb, err := ParseNpmVersion(b)
	if err != nil {
		return 0, false
	}
	return va.Compare(vb), true
}
