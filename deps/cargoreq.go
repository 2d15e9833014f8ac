package deps

import (
	"fmt"
	"strings"
)

// CargoOp is the operator of one Cargo requirement comparator.
type CargoOp uint8

// Cargo comparator operators. A bare version ("1.2") is CargoCaret.
const (
	CargoCaret     CargoOp = iota + 1 // ^1.2.3, 1.2.3
	CargoTilde                        // ~1.2.3
	CargoExact                        // =1.2.3
	CargoGreater                      // >1.2.3
	CargoGreaterEq                    // >=1.2.3
	CargoLess                         // <1.2.3
	CargoLessEq                       // <=1.2.3
	CargoWildcard                     // 1.*, 1.2.*
)

var cargoOpText = map[CargoOp]string{CargoCaret: "^", CargoTilde: "~", CargoExact: "=",
	CargoGreater: ">", CargoGreaterEq: ">=", CargoLess: "<", CargoLessEq: "<=", CargoWildcard: ""}

// CargoComparator is one comparator such as ">=1.2" or "~0.3.1-beta".
// HasMinor/HasPatch are false for partial versions and wildcards.
type CargoComparator struct {
	Op                  CargoOp
	Major, Minor, Patch uint64
	HasMinor, HasPatch  bool
	Pre                 string
}

// CargoReq is a Cargo version requirement: comparators that must all
// match. No comparators ("*") matches every release.
type CargoReq struct {
	Raw         string
	Comparators []CargoComparator
}

// maxReqLen bounds requirement strings so hostile input stays cheap.
const maxReqLen = 1024

// maxComparators is the semver crate's limit on comparators in one
// requirement.
const maxComparators = 32

// ParseCargoReq parses a Cargo version requirement with the semver
// crate's grammar: comma-separated comparators, "*" alone, wildcards
// "1.*" and "1.2.x", and a bare version meaning a caret requirement.
func ParseCargoReq(s string) (*CargoReq, error) {
	if len(s) > maxReqLen {
		return nil, fmt.Errorf("version requirement longer than %d bytes", maxReqLen)
	}
	req := &CargoReq{Raw: s}
	t := strings.Trim(s, " ") // the semver crate skips spaces only
	if t == "" {
		return nil, fmt.Errorf("empty version requirement")
	}
	if isWildcard(t) {
		return req, nil
	}
	parts := strings.Split(t, ",")
	if len(parts) > maxComparators {
		return nil, fmt.Errorf("version requirement %q has more than %d comparators", s, maxComparators)
	}
	for _, part := range parts {
		c, err := parseCargoComparator(strings.Trim(part, " "))
		if err != nil {
			return nil, fmt.Errorf("version requirement %q: %v", s, err)
		}
		req.Comparators = append(req.Comparators, c)
	}
	return req, nil
}

func isWildcard(s string) bool { return s == "*" || s == "x" || s == "X" }

func parseCargoComparator(s string) (CargoComparator, error) {
	var c CargoComparator
	op, rest := cutOp(s, []string{">=", "<=", "=", ">", "<", "~", "^"})
	explicit := op != ""
	switch op {
	case "":
		c.Op = CargoCaret
	case ">=":
		c.Op = CargoGreaterEq
	case "<=":
		c.Op = CargoLessEq
	case "=":
		c.Op = CargoExact
	case ">":
		c.Op = CargoGreater
	case "<":
		c.Op = CargoLess
	case "~":
		c.Op = CargoTilde
	case "^":
		c.Op = CargoCaret
	}
	rest = strings.TrimLeft(rest, " ")
	if rest == "" {
		return c, fmt.Errorf("missing version after %q", op)
	}
	if isWildcard(rest) {
		return c, fmt.Errorf("wildcard (*) must be the only comparator")
	}
	core, build, hasBuild := strings.Cut(rest, "+")
	if hasBuild && !validIdents(build, false) {
		return c, fmt.Errorf("invalid build metadata %q", build)
	}
	core, pre, hasPre := strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) > 3 {
		return c, fmt.Errorf("too many version components in %q", rest)
	}
	var err error
	if c.Major, err = parseNumber(parts[0]); err != nil {
		return c, fmt.Errorf("major version %q: %v", parts[0], err)
	}
	wild := false
	for i, p := range parts[1:] {
		if isWildcard(p) {
			wild = true
			continue
		}
		if wild {
			return c, fmt.Errorf("unexpected version component after a wildcard in %q", rest)
		}
		n, err := parseNumber(p)
		if err != nil {
			return c, fmt.Errorf("version component %q: %v", p, err)
		}
		if i == 0 {
			c.Minor, c.HasMinor = n, true
		} else {
			c.Patch, c.HasPatch = n, true
		}
	}
	if wild && !explicit {
		c.Op = CargoWildcard
	}
	if hasPre || hasBuild {
		if !c.HasPatch {
			return c, fmt.Errorf("pre-release or build metadata needs a full major.minor.patch in %q", rest)
		}
	}
	if hasPre {
		if !validIdents(pre, true) {
			return c, fmt.Errorf("invalid pre-release %q", pre)
		}
		c.Pre = pre
	}
	return c, nil
}

