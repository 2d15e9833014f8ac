package audit

import (
	"net/url"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// WindowRef is a window or webview label the app uses: from app.windows,
// or written literally in a capability.
type WindowRef struct {
	Label string
	Node  *source.Node
	// Pattern is set for a group of windows known only by a capability's
	// glob ("windows matching *").
	Pattern bool
}

func (w WindowRef) String() string {
	if w.Pattern {
		return "windows matching " + `"` + w.Label + `"`
	}
	return `window "` + w.Label + `"`
}

// verb picks the singular or plural form for the reference.
func (w WindowRef) Verb(one, many string) string {
	if w.Pattern {
		return many
	}
	return one
}

// windowRefs lists the labels of app.windows, then the literal labels
// capabilities name, each once.
func (v *View) WindowRefs() []WindowRef {
	var out []WindowRef
	seen := map[string]bool{}
	for _, w := range v.windows {
		l := windowLabel(w)
		n := w.Get("label")
		if n == nil {
			n = w
		}
		if !seen[l] {
			seen[l] = true
			out = append(out, WindowRef{Label: l, Node: n})
		}
	}
	for _, c := range v.Caps {
		for _, l := range append(slices.Clone(c.Windows), c.Webviews...) {
			if !strings.ContainsAny(l.Pattern, "*?[") && !seen[l.Pattern] {
				seen[l.Pattern] = true
				out = append(out, WindowRef{Label: l.Pattern, Node: l.Node})
			}
		}
	}
	return out
}

// CapMatches reports whether a capability applies to the local pages of
// a window.
func CapMatches(c *capabilities.Capability, label string, pf source.Platform) bool {
	return c.Local && CapMatchesLabel(c, label, pf)
}

// CapMatchesLabel reports whether a window or webview glob of c matches
// label (capabilities.CompileGlob: Rust glob semantics, tauri-acl §9.3).
func CapMatchesLabel(c *capabilities.Capability, label string, pf source.Platform) bool {
	for _, l := range append(slices.Clone(c.Windows), c.Webviews...) {
		if g, err := capabilities.CompileGlob(l.Pattern, pf == source.Windows); err == nil && g.Match(label) {
			return true
		}
	}
	return false
}

// RemoteMatches reports whether a remote.urls pattern of c matches the
// page URL or its origin.
func RemoteMatches(c *capabilities.Capability, raw string) bool {
	tests := []string{raw}
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Host != "" {
		tests = append(tests, u.Scheme+"://"+u.Host+"/")
	}
	for _, r := range c.Remote {
		pat, err := capabilities.CompileRemoteURL(r.Pattern)
		if err == nil && slices.ContainsFunc(tests, pat.Test) {
			return true
		}
	}
	return false
}

// localHolders returns, per window, the reachable local capabilities that
// apply to it; capabilities that apply to none of the known windows form
// a group named after their first pattern.
func (v *View) LocalHolders() ([]WindowRef, map[string][]*capabilities.Capability) {
	refs := v.WindowRefs()
	holders := map[string][]*capabilities.Capability{}
	used := map[*capabilities.Capability]bool{}
	for _, r := range refs {
		for _, c := range v.Caps {
			if CapReachable(c) && CapMatches(c, r.Label, v.Platform) {
				holders[r.Label] = append(holders[r.Label], c)
				used[c] = true
			}
		}
	}
	for _, c := range v.Caps {
		if used[c] || !CapReachable(c) || !c.Local {
			continue
		}
		l := append(slices.Clone(c.Windows), c.Webviews...)[0]
		key := "\x00" + l.Pattern
		if _, ok := holders[key]; !ok {
			refs = append(refs, WindowRef{Label: l.Pattern, Node: l.Node, Pattern: true})
		}
		holders[key] = append(holders[key], c)
	}
	return refs, holders
}

// HolderKey is the holders map key of a reference.
func HolderKey(r WindowRef) string {
	if r.Pattern {
		return "\x00" + r.Label
	}
	return r.Label
}

// localGrants returns the live grants of some capabilities.
func (v *View) LocalGrants(cs []*capabilities.Capability) []*Grant {
	var out []*Grant
	for _, g := range v.Live() {
		if slices.Contains(cs, g.Cap) {
			out = append(out, g)
		}
	}
	return out
}

// locate returns where a finding about a window goes.
func (w WindowRef) Locate() source.Location { return w.Node.Location() }

// windowLabel returns a window's label; Tauri defaults it to "main".
func windowLabel(w *source.Node) string {
	if s, ok := w.Get("label").Str(); ok {
		return s
	}
	return "main"
}
