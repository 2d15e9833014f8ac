package capabilities

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// The ACL fixtures (testdata/acl/*.txtar) are small apps:
//
//	plugins/<key>/*.{toml,json}       a plugin's permission files
//	src-tauri/permissions/**          the app's permission files
//	src-tauri/capabilities/**         capability files (discovered as Tauri does)
//	src-tauri/tauri.conf.json         config; tauri.<p>.conf.json merged per target
//	src-tauri/gen/schemas/acl-manifests.json   committed manifests
//	want.json or want-<target>.json   the expected result (see fixtureResult)
//	access.txt                        runtime checks, one per line:
//	                                  <target> <cmd> <window> <webview> <local|URL> => allow|deny
//
// The comment header holds "key: value" lines: targets (default linux),
// version (default 2.8.2), core (builtin: add the core table; default
// none), app-commands (AppManifest::commands).

var updateACL = flag.Bool("acl.update", false, "rewrite the want sections of the ACL fixtures")

var headerLine = regexp.MustCompile(`(?m)^([a-z-]+):[ \t]*(.*)$`)

type fixture struct {
	name    string
	ar      *txtar.Archive
	header  map[string]string
	files   map[string]*source.File
	targets []source.Platform
	version Version
}

func loadFixture(t *testing.T, p string) *fixture {
	t.Helper()
	ar, err := txtar.ParseFile(p)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{name: p, ar: ar, header: map[string]string{}, files: map[string]*source.File{}}
	for _, m := range headerLine.FindAllStringSubmatch(string(ar.Comment), -1) {
		fx.header[m[1]] = strings.TrimSpace(m[2])
	}
	for _, f := range ar.Files {
		fx.files[f.Name] = source.NewFile(f.Name, f.Data)
	}
	fx.targets = []source.Platform{source.Linux}
	if s := fx.header["targets"]; s != "" {
		fx.targets = nil
		for _, name := range strings.Fields(s) {
			pf, ok := exactPlatform(name)
			if !ok {
				t.Fatalf("unknown target %q", name)
			}
			fx.targets = append(fx.targets, pf)
		}
	}
	fx.version = mustVersion("2.8.2")
	if s := fx.header["version"]; s != "" {
		fx.version = mustVersion(s)
	}
	return fx
}

// parse parses a fixture file by extension; syntax errors become
// problems of kind "syntax".
func (fx *fixture) parse(name string, probs *[]*Problem) *source.Node {
	f := fx.files[name]
	if f == nil {
		return nil
	}
	var root *source.Node
	var err error
	switch path.Ext(name) {
	case ".toml":
		root, _, err = source.ParseTOML(f)
	case ".json5":
		root, _, err = source.ParseJSON5(f)
	default:
		// Capability and permission files are strict JSON (tauri-acl §3.3).
		strict := !strings.HasSuffix(name, ".conf.json")
		root, _, err = source.ParseJSON(f, strict)
	}
	if err != nil {
		*probs = append(*probs, &Problem{Kind: "syntax", Stage: StageBuild, File: name, Msg: err.Error()})
		return nil
	}
	return root
}

func (fx *fixture) names() []string {
	var out []string
	for n := range fx.files {
		out = append(out, n)
	}
	return out
}

// inputs builds the Inputs the loader would.
func (fx *fixture) inputs(probs *[]*Problem) Inputs {
	in := Inputs{Version: fx.version}
	in.Manifests.Core = CoreNone
	if fx.header["core"] == "builtin" {
		in.Manifests.Core = CoreBuiltin
	}
	in.Manifests.Committed = fx.parse("src-tauri/gen/schemas/acl-manifests.json", probs)
	var appRel []string
	in.Manifests.Plugins = map[string][]Doc{}
	var plugins []string
	for _, n := range fx.names() {
		switch {
		case strings.HasPrefix(n, "plugins/"):
			plugins = append(plugins, n)
		case strings.HasPrefix(n, "src-tauri/"):
			appRel = append(appRel, strings.TrimPrefix(n, "src-tauri/"))
		}
	}
	SortGlobOrder(plugins)
	for _, n := range plugins {
		key := strings.Split(n, "/")[1]
		in.Manifests.Plugins[key] = append(in.Manifests.Plugins[key], Doc{Path: n, Root: fx.parse(n, probs)})
	}
	app := &AppInputs{Commands: strings.Fields(fx.header["app-commands"])}
	for _, rel := range DiscoverPermissionFiles(appRel, nil) {
		n := "src-tauri/" + rel
		app.Files = append(app.Files, Doc{Path: n, Root: fx.parse(n, probs)})
	}
	if in.Manifests.Committed == nil || len(app.Files) > 0 || len(app.Commands) > 0 {
		in.Manifests.App = app
	}
	for _, rel := range DiscoverCapabilityFiles(appRel, fx.version) {
		n := "src-tauri/" + rel
		in.CapabilityFiles = append(in.CapabilityFiles, Doc{Path: n, Root: fx.parse(n, probs)})
	}
	return in
}

// configList returns app.security.capabilities of the config merged for
// target.
func (fx *fixture) configList(target source.Platform, probs *[]*Problem) *source.Node {
	cfg := fx.parse("src-tauri/tauri.conf.json", probs)
	if pf := fx.parse("src-tauri/tauri."+target.FileTag()+".conf.json", probs); pf != nil {
		cfg = source.MergePatch(cfg, pf)
	}
	return cfg.Get("app").Get("security").Get("capabilities")
}