// cutOp strips the longest matching operator from s (ops must be listed
// longest first where one is a prefix of another).
func cutOp(s string, ops []string) (string, string) {
	for _, op := range ops {
		if strings.HasPrefix(s, op) {
			return op, s[len(op):]
		}
	}
	return "", s
}

// String renders the comparator in canonical form.
func (c CargoComparator) String() string {
	s := cargoOpText[c.Op] + fmt.Sprint(c.Major)
	switch {
	case c.HasMinor && c.HasPatch:
		s += fmt.Sprintf(".%d.%d", c.Minor, c.Patch)
	case c.HasMinor:
		s += fmt.Sprintf(".%d", c.Minor)
	}
	if c.Op == CargoWildcard {
		s += ".*"
	}
	if c.Pre != "" {
		s += "-" + c.Pre
	}
	return s
}

// Matches reports whether version v satisfies the requirement, with
// Cargo's pre-release rule: a pre-release version matches only if some
// comparator has the same major.minor.patch and a pre-release itself.
func (r *CargoReq) Matches(v Version) bool {
	if r == nil || !v.IsValid() {
		return false
	}
	for _, c := range r.Comparators {
		if !c.matches(v) {
			return false
		}
	}
	if v.Pre == "" {
		return true
	}
	for _, c := range r.Comparators {
		if c.HasMinor && c.HasPatch && c.Pre != "" && c.Major == v.Major && c.Minor == v.Minor && c.Patch == v.Patch {
			return true
		}
	}
	return false
}

// MatchesString parses s and reports whether it satisfies r; an invalid
// version never matches.
func (r *CargoReq) MatchesString(s string) bool {
	v, err := ParseVersion(s)
	return err == nil && r.Matches(v)
}

func (c CargoComparator) matches(v Version) bool {
	switch c.Op {
	case CargoExact, CargoWildcard:
		return c.exact(v)
	case CargoGreater:
		return c.greater(v)
	case CargoGreaterEq:
		return c.exact(v) || c.greater(v)
	case CargoLess:
		return c.less(v)
	case CargoLessEq:
		return c.exact(v) || c.less(v)
	case CargoTilde:
		return c.tilde(v)
	case CargoCaret:
		return c.caret(v)
	}
	return false
}

func (c CargoComparator) exact(v Version) bool {
	if v.Major != c.Major || (c.HasMinor && v.Minor != c.Minor) || (c.HasPatch && v.Patch != c.Patch) {
		return false
	}
	return v.Pre == c.Pre
}

func (c CargoComparator) greater(v Version) bool {
	if v.Major != c.Major {
		return v.Major > c.Major
	}
	if !c.HasMinor {
		return false
	}
	if v.Minor != c.Minor {
		return v.Minor > c.Minor
	}
	if !c.HasPatch {
		return false
	}
	if v.Patch != c.Patch {
		return v.Patch > c.Patch
	}
	return comparePre(v.Pre, c.Pre) > 0
}

func (c CargoComparator) less(v Version) bool {
	if v.Major != c.Major {
		return v.Major < c.Major
	}
	if !c.HasMinor {
		return false
	}
	if v.Minor != c.Minor {
		return v.Minor < c.Minor
	}
	if !c.HasPatch {
		return false
	}
	if v.Patch != c.Patch {
		return v.Patch < c.Patch
	}
	return comparePre(v.Pre, c.Pre) < 0
}

func (c CargoComparator) tilde(v Version) bool {
	if v.Major != c.Major || (c.HasMinor && v.Minor != c.Minor) {
		return false
	}
	if c.HasPatch && v.Patch != c.Patch {
		return v.Patch > c.Patch
	}
	return comparePre(v.Pre, c.Pre) >= 0
}

// caret implements ^: compatible updates that keep the left-most
// non-zero component.
func (c CargoComparator) caret(v Version) bool {
	if v.Major != c.Major {
		return false
	}
	if !c.HasMinor {
		return true
	}
	if !c.HasPatch {
		if c.Major > 0 {
			return v.Minor >= c.Minor
		}
		return v.Minor == c.Minor
	}
	switch {
	case c.Major > 0:
		if v.Minor != c.Minor {
			return v.Minor > c.Minor
		}
		if v.Patch != c.Patch {
			return v.Patch > c.Patch
		}
	case c.Minor > 0:
		if v.Minor != c.Minor {
			return false
		}
		if v.Patch != c.Patch {
			return v.Patch > c.Patch
		}
	default:
		if v.Minor != c.Minor || v.Patch != c.Patch {
			return false
		}
	}
	return comparePre(v.Pre, c.Pre) >= 0
}
