package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// This file holds the comparisons of TA-CFG-009: each looks at what an
// overriding file sets and at the base value it replaces.

// weakenings lists what ov makes weaker than base.
func weakenings(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	for _, check := range []func(base, ov *source.Node) []rules.Finding{
		cspRemoved, dangerousEnabled, capabilitiesWidened, assetProtocolEnabled,
		contentMadeRemote, updaterChanged, hardeningRemoved,
	} {
		out = append(out, check(base, ov)...)
	}
	return out
}

// overrideAt returns what ov sets at keys: the value, a null that deletes
// it or one of its parents, or nil when ov leaves it alone.
func overrideAt(ov *source.Node, keys ...string) *source.Node {
	n := ov
	for _, k := range keys {
		if n.IsNull() {
			return n
		}
		if n = n.Field(k); n == nil {
			return nil
		}
	}
	return n
}

func overrideFinding(n *source.Node, subject, format string, args ...any) rules.Finding {
	return rules.Finding{Location: n.Location(), Subject: subject, Message: fmt.Sprintf(format, args...)}
}

func cspRemoved(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	for _, key := range []string{"csp", "devCsp"} {
		o := overrideAt(ov, "app", "security", key)
		b := configAt(base, "app", "security", key)
		if o.IsNull() && b != nil && !b.IsNull() {
			out = append(out, overrideFinding(o, key, "removes app.security.%s, which the base config sets", key))
		}
	}
	return out
}

func dangerousEnabled(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	for _, top := range []string{"app", "plugins"} {
		eachDangerousKey(ov.Get(top), top, func(key string, v *source.Node) {
			if isNonDefault(v) && !sameJSON(base.Lookup(v.Pointer), v) {
				out = append(out, overrideFinding(v, key, "sets %s to %s", key, valueText(v)))
			}
		})
	}
	return out
}

// capabilitiesWidened reports a replaced capability list that ships more
// than the base one (tauri-acl: an empty list selects every file).
func capabilitiesWidened(base, ov *source.Node) []rules.Finding {
	o := overrideAt(ov, "app", "security", "capabilities")
	b := configAt(base, "app", "security", "capabilities").Items()
	if o == nil {
		return nil
	}
	if len(o.Items()) == 0 {
		if len(b) == 0 {
			return nil
		}
		return []rules.Finding{overrideFinding(o, "capabilities", "empties app.security.capabilities, so every file in capabilities/ ships instead of the base list")}
	}
	var out []rules.Finding
	for _, c := range o.Items() {
		inBase := slices.ContainsFunc(b, func(x *source.Node) bool { return sameJSON(x, c) })
		// With an empty base list every file ships, so a reference narrows.
		if inBase || c.Kind == source.String && len(b) == 0 {
			continue
		}
		id := c.String()
		if c.Kind == source.Object {
			id = c.Get("identifier").String()
		}
		out = append(out, overrideFinding(c, id, "adds capability %q to app.security.capabilities", id))
	}
	return out
}

func assetProtocolEnabled(base, ov *source.Node) []rules.Finding {
	o := overrideAt(ov, "app", "security", "assetProtocol", "enable")
	if !o.IsTrue() || configAt(base, "app", "security", "assetProtocol", "enable").IsTrue() {
		return nil
	}
	return []rules.Finding{overrideFinding(o, "assetProtocol", "enables the asset protocol, which the base config leaves off")}
}

// contentMadeRemote reports frontendDist or window urls switched to a
// remote site.
func contentMadeRemote(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	if o := overrideAt(ov, "build", "frontendDist"); urls.IsRemoteHTTP(o.String()) && !sameJSON(configAt(base, "build", "frontendDist"), o) {
		out = append(out, overrideFinding(o, o.String(), "changes build.frontendDist to the remote url %q", o.String()))
	}
	baseURLs := map[string]string{}
	for _, w := range configAt(base, "app", "windows").Items() {
		baseURLs[windowLabel(w)] = w.Get("url").String()
	}
	for _, w := range overrideAt(ov, "app", "windows").Items() {
		u := w.Get("url")
		if urls.IsRemoteHTTP(u.String()) && baseURLs[windowLabel(w)] != u.String() {
			out = append(out, overrideFinding(u, u.String(), "changes the url of window %q to the remote site %q", windowLabel(w), u.String()))
		}
	}
	return out
}

func updaterChanged(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	for _, key := range []string{"endpoints", "pubkey"} {
		o := overrideAt(ov, "plugins", "updater", key)
		b := configAt(base, "plugins", "updater", key)
		if o != nil && b != nil && !sameJSON(b, o) {
			out = append(out, overrideFinding(o, "updater."+key, "changes the updater %s set in the base config", key))
		}
	}
	return out
}

// hardeningRemoved reports freezePrototype or the isolation pattern
// switched off.
func hardeningRemoved(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	if o := overrideAt(ov, "app", "security", "freezePrototype"); o != nil && !o.IsTrue() &&
		configAt(base, "app", "security", "freezePrototype").IsTrue() {
		out = append(out, overrideFinding(o, "freezePrototype", "turns off app.security.freezePrototype, which the base config sets"))
	}
	if o := overrideAt(ov, "app", "security", "pattern"); o != nil && !isIsolation(o) &&
		isIsolation(configAt(base, "app", "security", "pattern")) {
		out = append(out, overrideFinding(o, "pattern", "replaces the base config's isolation pattern with %s", valueText(o)))
	}
	return out
}

// isIsolation reports whether a pattern value selects the isolation pattern.
func isIsolation(pattern *source.Node) bool { return pattern.Get("use").String() == "isolation" }

// sameJSON reports whether a and b hold equal JSON values.
func sameJSON(a, b *source.Node) bool {
	if a == nil || b == nil || a.Kind != b.Kind {
		return a == nil && b == nil
	}
	switch a.Kind {
	case source.Array:
		ai, bi := a.Items(), b.Items()
		if len(ai) != len(bi) {
			return false
		}
		for i := range ai {
			if !sameJSON(ai[i], bi[i]) {
				return false
			}
		}
		return true
	case source.Object:
		if len(a.Members()) != len(b.Members()) {
			return false
		}
		for _, m := range a.Members() {
			if !sameJSON(m.Value, b.Get(m.Name)) {
				return false
			}
		}
		return true
	case source.Bool:
		return a.IsTrue() == b.IsTrue()
	case source.Number:
		x, _ := a.Float()
		y, _ := b.Float()
		return x == y
	}
	return a.String() == b.String()
}