func TestACLConformance(t *testing.T) {
	paths, err := filepath.Glob("../testdata/acl/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatal("no ACL fixtures")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			fx := loadFixture(t, p)
			var loadProbs []*Problem
			in := fx.inputs(&loadProbs)
			model := Load(in)
			results := map[source.Platform]*TargetACL{}
			for _, target := range fx.targets {
				probs := slices.Clone(loadProbs)
				list := fx.configList(target, &probs)
				ta := model.Resolve(target, list)
				results[target] = ta
				got := fixtureResult(ta, append(append(probs, model.Problems...), ta.Problems...))
				fx.compare(t, target, got)
			}
			fx.checkAccess(t, results)
			if *updateACL {
				if err := os.WriteFile(p, txtar.Format(fx.ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func (fx *fixture) wantName(target source.Platform) string {
	if len(fx.targets) == 1 {
		return "want.json"
	}
	return "want-" + string(target) + ".json"
}

func (fx *fixture) compare(t *testing.T, target source.Platform, got any) {
	t.Helper()
	name := fx.wantName(target)
	// Round-trip through generic values so keys sort as in want's form.
	gotJSON := canonicalJSON(t, decodeJSON(t, canonicalJSON(t, got)))
	var wantData []byte
	idx := slices.IndexFunc(fx.ar.Files, func(f txtar.File) bool { return f.Name == name })
	if idx >= 0 {
		wantData = fx.ar.Files[idx].Data
	}
	if *updateACL {
		if idx < 0 {
			fx.ar.Files = append(fx.ar.Files, txtar.File{Name: name})
			idx = len(fx.ar.Files) - 1
		}
		fx.ar.Files[idx].Data = append(gotJSON, '\n')
		return
	}
	if idx < 0 {
		t.Fatalf("no %s section; got:\n%s", name, gotJSON)
	}
	want := decodeJSON(t, wantData)
	if !reflect.DeepEqual(decodeJSON(t, gotJSON), want) {
		t.Errorf("%s: result differs\n%s", name, lineDiff(string(canonicalJSON(t, want)), string(gotJSON)))
	}
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, data)
	}
	return v
}

func canonicalJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lineDiff shows both texts with differing lines marked.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			fmt.Fprintf(&b, "  %s\n", wl)
			continue
		}
		fmt.Fprintf(&b, "- %s\n+ %s\n", wl, gl)
	}
	return b.String()
}

func (fx *fixture) checkAccess(t *testing.T, results map[source.Platform]*TargetACL) {
	t.Helper()
	f, ok := fx.files["access.txt"]
	if !ok {
		return
	}
	for i, line := range strings.Split(string(f.Data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 7 || fields[5] != "=>" {
			t.Fatalf("access.txt:%d: want `<target> <cmd> <window> <webview> <origin> => allow|deny`", i+1)
		}
		target, _ := exactPlatform(fields[0])
		ta := results[target]
		if ta == nil {
			t.Fatalf("access.txt:%d: target %s not resolved", i+1, fields[0])
		}
		o := LocalOrigin()
		if fields[4] != "local" {
			o = RemoteOrigin(fields[4])
		}
		got := "deny"
		if ta.Resolved.Allows(fields[1], fields[2], fields[3], o, fx.version) {
			got = "allow"
		}
		if got != fields[6] {
			t.Errorf("access.txt:%d: %s: got %s", i+1, line, got)
		}
	}
}

type outGrant struct {
	Context    string   `json:"context"`
	Windows    []string `json:"windows"`
	Webviews   []string `json:"webviews"`
	Scope      *int     `json:"scope"`
	Capability string   `json:"capability"`
	Via        []string `json:"via"`
}

type outScope struct {
	Allow []any `json:"allow"`
	Deny  []any `json:"deny"`
}

type outProblem struct {
	Kind    string `json:"kind"`
	Stage   string `json:"stage"`
	At      string `json:"at"`
	Message string `json:"message"`
}

// fixtureResult is the readable form of a resolution the fixtures' want
// sections hold.
func fixtureResult(ta *TargetACL, probs []*Problem) any {
	r := ta.Resolved
	out := map[string]any{}
	enabled := []string{}
	for _, c := range ta.Enabled {
		enabled = append(enabled, c.Identifier)
	}
	out["enabled"] = enabled
	out["allowed"] = outGrants(r.Allowed)
	out["denied"] = outGrants(r.Denied)
	scopes := map[string]outScope{}
	for id, s := range r.Scopes {
		scopes[strconv.Itoa(id)] = outScope{Allow: Values(s.Allow), Deny: Values(s.Deny)}
	}
	out["scopes"] = scopes
	global := map[string]outScope{}
	for k, g := range r.Global {
		global[k] = outScope{Allow: Values(g.Allow), Deny: Values(g.Deny)}
	}
	out["global"] = global
	ps := []outProblem{}
	for _, p := range probs {
		at := p.File
		if loc := p.Location(); loc.Start.IsValid() {
			at = fmt.Sprintf("%s:%d", loc.File, loc.Start.Line)
		}
		ps = append(ps, outProblem{Kind: string(p.Kind), Stage: p.Stage.String(), At: at, Message: p.Msg})
	}
	out["problems"] = ps
	return out
}

func outGrants(m map[string][]*Grant) map[string][]outGrant {
	out := map[string][]outGrant{}
	for cmd, gs := range m {
		for _, g := range gs {
			og := outGrant{Context: g.Context.String(), Windows: globNames(g.Windows), Webviews: globNames(g.Webviews),
				Capability: g.Capability.Identifier, Via: g.Path}
			if g.ScopeID != 0 {
				id := g.ScopeID
				og.Scope = &id
			}
			out[cmd] = append(out[cmd], og)
		}
	}
	return out
}

func globNames(gs []*Glob) []string {
	out := []string{}
	for _, g := range gs {
		out = append(out, g.Pattern)
	}
	return out
}
