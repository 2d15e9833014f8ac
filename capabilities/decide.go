package capabilities

import (
	"fmt"
	"strings"
)

// The runtime authority's rules, as Decision.Rule names them.
const (
	RuleChannelFetch = "channel-fetch"           // never checked
	RuleAppUnchecked = "app-command-unchecked"   // app command, ACL not consulted
	RuleDenied       = "denied"                  // a deny entry wins everywhere
	RuleAllowed      = "allowed"                 // an allow entry matches the caller
	RuleNoGrant      = "not-granted"             // no enabled capability allows it
	RuleOrigin       = "origin-not-granted"      // granted, but not to this origin
	RuleLabels       = "window-webview-mismatch" // granted to this origin, other labels
)

// Decision is the runtime authority's answer for one IPC call, with the
// grants that decided it.
type Decision struct {
	Allowed bool
	Rule    string
	Reason  string
	// Matched are the allow entries that match the caller (their command
	// scopes are what the command receives); Denials the deny entries;
	// Unmatched the allow entries for the command that do not match it.
	Matched, Denials, Unmatched []*Grant
}

// Decide answers one call as Tauri's runtime authority does (tauri-acl
// §9.1–9.2): the channel command is never checked; an app command is
// checked only when the app has an app manifest (or, from tauri 2.11.1,
// when the origin is remote); a command any capability denies is refused
// for every caller; otherwise an allow entry must match the origin and the
// window or the webview label.
func (r *Resolved) Decide(cmd, window, webview string, o Origin, v Version) Decision {
	if cmd == ChannelFetch {
		return Decision{Allowed: true, Rule: RuleChannelFetch,
			Reason: "the channel fetch command is never checked against the ACL"}
	}
	if !ACLChecked(cmd, r.HasApp, o, v) {
		why := "the call is local"
		if o.Remote {
			why = "tauri before 2.11.1 does not check app commands from remote origins either"
		}
		return Decision{Allowed: true, Rule: RuleAppUnchecked,
			Reason: "app commands are not checked against the ACL: the app has no app manifest (no build.rs AppManifest and no permissions/ files) and " + why}
	}
	d := Decision{Denials: r.Denied[cmd]}
	if len(d.Denials) > 0 {
		d.Rule = RuleDenied
		d.Reason = "explicitly denied by " + describeGrants(d.Denials) + "; a deny refuses the command for every origin, window and webview"
		return d
	}
	d.Matched = r.ResolveAccess(cmd, window, webview, o)
	for _, g := range r.Allowed[cmd] {
		if !containsGrant(d.Matched, g) {
			d.Unmatched = append(d.Unmatched, g)
		}
	}
	switch {
	case len(d.Matched) > 0:
		d.Allowed, d.Rule = true, RuleAllowed
		d.Reason = "allowed by " + describeGrants(d.Matched)
	case len(d.Unmatched) == 0:
		d.Rule, d.Reason = RuleNoGrant, "no enabled capability allows "+cmd+" on this target"
	case !anyOrigin(d.Unmatched, o):
		d.Rule = RuleOrigin
		d.Reason = "allowed only for " + contexts(d.Unmatched) + ", not for " + originText(o)
	default:
		d.Rule = RuleLabels
		d.Reason = fmt.Sprintf("allowed for %s only on %s, not on window %q / webview %q",
			originText(o), labels(d.Unmatched, o), window, webview)
	}
	return d
}

func containsGrant(gs []*Grant, g *Grant) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

func anyOrigin(gs []*Grant, o Origin) bool {
	for _, g := range gs {
		if g.Context.matches(o) {
			return true
		}
	}
	return false
}

func originText(o Origin) string {
	if o.Remote {
		return "remote origin " + o.URL
	}
	return "the local origin"
}

// describeGrants names the capabilities and permissions behind grants.
func describeGrants(gs []*Grant) string {
	var parts []string
	for _, g := range gs {
		ref := refOf(g.Provenance)
		s := fmt.Sprintf("capability %q (%s:%d) permission %s", ref.Capability, ref.File, ref.Line, ref.Permission)
		if len(ref.Via) > 0 {
			s += " via " + strings.Join(ref.Via, " > ")
		}
		parts = append(parts, s)
	}
	return strings.Join(dedupe(parts), "; ")
}

func contexts(gs []*Grant) string {
	var out []string
	for _, g := range gs {
		out = append(out, originName(g.Context))
	}
	return strings.Join(dedupe(out), ", ")
}

func labels(gs []*Grant, o Origin) string {
	var out []string
	for _, g := range gs {
		if !g.Context.matches(o) {
			continue
		}
		for _, w := range g.Windows {
			out = append(out, "window "+w.Pattern)
		}
		for _, w := range g.Webviews {
			out = append(out, "webview "+w.Pattern)
		}
	}
	return strings.Join(dedupe(out), ", ")
}

func dedupe(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// GrantView is one allow entry in a flat form: the context and labels it
// applies to and the capability entry behind it.
type GrantView struct {
	Origin   string   `json:"origin"` // "local" or the remote URL pattern
	Windows  []string `json:"windows"`
	Webviews []string `json:"webviews"`
	GrantRef
}

// RefOf points at the capability entry behind a grant.
func RefOf(g *Grant) GrantRef { return refOf(g.Provenance) }

// ViewGrant flattens a grant.
func ViewGrant(g *Grant) GrantView {
	v := GrantView{Origin: originName(g.Context), Windows: []string{}, Webviews: []string{}, GrantRef: refOf(g.Provenance)}
	for _, w := range g.Windows {
		v.Windows = append(v.Windows, w.Pattern)
	}
	for _, w := range g.Webviews {
		v.Webviews = append(v.Webviews, w.Pattern)
	}
	return v
}

// ScopesOf is the command scope the matched grants hand the command, in
// order, each scope once.
func ScopesOf(r *Resolved, matched []*Grant) ScopeView {
	sv := ScopeView{Allow: []any{}, Deny: []any{}}
	for _, s := range r.CommandScopes(dedupeGrantsByScope(matched)) {
		sv.Allow = append(sv.Allow, Values(s.Allow)...)
		sv.Deny = append(sv.Deny, Values(s.Deny)...)
	}
	return sv
}

func dedupeGrantsByScope(gs []*Grant) []*Grant {
	var out []*Grant
	seen := map[int]bool{}
	for _, g := range gs {
		if !seen[g.ScopeID] {
			seen[g.ScopeID] = true
			out = append(out, g)
		}
	}
	return out
}

// GlobalScopeOf is the global scope of cmd's plugin, which every command
// of the plugin sees whatever the caller (tauri-acl §7.5).
func GlobalScopeOf(r *Resolved, cmd string) (ScopeView, bool) {
	key, ok := pluginKey(cmd)
	if !ok {
		return ScopeView{}, false
	}
	for _, k := range []string{key, "core:" + key} {
		if g := r.Global[k]; g != nil {
			return ScopeView{Allow: nonNil(Values(g.Allow)), Deny: nonNil(Values(g.Deny))}, true
		}
	}
	return ScopeView{}, false
}

// pluginKey is the manifest key of a "plugin:<key>|<cmd>" command.
func pluginKey(cmd string) (string, bool) {
	rest, ok := strings.CutPrefix(cmd, "plugin:")
	if !ok {
		return "", false
	}
	key, _, ok := strings.Cut(rest, "|")
	return key, ok
}
