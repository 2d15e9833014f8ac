// Package csp parses the Content-Security-Policy a Tauri app configures in
// app.security.csp or devCsp, in both of Tauri's forms, and keeps the exact
// location of every directive and source expression so rules can point at
// the offending token.
//
// The string form is parsed with CSP3's "parse a serialized CSP" (§2.2.1):
// split on ';', split on ASCII whitespace, lower-case the directive name,
// and ignore a repeated directive (the first one wins). The object form
// (directive → string or array of strings) is read as the policy Tauri
// serializes from it: "name sources...; name sources...".
package csp

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Policy is a parsed policy.
type Policy struct {
	// Node is the configured value: a string or an object node.
	Node *source.Node
	// Directives are the directives in effect, in order.
	Directives []*Directive
	// Duplicates are later directives with a name already in effect; the
	// webview ignores them. Tauri's own injection rebuilds the policy
	// through a map that keeps the last one, so a duplicate makes the
	// policy ambiguous.
	Duplicates []*Directive
}

// Directive is one directive of a policy.
type Directive struct {
	Name    string          // lower-cased
	Text    string          // the name as written
	Loc     source.Location // of the name
	Sources []*Source
	// Known is false for a name that is not a CSP directive (a typo, or
	// "content-security-policy:" pasted from a header line).
	Known bool
}

// IsObject reports whether the policy was written in the object form.
func (p *Policy) IsObject() bool { return p != nil && p.Node != nil && p.Node.Kind == source.Object }

// Empty reports whether the policy has no directive at all.
func (p *Policy) Empty() bool { return p == nil || len(p.Directives) == 0 }

