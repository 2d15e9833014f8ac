package rules

import (
	"encoding/json"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/plugindb"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Where a plugin's permissions came from, in precedence order.
const (
	FromCommitted = "committed acl-manifests.json"
	FromCrate     = "crate permission files"
	FromFlag      = "--plugin-manifests"
	FromDatabase  = "embedded database"
	FromNone      = "none: the plugin defines no permissions"
	FromNowhere   = "unavailable"
)

// PluginOrigin says where the scan found one plugin's permissions and
// which release they describe.
type PluginOrigin struct {
	Key   string `json:"key"`
	Crate string `json:"crate"`
	// Version is the plugin version the app uses, VersionFrom where it was
	// read ("Cargo.lock", "package.json") or "" when unknown.
	Version     string `json:"version,omitempty"`
	VersionFrom string `json:"version_from,omitempty"`
	Source      string `json:"source"`
	// Release is the database release used, Match how it was chosen
	// (plugindb.Exact...) and Note why it differs from Version.
	Release string `json:"release,omitempty"`
	Match   string `json:"match,omitempty"`
	Note    string `json:"note,omitempty"`
}

// pluginSources finds each plugin's permissions by precedence: the
// committed acl-manifests.json, then the crate's own files (path,
// vendored or registry), then --plugin-manifests, then the embedded
// database. It fills in's plugin files and embedded manifests, and
// returns each plugin's origin.
func (p *Project) pluginSources(deps []*PluginDep, in *capabilities.ManifestInputs) map[string]*PluginOrigin {
	origins := map[string]*PluginOrigin{}
	in.Plugins = map[string][]capabilities.Doc{}
	in.Embedded = map[string]*source.Node{}
	extra := p.newUserManifests()
	for _, d := range deps {
		o := &PluginOrigin{Key: d.Key, Crate: d.Crate, Version: d.Version, Source: FromNowhere}
		if d.Version != "" {
			o.VersionFrom = "Cargo.lock"
		}
		origins[d.Key] = o
		if in.Committed.Get(d.Key) != nil {
			o.Source = FromCommitted
			continue
		}
		if docs := p.pluginPermissionDocs(d); len(docs) > 0 {
			o.Source = FromCrate
			in.Plugins[d.Key] = docs
			continue
		}
		if docs := extra.crateDocs(d); len(docs) > 0 {
			o.Source = FromFlag
			in.Plugins[d.Key] = docs
			continue
		}
		if n := extra.manifest(d.Key); n != nil {
			o.Source = FromFlag
			in.Embedded[d.Key] = n
			continue
		}
		if d.Path != "" {
			continue // a local crate: the database does not describe it
		}
		if plugindb.NoPermissions(d.Key) {
			o.Source = FromNone
			continue
		}
		if o.Version == "" {
			if v := p.npmPluginVersion(d.Key); v != "" {
				o.Version, o.VersionFrom = v, "package.json"
			}
		}
		if root := p.embeddedManifest(o); root != nil {
			o.Source = FromDatabase
			if git := d.Node.Get("git").String(); git != "" {
				o.Note = joinNotes("git dependency "+git+": the permissions of the published release are used; the git revision may differ", o.Note)
			}
			in.Embedded[d.Key] = root.Get(d.Key)
		}
	}
	return origins
}

// embeddedManifest looks the plugin up in the database and parses its
// manifest as a file of its own, named for the release, so that its
// permissions have a location like a committed manifest's. The parse is
// shared by every app of the scan that uses the same release.
func (p *Project) embeddedManifest(o *PluginOrigin) *source.Node {
	m, ok := plugindb.Lookup(o.Key, o.Version)
	if !ok {
		return nil
	}
	o.Release, o.Match, o.Note = m.Version, m.How, m.Note()
	if o.VersionFrom == "package.json" && m.How == plugindb.Exact {
		o.Note = "the crate version is not locked; using the release matching the npm package version " + o.Version
	}
	return p.tree.parseEmbedded("(embedded)/"+o.Key+"-"+m.Version+"/acl-manifests.json", m.JSON)
}

// npmSpecVersion finds the first full version in an npm range ("^2.2.0").
var npmSpecVersion = lazyre.New(`\d+\.\d+\.\d+`)

// npmPluginVersion returns the version of the plugin's npm package
// (@tauri-apps/plugin-<key>) in the nearest package.json, or "".
func (p *Project) npmPluginVersion(key string) string {
	rel := p.FindUp("package.json")
	if rel == "" {
		return ""
	}
	f := p.Read(rel)
	if f == nil {
		return ""
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if json.Unmarshal(f.Data, &pkg) != nil {
		return ""
	}
	spec, ok := pkg.Dependencies["@tauri-apps/plugin-"+key]
	if !ok {
		spec = pkg.DevDependencies["@tauri-apps/plugin-"+key]
	}
	return npmSpecVersion.FindString(spec)
}

func joinNotes(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}
