package deps

import (
	"fmt"
	"strings"
)

// npmOp is the operator of a desugared npm comparator.
type npmOp uint8

const (
	npmAny npmOp = iota // matches every version (">=0.0.0")
	npmEQ
	npmGT
	npmGTE
	npmLT
	npmLTE
)

var npmOpText = [...]string{"", "", ">", ">=", "<", "<="}

// NpmComparator is one primitive comparator after desugaring caret,
// tilde, x-ranges and hyphen ranges, e.g. ">=1.2.3" or "<2.0.0-0".
type NpmComparator struct {
	op npmOp
	v  Version
}

// String renders the comparator as node-semver prints it.
func (c NpmComparator) String() string {
	if c.op == npmAny {
		return ""
	}
	return npmOpText[c.op] + c.v.String()
}

func (c NpmComparator) test(v Version) bool {
	if c.op == npmAny {
		return true
	}
	d := v.Compare(c.v)
	switch c.op {
	case npmEQ:
		return d == 0
	case npmGT:
		return d > 0
	case npmGTE:
		return d >= 0
	case npmLT:
		return d < 0
	case npmLTE:
		return d <= 0
	}
	return false
}

// NpmRange is an npm (node-semver) range: comparator sets joined by "||";
// a version satisfies the range if it satisfies every comparator of some
// set. Matching follows node-semver with includePrerelease off.
type NpmRange struct {
	Raw  string
	Sets [][]NpmComparator
}

// ParseNpmRange parses a node-semver range: "||" alternatives, hyphen
// ranges ("1.2 - 2"), x-ranges ("1.x", "*", ""), caret and tilde
// (including the 0.x rules), primitive comparators and exact versions,
// with node-semver's leniency about "v"/"=" prefixes and spaces after
// operators.
func ParseNpmRange(s string) (*NpmRange, error) {
	if len(s) > maxReqLen {
		return nil, fmt.Errorf("range longer than %d bytes", maxReqLen)
	}
	r := &NpmRange{Raw: s}
	for _, alt := range strings.Split(s, "||") {
		set, err := parseNpmSet(strings.TrimSpace(alt))
		if err != nil {
			return nil, fmt.Errorf("invalid npm range %q: %v", s, err)
		}
		r.Sets = append(r.Sets, set)
	}
	r.Sets = normalizeSets(r.Sets)
	return r, nil
}

// normalizeSets mirrors node-semver's Range constructor: null sets
// ("<0.0.0-0") are dropped when others exist, and a set that accepts
// everything makes the whole range "*".
func normalizeSets(sets [][]NpmComparator) [][]NpmComparator {
	if len(sets) < 2 {
		return sets
	}
	var kept [][]NpmComparator
	for _, set := range sets {
		if !isNullSet(set) {
			kept = append(kept, set)
		}
	}
	if len(kept) == 0 {
		return sets[:1]
	}
	for _, set := range kept {
		if len(set) == 1 && set[0].op == npmAny {
			return [][]NpmComparator{set}
		}
	}
	return kept
}

var nullComparator = NpmComparator{op: npmLT, v: ver(0, 0, 0, "0")}

func isNullSet(set []NpmComparator) bool {
	return len(set) == 1 && set[0].op == npmLT && set[0].v.Compare(nullComparator.v) == 0
}

