package deps

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// corpusDir holds sixteen real Tauri v2 applications' dependency and
// workflow files (see its INDEX.md).
func corpusDir(t testing.TB) string { return testenv.Shared(t, "corpus") }

// corpusFiles returns corpus files by base name (or workflow files for
// "workflow"), relative slash paths, sorted.
func corpusFiles(t *testing.T, kind string) map[string]*source.File {
	t.Helper()
	dir := corpusDir(t)
	out := map[string]*source.File{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		match := path.Base(rel) == kind
		if kind == "workflow" {
			match = path.Dir(path.Dir(rel)) != "." && strings.HasSuffix(path.Dir(rel), ".github/workflows") &&
				(strings.HasSuffix(rel, ".yml") || strings.HasSuffix(rel, ".yaml"))
		}
		if match {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = source.NewFile(rel, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// countLines counts lines matching re.
func countLines(data []byte, re *regexp.Regexp) int {
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if re.Match(sc.Bytes()) {
			n++
		}
	}
	return n
}

func TestCorpusCargoLock(t *testing.T) {
	tomlReady(t)
	files := corpusFiles(t, "Cargo.lock")
	if len(files) < 20 {
		t.Fatalf("only %d Cargo.lock files", len(files))
	}
	header := regexp.MustCompile(`^\[\[package\]\]$`)
	for _, p := range sortedKeys(files) {
		f := files[p]
		lk, err := ParseCargoLock(f)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, lk.Diagnostics)
		if want := countLines(f.Data, header); len(lk.Entries) != want || want < 50 {
			t.Errorf("%s: %d entries, want %d", p, len(lk.Entries), want)
		}
		if lk.Version != "3" && lk.Version != "4" {
			t.Errorf("%s: version %q", p, lk.Version)
		}
		for _, e := range lk.Entries {
			if e.Source == SourceRegistry && e.Integrity == "" {
				t.Errorf("%s: registry crate %s without checksum", p, e.Key)
			}
		}
	}
	gg := files["gulbanana__gg/Cargo.lock"]
	lk, _ := ParseCargoLock(gg)
	tauri := entry(t, lk, "tauri", "2.11.1")
	if at(tauri.Loc) != "6449:1" || at(tauri.VersionLoc) != "6450:11" || !IsCratesIO(tauri.Resolved) {
		t.Errorf("gg tauri at %s / %s", at(tauri.Loc), at(tauri.VersionLoc))
	}
	lk, _ = ParseCargoLock(files["infinilabs__coco-app/src-tauri/Cargo.lock"])
	apps := entry(t, lk, "applications", "0.3.1")
	if g := apps.Git(); g == nil || g.RefKey != "rev" || g.Commit != "0b086c036b13178048252cddba2c46868a55352e" || at(apps.ResolvedLoc) != "335:10" {
		t.Errorf("coco applications = %+v", g)
	}
}

func TestCorpusCargoManifests(t *testing.T) {
	tomlReady(t)
	files := corpusFiles(t, "Cargo.toml")
	manifests := map[string]*CargoManifest{}
	for _, p := range sortedKeys(files) {
		m, err := ParseCargoManifest(files[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, m.Diagnostics)
		manifests[p] = m
	}
	// Resolve workspace inheritance against the nearest ancestor
	// manifest with a [workspace] table, as Cargo does.
	inherited := 0
	for _, p := range sortedKeys(manifests) {
		m := manifests[p]
		root := workspaceRoot(manifests, p)
		for _, e := range m.ResolveWorkspace(root) {
			t.Errorf("%s: %v", p, e)
		}
		for _, d := range m.Dependencies {
			if d.Inherited {
				inherited++
			}
		}
	}
	if inherited < 100 {
		t.Errorf("only %d inherited dependencies resolved", inherited)
	}
	aw := manifests["ActivityWatch__aw-tauri/src-tauri/Cargo.toml"]
	if ds := aw.Deps("aw-server"); len(ds) != 1 || ds[0].Branch != "master" || ds[0].GitPinned() {
		t.Errorf("aw-server = %+v", ds)
	}
}

func workspaceRoot(ms map[string]*CargoManifest, p string) *CargoManifest {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if m := ms[path.Join(dir, "Cargo.toml")]; m != nil && m.Workspace != nil {
			return m
		}
		if dir == "." || !strings.Contains(dir, "/") {
			return nil
		}
	}
}

func TestCorpusPackageJSON(t *testing.T) {
	files := corpusFiles(t, "package.json")
	total := 0
	for _, p := range sortedKeys(files) {
		pj, err := ParsePackageJSON(files[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, pj.Diagnostics)
		for _, d := range pj.Deps {
			total++
			if d.Spec.Kind == SpecInvalid {
				t.Errorf("%s: %s %q unclassified", p, d.Name, d.Spec.Raw)
			}
		}
	}
	if total < 500 {
		t.Errorf("only %d specs", total)
	}
}

func TestCorpusPackageLock(t *testing.T) {
	files := corpusFiles(t, "package-lock.json")
	for _, p := range sortedKeys(files) {
		lk, err := ParsePackageLock(files[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, lk.Diagnostics)
		var raw struct {
			Packages map[string]json.RawMessage `json:"packages"`
		}
		if err := json.Unmarshal(files[p].Data, &raw); err != nil {
			t.Fatal(err)
		}
		if want := len(raw.Packages) - 1; len(lk.Entries) != want || lk.Version != "3" {
			t.Errorf("%s: %d entries (v%s), want %d", p, len(lk.Entries), lk.Version, want)
		}
	}
	lk, _ := ParsePackageLock(files["infinilabs__coco-app/package-lock.json"])
	up := entry(t, lk, "@tauri-apps/plugin-updater", "2.7.1")
	if up.Source != SourceGit || at(up.Loc) != "4125:5" || up.Git().Commit != "358e689c65e9943b53eff50bcb9dfd5b1cfc4072" {
		t.Errorf("coco updater = %+v", up)
	}
}

func TestCorpusPnpmLock(t *testing.T) {
	files := corpusFiles(t, "pnpm-lock.yaml")
	for _, p := range sortedKeys(files) {
		lk, err := ParsePnpmLock(files[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, lk.Diagnostics)
		var raw struct {
			Packages map[string]any `yaml:"packages"`
		}
		if err := yaml.Unmarshal(files[p].Data, &raw); err != nil {
			t.Fatal(err)
		}
		if len(lk.Entries) != len(raw.Packages) || lk.Version != "9.0" || len(lk.Entries) < 20 {
			t.Errorf("%s: %d entries (v%s), want %d", p, len(lk.Entries), lk.Version, len(raw.Packages))
		}
		for _, e := range lk.Entries {
			if e.Name == "" || e.Version == "" {
				t.Errorf("%s: entry %q has no name or version", p, e.Key)
			}
		}
	}
	lk, _ := ParsePnpmLock(files["infinilabs__coco-app/pnpm-lock.yaml"])
	w := entry(t, lk, "@tauri-apps/plugin-window", "2.0.0-alpha.1")
	if at(w.Loc) != "1897:3" {
		t.Errorf("plugin-window at %s", at(w.Loc))
	}
	up := entry(t, lk, "@tauri-apps/plugin-updater", "2.7.1")
	if up.Source != SourceGit || up.Integrity != "" {
		t.Errorf("coco updater = %+v", up)
	}
}

func TestCorpusYarnBun(t *testing.T) {
	for _, p := range sortedKeys(corpusFiles(t, "yarn.lock")) {
		f := corpusFiles(t, "yarn.lock")[p]
		lk, err := ParseYarnLock(f)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		noDiags(t, p, lk.Diagnostics)
		if want := countLines(f.Data, regexp.MustCompile(`^[^\s#].*:$`)); len(lk.Entries) != want || want == 0 {
			t.Errorf("%s: %d entries, want %d", p, len(lk.Entries), want)
		}
		if lk.Kind != YarnClassicKind {
			t.Errorf("%s: %s", p, lk.Kind)
		}
		api := entry(t, lk, "@tauri-apps/api", "2.0.3")
		if at(api.Loc) != "5:1" || api.Source != SourceRegistry || api.Integrity == "" {
			t.Errorf("%s: api = %+v", p, api)
		}
	}
	bun := corpusFiles(t, "bun.lock")
	if len(bun) != 2 {
		t.Fatalf("%d bun.lock files", len(bun))
	}
	for _, p := range sortedKeys(bun) {
		lk, err := ParseBunLock(bun[p])
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		noDiags(t, p, lk.Diagnostics)
		if want := countLines(bun[p].Data, regexp.MustCompile(`^    "[^"]+": \[`)); len(lk.Entries) != want || want < 20 {
			t.Errorf("%s: %d entries, want %d", p, len(lk.Entries), want)
		}
	}
	lk, _ := ParseBunLock(bun["surrealdb__surrealist/bun.lock"])
	if api := entry(t, lk, "@tauri-apps/api", "2.10.1"); at(api.Loc) != "541:5" || api.Source != SourceRegistry {
		t.Errorf("surrealist api = %+v", api)
	}
}

func TestCorpusWorkflows(t *testing.T) {
	files := corpusFiles(t, "workflow")
	if len(files) != 72 {
		t.Errorf("%d workflows, want 72", len(files))
	}
	usesLine := regexp.MustCompile(`^\s*(-\s+)?uses:\s*\S`)
	parsed := map[string]*Workflow{}
	for _, p := range sortedKeys(files) {
		w, err := ParseWorkflow(files[p])
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		noDiags(t, p, w.Diagnostics)
		parsed[p] = w
		if len(w.On) == 0 || len(w.Jobs) == 0 {
			t.Errorf("%s: %d triggers, %d jobs", p, len(w.On), len(w.Jobs))
		}
		if want := countLines(files[p].Data, usesLine); len(w.AllUses()) != want {
			t.Errorf("%s: %d uses, want %d", p, len(w.AllUses()), want)
		}
		for _, u := range w.AllUses() {
			if got := strings.TrimSpace(files[p].Line(u.Loc.Start.Line)); !strings.Contains(got, u.Raw) {
				t.Errorf("%s: uses %q located at line %q", p, u.Raw, got)
			}
		}
	}
	checkUses := func(p string, i int, raw string, kind RefKind, pos string) {
		t.Helper()
		w := parsed[p]
		if w == nil {
			t.Fatalf("%s not parsed", p)
		}
		u := w.AllUses()[i]
		if u.Raw != raw || u.RefKind != kind || at(u.Loc) != pos {
			t.Errorf("%s uses #%d = %q %s at %s; want %q %s at %s", p, i, u.Raw, u.RefKind, at(u.Loc), raw, kind, pos)
		}
	}
	checkUses("mountain-loop__yaak/.github/workflows/ci.yml", 0, "actions/checkout@v4", RefTag, "16:15")
	checkUses("mountain-loop__yaak/.github/workflows/ci.yml", 2, "dtolnay/rust-toolchain@stable", RefBranch, "21:15")
	checkUses("surrealdb__surrealist/.github/workflows/docker.yml", 0,
		"step-security/harden-runner@a5ad31d6a139d249332a2605b85202e8c0b78450", RefSHA, "28:15")
	if c := parsed["surrealdb__surrealist/.github/workflows/docker.yml"].AllUses()[0].Comment; c != "# v2.19.1" {
		t.Errorf("pin comment %q", c)
	}
	trig := parsed["iblai__os/.github/workflows/trigger-docker-build.yml"]
	if j := trig.Jobs[1]; j.ID != "build" || j.Uses == nil || j.Uses.Kind != ActionLocal || at(j.Uses.Loc) != "31:11" {
		t.Errorf("reusable call = %+v", j)
	}
	label := parsed["HuLaSpark__HuLa/.github/workflows/label.yml"]
	if label.Trigger("pull_request_target") == nil || label.Jobs[0].Permissions.Writes()[0] != "pull-requests" {
		t.Errorf("label.yml = %+v", label)
	}
	coco := parsed["infinilabs__coco-app/.github/workflows/frontend-ci.yml"]
	if co := coco.Checkouts(); len(co) == 0 || co[0].Ref == nil || co[0].Ref.Exprs[0].Text != "github.head_ref" {
		t.Errorf("coco checkout = %+v", co)
	}
}

func TestCorpusAdvisories(t *testing.T) {
	tomlReady(t)
	files := corpusFiles(t, "Cargo.lock")
	affected := 0
	for _, p := range sortedKeys(files) {
		lk, err := ParseCargoLock(files[p])
		if err != nil {
			t.Fatal(err)
		}
		hits := Match(lk.Entries)
		for _, e := range lk.Entries {
			if e.Name != "tauri" {
				continue
			}
			want := CargoBefore(e.Version, "2.11.1")
			got := false
			for _, h := range hits {
				got = got || (h.Entry == e && h.Advisory.Rule == "TA-DEP-101")
			}
			if got != want {
				t.Errorf("%s: tauri %s TA-DEP-101 = %v", p, e.Version, got)
			}
			if got {
				affected++
			}
		}
		if len(MatchMalicious(lk.Entries)) != 0 {
			t.Errorf("%s: malicious crate reported", p)
		}
	}
	if affected < 10 {
		t.Errorf("only %d lockfiles with tauri < 2.11.1", affected)
	}
	lk, _ := ParseCargoLock(files["G07cha__pomodoro/src-tauri/Cargo.lock"])
	if hits := Match(lk.Entries); len(hits) != 1 || hits[0].Entry.Version != "2.0.6" {
		t.Errorf("pomodoro hits = %+v", hits)
	}
}
