package capabilities

import (
	"sync"

	"github.com/tauriaudit/tauriaudit/capabilities/plugindb"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CoreManifests returns tauri's core manifests for version v (tauri-acl
// §10) from the embedded database: "core" (only the core:default set)
// and "core:<module>" for each module, as tauri's build.rs generates
// them. The note is non-empty when the database has no data for v and
// the nearest lower (or, for a newer or unknown v, the newest) release is
// used instead.
func CoreManifests(v Version) ([]*Manifest, string) {
	version := ""
	if v.Known() {
		version = v.String()
	}
	m := coreMatch(version)
	if m == nil {
		return nil, "the embedded database holds no tauri core permissions"
	}
	root, err := parsedCore(m)
	if err != nil {
		return nil, "the embedded tauri core permissions cannot be read: " + err.Error()
	}
	ms, _ := ParseACLManifests(root)
	for _, man := range ms {
		builtin(man)
	}
	return ms, m.Note()
}

// builtin marks a core manifest's permissions and sets as built into
// tauri: they have no file in the app to point at.
func builtin(m *Manifest) {
	sets := []*Set{m.Default}
	for _, s := range m.Sets {
		sets = append(sets, s)
	}
	for _, s := range sets {
		if s != nil {
			s.Node, s.MemberNodes, s.Source = nil, nil, SourceCoreBuiltin
		}
	}
	for _, p := range m.Permissions {
		p.Node, p.Source = nil, SourceCoreBuiltin
	}
}

// coreMatches caches plugindb.Core by requested version: assembling the
// core document costs about as much as parsing it, and every app (and
// every fuzz input) asks again.
var coreMatches sync.Map // requested version -> *plugindb.Match, nil when none

func coreMatch(version string) *plugindb.Match {
	if m, ok := coreMatches.Load(version); ok {
		return m.(*plugindb.Match)
	}
	m, ok := plugindb.Core(version)
	if !ok {
		m = nil
	}
	got, _ := coreMatches.LoadOrStore(version, m)
	return got.(*plugindb.Match)
}

// coreDocs holds the parsed core document of each release: a scan of many
// apps asks for the same one again and again, and source trees are never
// modified once built, so they can be shared.
var coreDocs sync.Map // release version -> coreDoc

type coreDoc struct {
	root *source.Node
	err  error
}

func parsedCore(m *plugindb.Match) (*source.Node, error) {
	if d, ok := coreDocs.Load(m.Version); ok {
		return d.(coreDoc).root, d.(coreDoc).err
	}
	root, _, err := source.ParseJSON(source.NewFile("(embedded)/core-"+m.Version+"/acl-manifests.json", m.JSON), true)
	d, _ := coreDocs.LoadOrStore(m.Version, coreDoc{root, err})
	return d.(coreDoc).root, d.(coreDoc).err
}
