package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// What the TA-CSP rules share, read from the rules.CSP model: each
// target's parsed policy, whether Tauri modifies it, and what the bundled
// frontend holds.

// cspPtr is where the policy lives in the config.
const cspPtr = "/app/security/csp"

// targetCSP returns t's production policy: nil when there is none or the
// value is one Tauri rejects (the build fails then; not a CSP matter).
func targetCSP(p *rules.Project, t *rules.Target) *csp.Policy {
	return rules.CSP.Of(p).Policy(csp.Security(t.Config).Get("csp")).Policy
}

// cspTarget is a target whose configured policy Tauri applies.
type cspTarget struct {
	*rules.Target
	policy *csp.Policy
}

// cspTargets lists the targets that embed their assets and have a
// non-empty policy: the ones where the policy's contents matter. (With a
// remote frontendDist the page's own server headers apply; TA-CSP-001
// reports missing and empty policies.)
func cspTargets(p *rules.Project) []cspTarget {
	var out []cspTarget
	if p.Base == nil {
		return nil // the base config is unreadable: TA-CFG-000's finding
	}
	for _, t := range p.Targets {
		if pol := targetCSP(p, t); csp.EmbedsAssets(t.Config) && !pol.Empty() {
			out = append(out, cspTarget{t, pol})
		}
	}
	return out
}

// tauriAddsScriptSrc reports whether Tauri is known to put a script-src of
// its own ('self' plus hashes and nonces) into t's policy: injection is on
// and the bundle in the scanned tree has scripts. A policy without
// script-src then no longer governs scripts through default-src.
func tauriAddsScriptSrc(p *rules.Project, t *rules.Target) bool {
	b := rules.CSP.Of(p).Bundle(t.Config)
	return csp.InjectionOf(t.Config).Script && b.Built && b.Scripts
}

// scriptDirectives returns the distinct directives that govern scripts
// for the given directive names (effective, with fallback), leaving out
// default-src when Tauri is known to add a script-src of its own.
func scriptDirectives(p *rules.Project, ct cspTarget, names ...string) []*csp.Directive {
	var out []*csp.Directive
	for _, name := range names {
		d := ct.policy.Effective(name)
		if d == nil || (d.Name == "default-src" && tauriAddsScriptSrc(p, ct.Target)) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == d
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}

// scriptSource is one source of a directive that governs scripts, with
// whether that directive also allows eval (some bypasses need it).
type scriptSource struct {
	ct   cspTarget
	dir  *csp.Directive
	src  *csp.Source
	eval bool
}

// scriptSources lists the sources of script-src and script-src-elem
// (with fallback) on every target, leaving out directives with
// 'strict-dynamic', whose host list browsers ignore.
func scriptSources(p *rules.Project) []scriptSource {
	var out []scriptSource
	for _, ct := range cspTargets(p) {
		for _, d := range scriptDirectives(p, ct, "script-src", "script-src-elem") {
			if d.Find(csp.StrictDynamic) != nil {
				continue
			}
			eval := d.Find(csp.UnsafeEval) != nil
			for _, s := range d.Sources {
				out = append(out, scriptSource{ct, d, s, eval})
			}
		}
	}
	return out
}

// quoteSource quotes a source for a message; keywords, nonces and hashes
// carry their own quotes.
func quoteSource(s *csp.Source) string {
	if s.Kind == csp.Keyword || s.Kind == csp.Nonce || s.Kind == csp.Hash {
		return s.Text
	}
	return fmt.Sprintf("%q", s.Text)
}

// openSources returns the sources of d that match any host: "*", one of
// the given scheme sources, or a host source whose host is "*".
func openSources(d *csp.Directive, schemes ...string) []*csp.Source {
	var out []*csp.Source
	if d == nil {
		return nil
	}
	for _, s := range d.Sources {
		open := s.Kind == csp.Wildcard || (s.Kind == csp.Host && s.Host == "*")
		for _, sc := range schemes {
			open = open || (s.Kind == csp.Scheme && s.Scheme == sc)
		}
		if open {
			out = append(out, s)
		}
	}
	return out
}
