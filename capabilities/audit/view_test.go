package audit

import (
	"slices"
	"testing"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

func mustJSON(t *testing.T, name, text string) *source.Node {
	t.Helper()
	n, _, err := source.ParseJSON(source.NewFile(name, []byte(text)), true)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// buildView resolves capability files against the built-in core
// manifests, with every plugin's manifest missing (read by name).
func buildView(t *testing.T, pf source.Platform, files map[string]string) *View {
	t.Helper()
	var docs []capabilities.Doc
	for name, text := range files {
		docs = append(docs, capabilities.Doc{Path: name, Root: mustJSON(t, name, text)})
	}
	version, err := capabilities.ParseVersion("2.8.2")
	if err != nil {
		t.Fatal(err)
	}
	in := capabilities.Inputs{Version: version, CapabilityFiles: docs,
		Manifests: capabilities.ManifestInputs{Core: capabilities.CoreBuiltin}}
	m := capabilities.Load(in)
	windows := mustJSON(t, "tauri.conf.json", `[{"label":"main"},{"title":"no label"}]`).Items()
	return Build(Input{Platform: pf, ACL: capabilities.ResolveTarget(in, pf, nil), Manifests: m.ACL, Windows: windows})
}

func TestViewGrantsAndScopes(t *testing.T) {
	v := buildView(t, source.Linux, map[string]string{
		"capabilities/main.json": `{"identifier":"main","windows":["main"],"permissions":[
			"core:window:allow-create", "fs:allow-download-read-recursive", "fs:read-all", "fs:deny-read-file",
			{"identifier":"http:default","allow":[{"url":"https://(.*)/*"}]}]}`,
		"capabilities/web.json": `{"identifier":"web","windows":["main"],"remote":{"urls":["https://*.example.com","app://*"]},
			"permissions":["core:event:allow-emit"]}`,
	})
	byID := map[string]*Grant{}
	for _, g := range v.Grants {
		byID[g.ID] = g
	}
	if g := byID["core:window:allow-create"]; g == nil || !slices.Equal(g.Commands, []string{"create"}) || g.ByName {
		t.Errorf("core:window:allow-create = %+v", g)
	}
	// fs:deny-read-file removes read_file from every fs grant (tauri-acl §9.2).
	if g := byID["fs:read-all"]; g == nil || !g.ByName || slices.Contains(g.Commands, "read_file") || !slices.Contains(g.Commands, "read_dir") {
		t.Errorf("fs:read-all = %+v", g)
	}
	if !v.Denied["plugin:fs|read_file"] {
		t.Error("read_file not denied")
	}
	var global []string
	for _, s := range v.Global["fs"] {
		p, _ := s.Str("path")
		global = append(global, p)
	}
	if !slices.Contains(global, "$DOWNLOAD/**") {
		t.Errorf("fs global scope = %v", global)
	}
	if !v.HighRiskGranted() {
		t.Error("window creation and an every-host http scope are high-risk")
	}
	if es := v.HTTPEntries(); len(es) != 1 || !es[0].AnyHost() {
		t.Errorf("http entries = %+v", es)
	}
	rs := v.RemoteURLs()
	if len(rs) != 2 || rs[0].Scope.AnyHost() || !rs[0].Scope.Web() || rs[1].Scope.Web() {
		t.Errorf("remote urls = %+v", rs)
	}
	refs := v.WindowRefs()
	if len(refs) != 1 || refs[0].Label != "main" {
		t.Errorf("window refs = %+v", refs)
	}
}

func TestCommandKey(t *testing.T) {
	cases := []struct{ key, cmd, want string }{
		{capabilities.AppKey, "greet", "greet"},
		{"core:window", "create", "plugin:window|create"},
		{"fs", "read_file", "plugin:fs|read_file"},
	}
	for _, c := range cases {
		if got := CommandKey(c.key, c.cmd); got != c.want {
			t.Errorf("CommandKey(%q, %q) = %q", c.key, c.cmd, got)
		}
	}
}

func TestNamedLeaves(t *testing.T) {
	cases := []struct {
		id            string
		allow, scope  []string
		scopeOnly     bool
		known, denies bool
	}{
		{id: "fs:allow-home-read-recursive", allow: FSReadCommands, known: true},
		{id: "fs:scope-home-recursive", scope: []string{"$HOME/**", "$HOME"}, scopeOnly: true, known: true},
		{id: "fs:scope-download", scope: []string{"$DOWNLOAD/*", "$DOWNLOAD"}, scopeOnly: true, known: true},
		{id: "shell:allow-execute", allow: []string{"execute"}, known: true},
		{id: "shell:deny-open", known: true, denies: true},
		{id: "opener:allow-default-urls", scope: DefaultOpenerURLs, scopeOnly: true, known: true},
		{id: "sql:custom-set"},
	}
	for _, c := range cases {
		id, err := capabilities.ParseIdentifier(c.id, capabilities.Version{})
		if err != nil {
			t.Fatal(err)
		}
		ls := namedLeaves(id)
		l := ls[len(ls)-1]
		if len(ls) > 1 && !c.scopeOnly {
			l = ls[0]
		}
		if !slices.Equal(l.Allow, c.allow) || !slices.Equal(l.Scope, c.scope) || l.ScopeOnly != c.scopeOnly ||
			l.Known != c.known || (len(l.Deny) > 0) != c.denies {
			t.Errorf("namedLeaves(%q) = %+v", c.id, ls)
		}
	}
}

func TestIsInterpreter(t *testing.T) {
	for prog, want := range map[string]bool{
		"bash": true, `C:\Windows\System32\cmd.exe`: true, "python3.12": true, "scripts/run.ps1": true,
		"/usr/bin/git": true, "ffmpeg": false, "my-sidecar": false,
	} {
		if got := IsInterpreter(prog); got != want {
			t.Errorf("IsInterpreter(%q) = %v", prog, got)
		}
	}
}