func parseNpmSet(s string) ([]NpmComparator, error) {
	if from, to, ok := splitHyphen(s); ok {
		return hyphenRange(from, to)
	}
	var out []NpmComparator
	for _, tok := range npmTokens(s) {
		cs, err := desugar(tok)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return simplifySet(out), nil
}

// simplifySet applies node-semver's per-set clean-up: ">=0.0.0" means
// any, "any" comparators vanish next to others, duplicates collapse, and
// a null comparator makes the whole set null.
func simplifySet(in []NpmComparator) []NpmComparator {
	var kept []NpmComparator
	seen := map[string]bool{}
	for _, c := range in {
		if c.op == npmGTE && c.v.Compare(ver(0, 0, 0, "")) == 0 && c.v.Pre == "" {
			c = NpmComparator{op: npmAny}
		}
		if isNullSet([]NpmComparator{c}) {
			return []NpmComparator{c}
		}
		if c.op == npmAny || seen[c.String()] {
			continue
		}
		seen[c.String()] = true
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		return []NpmComparator{{op: npmAny}}
	}
	return kept
}

// splitHyphen recognises "A - B" (spaces around the dash are required).
func splitHyphen(s string) (string, string, bool) {
	f := strings.Fields(s)
	if len(f) == 3 && f[1] == "-" {
		return f[0], f[2], true
	}
	return "", "", false
}

// npmTokens splits a set on white space after gluing operators to the
// version that follows them ("> 1.2" is ">1.2", "~> 1" is "~>1").
func npmTokens(s string) []string {
	f := strings.Fields(s)
	var out []string
	for i := 0; i < len(f); i++ {
		tok := f[i]
		if isBareOp(tok) && i+1 < len(f) {
			tok += f[i+1]
			i++
		}
		out = append(out, tok)
	}
	return out
}

func isBareOp(s string) bool {
	switch s {
	case "<", "<=", ">", ">=", "=", "~", "~>", "^":
		return true
	}
	return false
}

// partial is a possibly incomplete version such as "1", "1.2.x" or "*".
type partial struct {
	nums  [3]uint64
	given int // how many of major, minor, patch are numbers before any x (0–3)
	pre   string
	// misordered is set when a number follows an x ("1.x.3"): node-semver
	// rejects that in plain x-ranges but ignores it after ~, ^ and in
	// hyphen ranges.
	misordered bool
}

// parsePartial parses "1", "1.2.x", "v1.2.3-beta+b" and friends.
func parsePartial(s string) (partial, error) {
	var p partial
	s = strings.TrimLeft(s, "v= \t")
	if s == "" {
		return p, fmt.Errorf("missing version") // an operator alone, or "v"
	}
	core, build, hasBuild := strings.Cut(s, "+")
	if hasBuild && !validIdents(build, false) {
		return p, fmt.Errorf("invalid build metadata in %q", s)
	}
	core, pre, hasPre := strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) > 3 {
		return p, fmt.Errorf("too many components in %q", s)
	}
	wild := false
	for i, part := range parts {
		if isWildcard(part) {
			wild = true
			continue
		}
		n, err := parseNumber(part)
		if err != nil || n > maxSafeInteger {
			return p, fmt.Errorf("invalid version component %q in %q", part, s)
		}
		if wild {
			p.misordered = true
			continue
		}
		p.nums[i] = n
		p.given = i + 1
	}
	if (hasPre || hasBuild) && len(parts) < 3 {
		return p, fmt.Errorf("pre-release or build needs three components in %q", s)
	}
	if hasPre && !validIdents(pre, true) {
		return p, fmt.Errorf("invalid pre-release in %q", s)
	}
	if p.given == 3 {
		p.pre = pre // a pre-release next to an x is ignored
	}
	return p, nil
}

// ver builds the version M.m.p[-pre] from explicit parts.
func ver(major, minor, patch uint64, pre string) Version {
	v, err := newVersion(major, minor, patch, pre, "")
	if err != nil {
		return Version{} // unreachable: parts come from validated input
	}
	return v
}

func cmp(op npmOp, major, minor, patch uint64, pre string) NpmComparator {
	return NpmComparator{op: op, v: ver(major, minor, patch, pre)}
}

// desugar turns one token into primitive comparators.
func desugar(tok string) ([]NpmComparator, error) {
	op, rest := cutOp(tok, []string{"~>", ">=", "<=", ">", "<", "=", "~", "^"})
	p, err := parsePartial(rest)
	if err != nil {
		return nil, err
	}
	switch op {
	case "~", "~>":
		return tilde(p), nil
	case "^":
		return caret(p), nil
	}
	if p.misordered {
		return nil, fmt.Errorf("version component after an x in %q", rest)
	}
	return xrange(op, p), nil
}

