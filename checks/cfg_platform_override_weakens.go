package checks

import (
	"path"
	"regexp"

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

Extra files are the tauri.<name>.conf.json[5] / Tauri.<name>.toml files next to the base config
whose name is not a platform (tauri.release.conf.json, tauri.appstore.conf.json): by convention
they are --config files. Values given in the TAURI_CONFIG environment variable or inline JSON on
the command line are not seen.

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
	root   *source.Node
	target *rules.Target // nil for a --config file
}

func platformOverrideWeakens(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) || p.Base == nil {
		return nil
	}
	for _, ov := range overrideFiles(p) {
		for _, f := range weakenings(p.Base.Root, ov.root) {
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
var extraConfigName = regexp.MustCompile(`^(?:tauri\.(.+)\.conf\.json5?|Tauri\.(.+)\.toml)$`)

// overrideFiles returns the platform file of each audited target, then
// every extra config file in the app directory.
func overrideFiles(p *rules.Project) []overrideFile {
	var out []overrideFile
	for _, t := range p.Targets {
		if t.Overlay != nil {
			out = append(out, overrideFile{root: t.Overlay.Root, target: t})
		}
	}
	for _, f := range p.FilesUnder(p.Dir) {
		dir, name := path.Split(f)
		m := extraConfigName.FindStringSubmatch(name)
		if m == nil || path.Clean(dir) != p.Dir {
			continue
		}
		if _, isPlatform := source.ParsePlatform(m[1] + m[2]); isPlatform {
			continue
		}
		if root := p.Parse(f, configFormat(name)); nodeKind(root) == source.Object {
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
