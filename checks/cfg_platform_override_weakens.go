package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// PlatformOverrideWeakens reports platform files and extra --config files
// that weaken a security setting of the base config.
var PlatformOverrideWeakens = &rules.Rule{
	ID:       "TA-CFG-009",
	Name:     "platform-override-weakens",
	Title:    "a platform or --config file weakens a security setting",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"config"},
	CWE:      []int{693},
	Doc: `Tauri merges tauri.<platform>.conf.json (and Tauri.<platform>.toml) on top of the base config
with JSON Merge Patch, and does the same with files passed to tauri build --config: null deletes
a key and arrays are replaced wholesale. That makes it easy to drop the CSP or widen
capabilities on one OS, or in one release flavour, without anyone reading the base file noticing.

Reported, at the value in the overriding file, when it makes the base weaker:

- app.security.csp or devCsp set to null (or a parent deleted) while the base has a policy;
- a dangerous* option under app or plugins turned on;
- app.security.capabilities replaced so that more ships: emptied (every file in capabilities/
  is then included), or new inline capabilities or identifiers the base list did not have;
- app.security.assetProtocol.enable turned on;
- build.frontendDist or a window url changed to a remote http(s) URL;
- the updater's endpoints or pubkey changed from the base values;
- freezePrototype turned off, or the isolation pattern replaced.

Extra files are the --config files and inline JSON of the tauri builds in the workflows and
package.json scripts, TAURI_CONFIG in a build step's environment, and the tauri.<name>.conf.json[5] /
Tauri.<name>.toml files next to the base config whose name is not a platform
(tauri.release.conf.json, tauri.appstore.conf.json): by convention they are --config files. An
updater pubkey or endpoint list the base leaves empty for such a file to supply is not weakened.

**Fix:** keep security settings in the base file; when a platform really needs a different
value, make it at least as strict, and review the merged per-platform result.

Bad (tauri.windows.conf.json):

~~~json
{ "app": { "security": { "csp": null } } }
~~~

Good (tauri.windows.conf.json): only what differs, as strict as the base.

~~~json
{ "app": { "security": { "csp": "default-src 'self'; connect-src ipc: http://ipc.localhost" } } }
~~~

**False positives:** a different CSP string, scope or endpoint list is not judged here (the CSP
and scope rules run on every platform's merged config); a release overlay that adds a narrowly
scoped capability is still reported, because it ships more than the base. Suppress with the
reason when intended.`,
	Run: platformOverrideWeakens,
}

// overrideFile is one file merged over the base config.
type overrideFile struct {
	root    *source.Node
	target  *rules.Target // nil for a --config file
	variant string        // the build variant that merges it, if known
}

func platformOverrideWeakens(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) || p.Base == nil {
		return nil
	}
	for _, ov := range overrideFiles(p) {
		for _, f := range weakenings(p.Base.Root, ov.root) {
			if ov.variant != "" {
				f.Message += " (variant: " + ov.variant + ")"
			}
			if ov.target != nil {
				pass.ReportOn(ov.target, f)
			} else {
				pass.Report(f)
			}
		}
	}
	return nil
}

// extraConfigName matches config files that are not the base or a
// platform file; the group is the flavour name.
var extraConfigName = lazyre.New(`^(?:tauri\.(.+)\.conf\.json5?|Tauri\.(.+)\.toml)$`)

// overrideFiles returns the platform file of each audited target, the
// layers of each build variant, then every other extra config file in the
// app directory.
func overrideFiles(p *rules.Project) []overrideFile {
	var out []overrideFile
	for _, t := range p.Targets {
		if t.Overlay != nil && t.Variant == nil {
			out = append(out, overrideFile{root: t.Overlay.Root, target: t})
		}
	}
	inVariant := map[string]bool{}
	for _, v := range p.Variants {
		for _, l := range v.Layers {
			if l.Root.File != nil && !inVariant[l.Root.File.Path] || l.Root.File != nil && l.Root.File.Path == v.Origin.File {
				out = append(out, overrideFile{root: l.Root, variant: v.Label})
				inVariant[l.Root.File.Path] = true
			}
		}
	}
	for _, f := range p.FilesUnder(p.Dir) {
		dir, name := path.Split(f)
		m := extraConfigName.FindStringSubmatch(name)
		if m == nil || path.Clean(dir) != p.Dir {
			continue
		}
		if _, isPlatform := source.ParsePlatform(m[1] + m[2]); isPlatform || inVariant[f] {
			continue
		}
		if root := p.Parse(f, configFormat(name)); root.Is(source.Object) {
			out = append(out, overrideFile{root: root})
		}
	}
	return out
}

// configFormat picks the parser Tauri uses for a config file name.
func configFormat(name string) rules.Format {
	switch path.Ext(name) {
	case ".json5":
		return rules.JSON5
	case ".toml":
		return rules.TOML
	}
	return rules.JSONConfig
}

// The comparisons: each looks at what an overriding file sets and at
// the base value it replaces.

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
		b := base.At("app", "security", key)
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
	b := base.At("app", "security", "capabilities").Items()
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
	if !o.IsTrue() || base.At("app", "security", "assetProtocol", "enable").IsTrue() {
		return nil
	}
	return []rules.Finding{overrideFinding(o, "assetProtocol", "enables the asset protocol, which the base config leaves off")}
}

// contentMadeRemote reports frontendDist or window urls switched to a
// remote site.
func contentMadeRemote(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	if o := overrideAt(ov, "build", "frontendDist"); urls.IsRemoteHTTP(o.String()) && !sameJSON(base.At("build", "frontendDist"), o) {
		out = append(out, overrideFinding(o, o.String(), "changes build.frontendDist to the remote url %q", o.String()))
	}
	baseURLs := map[string]string{}
	for _, w := range base.At("app", "windows").Items() {
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
		b := base.At("plugins", "updater", key)
		// A base left empty for the release build to fill in (a --config
		// variant supplying the key or endpoints) is not weakened.
		if o != nil && b != nil && !isEmptyValue(b) && !sameJSON(b, o) {
			out = append(out, overrideFinding(o, "updater."+key, "changes the updater %s set in the base config", key))
		}
	}
	return out
}

// isEmptyValue reports a blank string, an empty array or null.
func isEmptyValue(n *source.Node) bool {
	s, isStr := n.Str()
	return n.IsNull() || isStr && strings.TrimSpace(s) == "" || n.Kind == source.Array && len(n.Items()) == 0
}

// hardeningRemoved reports freezePrototype or the isolation pattern
// switched off.
func hardeningRemoved(base, ov *source.Node) []rules.Finding {
	var out []rules.Finding
	if o := overrideAt(ov, "app", "security", "freezePrototype"); o != nil && !o.IsTrue() &&
		base.At("app", "security", "freezePrototype").IsTrue() {
		out = append(out, overrideFinding(o, "freezePrototype", "turns off app.security.freezePrototype, which the base config sets"))
	}
	if o := overrideAt(ov, "app", "security", "pattern"); o != nil && !isIsolation(o) &&
		isIsolation(base.At("app", "security", "pattern")) {
		out = append(out, overrideFinding(o, "pattern", "replaces the base config's isolation pattern with %s", valueText(o)))
	}
	return out
}

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