// Parse parses a csp or devCsp value. It returns nil for an absent or null
// value (no policy), and an error for a value Tauri's config would reject.
func Parse(n *source.Node) (*Policy, error) {
	if n == nil || n.IsNull() {
		return nil, nil
	}
	p := &Policy{Node: n}
	b := &builder{pol: p, seen: map[string]bool{}}
	switch n.Kind {
	case source.String:
		b.scan(valueSegment(n))
	case source.Object:
		for _, m := range n.Members() {
			if err := b.member(m); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("csp: %s is a %s, want a string or an object", n.Pointer, n.Kind)
	}
	return p, nil
}

// Get returns the directive in effect named name (lower-case), or nil.
func (p *Policy) Get(name string) *Directive {
	if p == nil {
		return nil
	}
	for _, d := range p.Directives {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Effective returns the directive that governs name: name itself or the
// first present directive of its fallback list (see Fallback), or nil when
// nothing restricts it.
func (p *Policy) Effective(name string) *Directive {
	for _, n := range Fallback(name) {
		if d := p.Get(n); d != nil {
			return d
		}
	}
	return nil
}

// Unknown returns the directives in effect whose names are not CSP
// directives.
func (p *Policy) Unknown() []*Directive {
	var out []*Directive
	if p == nil {
		return nil
	}
	for _, d := range p.Directives {
		if !d.Known {
			out = append(out, d)
		}
	}
	return out
}

// AbsentLocation is where to report that directive name is missing: the
// policy value, with the directive's own pointer in the object form.
func (p *Policy) AbsentLocation(name string) source.Location {
	if p == nil {
		return source.Location{}
	}
	loc := p.Node.Location()
	if p.IsObject() {
		loc.Pointer = source.Child(p.Node.Pointer, name)
	}
	return loc
}

// Find returns the first source that is keyword kw, or nil. It is nil-safe.
func (d *Directive) Find(kw string) *Source {
	if d == nil {
		return nil
	}
	for _, s := range d.Sources {
		if s.Is(kw) {
			return s
		}
	}
	return nil
}

// HasKind reports whether d lists a source of kind k.
func (d *Directive) HasKind(k Kind) bool {
	if d == nil {
		return false
	}
	for _, s := range d.Sources {
		if s.Kind == k {
			return true
		}
	}
	return false
}

// Only reports whether every source of d is one of the keywords kws (and
// d has at least one source).
func (d *Directive) Only(kws ...string) bool {
	if d == nil || len(d.Sources) == 0 {
		return false
	}
	for _, s := range d.Sources {
		ok := false
		for _, kw := range kws {
			ok = ok || s.Is(kw)
		}
		if !ok {
			return false
		}
	}
	return true
}

// fallbacks is CSP3's directive fallback list (§6.8.3) for the fetch
// directives that have one beyond default-src.
var fallbacks = map[string][]string{
	"script-src-elem":  {"script-src-elem", "script-src", "default-src"},
	"script-src-attr":  {"script-src-attr", "script-src", "default-src"},
	"style-src-elem":   {"style-src-elem", "style-src", "default-src"},
	"style-src-attr":   {"style-src-attr", "style-src", "default-src"},
	"worker-src":       {"worker-src", "child-src", "script-src", "default-src"},
	"frame-src":        {"frame-src", "child-src", "default-src"},
	"fenced-frame-src": {"fenced-frame-src", "frame-src", "child-src", "default-src"},
}

// fetchDirectives fall back to default-src.
var fetchDirectives = []string{"child-src", "connect-src", "default-src", "fenced-frame-src", "font-src",
	"frame-src", "img-src", "manifest-src", "media-src", "object-src", "prefetch-src", "script-src",
	"script-src-elem", "script-src-attr", "style-src", "style-src-elem", "style-src-attr", "worker-src"}

// otherDirectives are the non-fetch directives (no fallback).
var otherDirectives = []string{"base-uri", "form-action", "frame-ancestors", "navigate-to", "sandbox",
	"report-uri", "report-to", "upgrade-insecure-requests", "block-all-mixed-content",
	"require-trusted-types-for", "trusted-types", "require-sri-for", "plugin-types", "webrtc",
	"referrer", "disown-opener", "reflected-xss"}

// deprecated are directives no current engine enforces, with what replaced
// them: the webview ignores them, so whatever they were meant to restrict
// is not restricted.
var deprecated = map[string]string{
	"referrer":                "the Referrer-Policy header or <meta name=\"referrer\">",
	"reflected-xss":           "nothing: the XSS auditors it configured are gone",
	"disown-opener":           "the Cross-Origin-Opener-Policy header",
	"prefetch-src":            "nothing: prefetches are governed by default-src",
	"plugin-types":            "object-src 'none'",
	"block-all-mixed-content": "nothing: mixed content is blocked or upgraded by default",
	"navigate-to":             "nothing: it was dropped from CSP3 before any engine shipped it",
	"require-sri-for":         "integrity attributes: no engine enforces it",
}

// Deprecated returns what replaced the deprecated directive name, or "".
func Deprecated(name string) string { return deprecated[name] }

// sourceListDirectives are the directives whose value is a source list
// (CSP3 serialized-source-list); the others take flags, tokens, URLs or
// MIME types, which must not be read as hosts.
var sourceListDirectives = []string{"base-uri", "form-action", "frame-ancestors", "navigate-to"}

// IsSourceList reports whether name's value is a source list.
func IsSourceList(name string) bool {
	if isFetch(name) {
		return true
	}
	for _, n := range sourceListDirectives {
		if n == name {
			return true
		}
	}
	return false
}

// Fallback returns the directives consulted, in order, for name: for a
// fetch directive itself and then its fallbacks ending in default-src; for
// any other directive just itself.
func Fallback(name string) []string {
	if l, ok := fallbacks[name]; ok {
		return l
	}
	if name != "default-src" && isFetch(name) {
		return []string{name, "default-src"}
	}
	return []string{name}
}

func isFetch(name string) bool {
	for _, n := range fetchDirectives {
		if n == name {
			return true
		}
	}
	return false
}

// IsKnown reports whether name (lower-case) is a CSP directive.
func IsKnown(name string) bool {
	if isFetch(name) {
		return true
	}
	for _, n := range otherDirectives {
		if n == name {
			return true
		}
	}
	return false
}

// String serializes the policy as the webview receives it (without what
// Tauri injects).
func (p *Policy) String() string {
	if p == nil {
		return ""
	}
	parts := make([]string, 0, len(p.Directives))
	for _, d := range p.Directives {
		toks := []string{d.Name}
		for _, s := range d.Sources {
			toks = append(toks, s.Text)
		}
		parts = append(parts, strings.Join(toks, " "))
	}
	return strings.Join(parts, "; ")
}