func tilde(p partial) []NpmComparator {
	M, m, pt := p.nums[0], p.nums[1], p.nums[2]
	switch p.given {
	case 0:
		return []NpmComparator{{op: npmAny}}
	case 1:
		return []NpmComparator{cmp(npmGTE, M, 0, 0, ""), cmp(npmLT, M+1, 0, 0, "0")}
	case 2:
		return []NpmComparator{cmp(npmGTE, M, m, 0, ""), cmp(npmLT, M, m+1, 0, "0")}
	}
	return []NpmComparator{cmp(npmGTE, M, m, pt, p.pre), cmp(npmLT, M, m+1, 0, "0")}
}

// caret keeps the left-most non-zero component fixed.
func caret(p partial) []NpmComparator {
	M, m, pt := p.nums[0], p.nums[1], p.nums[2]
	switch p.given {
	case 0:
		return []NpmComparator{{op: npmAny}}
	case 1:
		return []NpmComparator{cmp(npmGTE, M, 0, 0, ""), cmp(npmLT, M+1, 0, 0, "0")}
	case 2:
		if M == 0 {
			return []NpmComparator{cmp(npmGTE, M, m, 0, ""), cmp(npmLT, M, m+1, 0, "0")}
		}
		return []NpmComparator{cmp(npmGTE, M, m, 0, ""), cmp(npmLT, M+1, 0, 0, "0")}
	}
	lo := cmp(npmGTE, M, m, pt, p.pre)
	switch {
	case M > 0:
		return []NpmComparator{lo, cmp(npmLT, M+1, 0, 0, "0")}
	case m > 0:
		return []NpmComparator{lo, cmp(npmLT, 0, m+1, 0, "0")}
	}
	return []NpmComparator{lo, cmp(npmLT, 0, 0, pt+1, "0")}
}

// xrange handles primitive operators and x-ranges ("1.x", ">1.2", "<=1").
func xrange(op string, p partial) []NpmComparator {
	M, m, pt := p.nums[0], p.nums[1], p.nums[2]
	if p.given == 3 {
		ops := map[string]npmOp{"": npmEQ, "=": npmEQ, ">": npmGT, ">=": npmGTE, "<": npmLT, "<=": npmLTE}
		return []NpmComparator{cmp(ops[op], M, m, pt, p.pre)}
	}
	if op == "=" {
		op = ""
	}
	if p.given == 0 {
		if op == ">" || op == "<" {
			return []NpmComparator{cmp(npmLT, 0, 0, 0, "0")} // matches nothing
		}
		return []NpmComparator{{op: npmAny}}
	}
	xm := p.given < 2
	switch op {
	case ">":
		if xm {
			return []NpmComparator{cmp(npmGTE, M+1, 0, 0, "")}
		}
		return []NpmComparator{cmp(npmGTE, M, m+1, 0, "")}
	case "<=":
		if xm {
			return []NpmComparator{cmp(npmLT, M+1, 0, 0, "0")}
		}
		return []NpmComparator{cmp(npmLT, M, m+1, 0, "0")}
	case "<":
		return []NpmComparator{cmp(npmLT, M, m, 0, "0")}
	case ">=":
		return []NpmComparator{cmp(npmGTE, M, m, 0, "")}
	}
	if xm {
		return []NpmComparator{cmp(npmGTE, M, 0, 0, ""), cmp(npmLT, M+1, 0, 0, "0")}
	}
	return []NpmComparator{cmp(npmGTE, M, m, 0, ""), cmp(npmLT, M, m+1, 0, "0")}
}

// hyphenRange desugars "A - B": inclusive on both ends, with partial
// ends widened the way node-semver does.
func hyphenRange(from, to string) ([]NpmComparator, error) {
	f, err := parsePartial(from)
	if err != nil {
		return nil, err
	}
	t, err := parsePartial(to)
	if err != nil {
		return nil, err
	}
	var out []NpmComparator
	if f.given > 0 {
		out = append(out, cmp(npmGTE, f.nums[0], f.nums[1], f.nums[2], f.pre))
	}
	switch t.given {
	case 1:
		out = append(out, cmp(npmLT, t.nums[0]+1, 0, 0, "0"))
	case 2:
		out = append(out, cmp(npmLT, t.nums[0], t.nums[1]+1, 0, "0"))
	case 3:
		out = append(out, cmp(npmLTE, t.nums[0], t.nums[1], t.nums[2], t.pre))
	}
	return simplifySet(out), nil
}
