package capabilities

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// corpusDir is the workspace's corpus of real apps; tests that need it
// skip without it.
func corpusDir(t testing.TB) string { return testenv.Shared(t, "corpus") }

// corpusApps have committed gen/schemas/acl-manifests.json and
// capabilities.json.
var corpusApps = []string{"ActivityWatch__aw-tauri", "music-assistant__companion", "HuLaSpark__HuLa", "iblai__os"}

func readCorpus(t *testing.T, rel string, strict bool) *source.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir(t), rel))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	root, _, err := source.ParseJSON(source.NewFile(rel, data), strict)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return root
}

func skipWithoutCorpus(t *testing.T) { corpusDir(t) }

// unresolvable are the problems that mean a reference has no manifest.
var unresolvable = map[Kind]bool{PermissionNotFound: true, UnknownManifest: true, UnknownPermission: true, SetPermissionNotFound: true}

// TestCorpusResolves resolves real apps' capabilities (the committed
// capabilities.json, then the capability files themselves) against their
// committed manifests on every target: no reference may be unknown.
func TestCorpusResolves(t *testing.T) {
	skipWithoutCorpus(t)
	for _, app := range corpusApps {
		t.Run(app, func(t *testing.T) {
			dir := app + "/src-tauri/"
			committed := readCorpus(t, dir+"gen/schemas/acl-manifests.json", true)
			generated := readCorpus(t, dir+"gen/schemas/capabilities.json", true)
			if committed == nil || generated == nil {
				t.Fatal("committed schemas missing")
			}
			v := corpusTauriVersion(t, app)
			var files []Doc
			entries, _ := filepath.Glob(filepath.Join(corpusDir(t), dir, "capabilities", "*"))
			var rels []string
			for _, e := range entries {
				rels = append(rels, "capabilities/"+filepath.Base(e))
			}
			for _, rel := range DiscoverCapabilityFiles(rels, v) {
				files = append(files, Doc{Path: dir + rel, Root: readCorpus(t, dir+rel, true)})
			}
			for _, variant := range []struct {
				name string
				in   Inputs
			}{
				{"generated", Inputs{Version: v, Generated: generated, Manifests: ManifestInputs{Committed: committed, Core: CoreNone}}},
				{"files", Inputs{Version: v, CapabilityFiles: files, Manifests: ManifestInputs{Committed: committed, Core: CoreNone}}},
			} {
				m := Load(variant.in)
				for _, p := range m.Problems {
					t.Errorf("%s: load: %v", variant.name, p)
				}
				if len(m.Files.ByID) == 0 {
					t.Fatalf("%s: no capabilities", variant.name)
				}
				granted := 0
				for _, target := range source.Platforms {
					ta := m.Resolve(target, corpusConfigList(t, dir, target))
					for _, p := range ta.Problems {
						if unresolvable[p.Kind] && !mobileOnlyPlugin(m.ACL, target, p) {
							t.Errorf("%s/%s: %v", variant.name, target, p)
						}
					}
					granted += len(ta.Resolved.Allowed)
				}
				if granted == 0 {
					t.Errorf("%s: nothing resolved", variant.name)
				}
			}
		})
	}
}

// mobileOnlyPlugin excuses a mobile target's reference to a plugin that
// has no manifest at all: acl-manifests.json is written by the build that
// ran last, usually a desktop one, which does not see plugins the app
// depends on only for android and iOS (HuLa: barcode-scanner).
func mobileOnlyPlugin(acl *ACL, target source.Platform, p *Problem) bool {
	if !target.IsMobile() || p.Kind != PermissionNotFound {
		return false
	}
	id, err := ParseIdentifier(p.Node.String(), Version{})
	return err == nil && acl.Get(id.Key()) == nil
}

// corpusConfigList returns app.security.capabilities merged for target.
func corpusConfigList(t *testing.T, dir string, target source.Platform) *source.Node {
	cfg := readCorpus(t, dir+"tauri.conf.json", false)
	if pf := readCorpus(t, dir+"tauri."+target.FileTag()+".conf.json", false); pf != nil {
		cfg = source.MergePatch(cfg, pf)
	}
	return cfg.Get("app").Get("security").Get("capabilities")
}

// corpusTauriVersion reads the tauri version from the app's Cargo.lock.
func corpusTauriVersion(t *testing.T, app string) Version {
	data, err := os.ReadFile(filepath.Join(corpusDir(t), app, "src-tauri", "Cargo.lock"))
	if err != nil {
		return Version{}
	}
	_, rest, ok := strings.Cut(string(data), "\nname = \"tauri\"\nversion = \"")
	if !ok {
		return Version{}
	}
	v, err := ParseVersion(rest[:strings.IndexByte(rest, '"')])
	if err != nil {
		t.Fatal(err)
	}
	return v
}
