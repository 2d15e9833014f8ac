package deps

import "strings"

// Matches reports whether v satisfies the range. With includePrerelease
// off, a pre-release version only matches a set in which some comparator
// has the same major.minor.patch and a pre-release of its own.
func (r *NpmRange) Matches(v Version) bool {
	if r == nil || !v.IsValid() {
		return false
	}
	for _, set := range r.Sets {
		if testSet(set, v) {
			return true
		}
	}
	return false
}

// MatchesString parses s loosely (leading "v" or "=" allowed) and reports
// whether it satisfies r; an invalid version never matches.
func (r *NpmRange) MatchesString(s string) bool {
	v, err := ParseNpmVersion(s)
	return err == nil && r.Matches(v)
}

func testSet(set []NpmComparator, v Version) bool {
	for _, c := range set {
		if !c.test(v) {
			return false
		}
	}
	if v.Pre == "" {
		return true
	}
	for _, c := range set {
		if c.op != npmAny && c.v.Pre != "" && c.v.SameCore(v) {
			return true
		}
	}
	return false
}

// String renders the desugared range as node-semver's Range.range does:
// "||"-joined sets of space-joined comparators, "" for any version.
func (r *NpmRange) String() string {
	sets := make([]string, len(r.Sets))
	for i, set := range r.Sets {
		parts := make([]string, len(set))
		for j, c := range set {
			parts[j] = c.String()
		}
		sets[i] = strings.Join(parts, " ")
	}
	return strings.Join(sets, "||")
}

// IsAny reports whether some set accepts every release ("*", "x", "",
// ">=0.0.0").
func (r *NpmRange) IsAny() bool {
	for _, set := range r.Sets {
		if len(set) == 1 && (set[0].op == npmAny || (set[0].op == npmGTE && set[0].v.Compare(ver(0, 0, 0, "")) == 0)) {
			return true
		}
	}
	return false
}

// Bounded reports whether every set has an upper bound, so the range
// cannot float to arbitrarily new versions (TA-DEP-006's "open >="
// trigger is the opposite).
func (r *NpmRange) Bounded() bool {
	if r == nil {
		return false
	}
	for _, set := range r.Sets {
		upper := false
		for _, c := range set {
			switch c.op {
			case npmEQ, npmLT, npmLTE:
				upper = true
			}
		}
		if !upper {
			return false
		}
	}
	return true
}

// Exact reports whether the range pins a single version ("1.2.3",
// "=1.2.3").
func (r *NpmRange) Exact() bool {
	return r != nil && len(r.Sets) == 1 && len(r.Sets[0]) == 1 && r.Sets[0][0].op == npmEQ
}
