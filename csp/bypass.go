package csp

import (
	_ "embed"
	"strings"
)

// BypassKind says why a host defeats a script allowlist.
type BypassKind string

// The kinds of bypass host (see data/README.md).
const (
	JSONP     BypassKind = "jsonp"     // an endpoint that returns attacker-chosen script
	Angular   BypassKind = "angular"   // serves AngularJS, whose templates run injected markup
	Publish   BypassKind = "publish"   // anyone can publish the scripts it serves
	Subdomain BypassKind = "subdomain" // anyone can get a subdomain of it
)

// Bypass is one entry of the bypass host table.
type Bypass struct {
	Kind BypassKind
	Host string // lower-case; "*.suffix" for Subdomain
	// Path is a path the host serves; with Open set it is a prefix and the
	// attacker picks the rest.
	Path      string
	Open      bool
	NeedsEval bool   // works only with 'unsafe-eval' in the same directive
	Source    string // the key of the public source, see data/README.md
}

// URL is the entry written as a URL, for messages.
func (b *Bypass) URL() string {
	u := "https://" + b.Host + b.Path
	if b.Open {
		u += "…"
	}
	return u
}

//go:embed data/bypass-hosts.txt
var bypassData string

// bypasses is the table, parsed once; a malformed line is a test failure
// (TestBypassTable), not a panic.
var bypasses = parseBypasses(bypassData)

func parseBypasses(data string) []Bypass {
	var out []Bypass
	for _, line := range strings.Split(data, "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		b := Bypass{Kind: BypassKind(f[0]), Host: strings.ToLower(f[1]), Path: f[2], Source: f[3]}
		b.Path, b.Open = strings.CutSuffix(b.Path, "*")
		b.NeedsEval = len(f) > 4 && f[4] == "eval"
		out = append(out, b)
	}
	return out
}

// KnownBypass returns the table entry that source s allows a script from
// (the most general one when several match), or nil. eval says whether the directive also lists 'unsafe-eval'.
// Only host sources that can match https URLs are considered.
func (s *Source) KnownBypass(eval bool) *Bypass {
	if s == nil || s.Kind != Host || !(s.Scheme == "" || s.Scheme == "http" || s.Scheme == "https") {
		return nil
	}
	switch s.Port {
	case "", "*", "443", "80": // CSP3 lets :80 match an upgraded :443
	default:
		return nil
	}
	host := strings.TrimSuffix(s.Host, ".")
	var best *Bypass
	for i := range bypasses {
		b := &bypasses[i]
		if (b.NeedsEval && !eval) || !bypassHostMatches(host, b) || !bypassPathMatches(s.Path, b) {
			continue
		}
		if best == nil || bypassRank[b.Kind] < bypassRank[best.Kind] {
			best = b
		}
	}
	return best
}

// bypassRank orders the kinds by how little the attacker needs: a host
// that serves anything published beats one endpoint or library.
var bypassRank = map[BypassKind]int{Publish: 0, Subdomain: 1, Angular: 2, JSONP: 3}

// bypassHostMatches applies CSP3 host matching: an exact host, or a "*."
// wildcard that covers the entry's host. A Subdomain entry is matched only
// by a wildcard over its suffix: a named subdomain belongs to someone.
func bypassHostMatches(host string, b *Bypass) bool {
	if b.Kind == Subdomain {
		suffix := strings.TrimPrefix(b.Host, "*.")
		base, ok := strings.CutPrefix(host, "*.")
		return ok && (suffix == base || strings.HasSuffix(suffix, "."+base))
	}
	if base, ok := strings.CutPrefix(host, "*."); ok {
		return strings.HasSuffix(b.Host, "."+base)
	}
	return host == b.Host
}

// bypassPathMatches applies CSP3 path matching: no path (or "/") matches
// everything, a path ending in "/" is a prefix, any other path is exact.
func bypassPathMatches(p string, b *Bypass) bool {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i] // the query and fragment take no part in matching
	}
	switch {
	case p == "":
		return true
	case strings.HasSuffix(p, "/"):
		return strings.HasPrefix(b.Path, p)
	}
	return !b.Open && p == b.Path
}
