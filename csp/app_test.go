package csp

import (
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// memFiles is an in-memory scanned tree.
type memFiles map[string]string

func (m memFiles) Exists(rel string) bool { _, ok := m[rel]; return ok }
func (m memFiles) IsDir(rel string) bool  { return len(m.FilesUnder(rel)) > 0 }
func (m memFiles) FilesUnder(dir string) []string {
	var out []string
	for f := range m {
		if strings.HasPrefix(f, dir+"/") {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}
func (m memFiles) Read(rel string) *source.File {
	if s, ok := m[rel]; ok {
		return source.NewFile(rel, []byte(s))
	}
	return nil
}

func config(t *testing.T, s string) *source.Node {
	t.Helper()
	n, _, err := source.ParseJSON(source.NewFile("src-tauri/tauri.conf.json", []byte(s)), false)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestScanBundle(t *testing.T) {
	files := memFiles{
		"dist/index.html":     `<script type="module" src="/assets/app.js"></script>`,
		"dist/assets/app.js":  `x`,
		"static/index.html":   `<script>inline()</script>`,
		"static/about.htm":    `<p>`,
		"ui/index.html":       `<script src="https://cdn.example/x.js"></script>`,
		"src-tauri/page.html": `<p>`,
	}
	for _, c := range []struct {
		name  string
		dists []string
		want  Bundle
	}{
		{"built with scripts", []string{"../dist"}, Bundle{Built: true, HTML: []string{"dist/index.html"}, Scripts: true}},
		{"inline script only", []string{"../static"}, Bundle{Built: true, HTML: []string{"static/about.htm", "static/index.html"}, Scripts: true}},
		{"not built: the source index.html", []string{"../ui/build"}, Bundle{HTML: []string{"ui/index.html"}}},
		{"a list of files", []string{"page.html"}, Bundle{Built: true, HTML: []string{"src-tauri/page.html"}}},
		{"outside the tree", []string{"../../elsewhere"}, Bundle{}},
		{"absent", nil, Bundle{}},
	} {
		got := ScanBundle(files, "src-tauri", c.dists)
		if diff := cmp.Diff(&c.want, got); diff != "" {
			t.Errorf("%s (-want +got)\n%s", c.name, diff)
		}
	}
}

func TestNewApp(t *testing.T) {
	files := memFiles{"dist/index.html": `<p>`}
	base := config(t, `{"build": {"frontendDist": "../dist"}, "app": {"security": {"csp": "default-src 'self'", "devCsp": {"script-src": "*"}}}}`)
	broken := config(t, `{"build": {"frontendDist": "https://app.example"}, "app": {"security": {"csp": 42}}}`)
	app := NewApp(files, path.Dir("src-tauri/tauri.conf.json"), []*source.Node{base, base, broken})

	if p := app.Policy(Security(base).Get("csp")); p.Err != nil || p.Policy.Get("default-src") == nil {
		t.Errorf("base csp = %+v", p)
	}
	if p := app.Policy(Security(base).Get("devCsp")); p.Err != nil || p.Policy.Get("script-src") == nil {
		t.Errorf("devCsp = %+v", p)
	}
	if p := app.Policy(Security(broken).Get("csp")); p.Err == nil || p.Policy != nil {
		t.Errorf("a number is not a policy: %+v", p)
	}
	if p := app.Policy(nil); p.Err != nil || p.Policy != nil {
		t.Errorf("nil node: %+v", p)
	}
	if b := app.Bundle(base); !b.Built || b.Scripts {
		t.Errorf("base bundle = %+v", b)
	}
	if b := app.Bundle(config(t, `{"build": {"frontendDist": "../other"}}`)); b.Built || b.HTML != nil {
		t.Errorf("unknown config: %+v", b)
	}
	if !EmbedsAssets(base) || EmbedsAssets(broken) || !EmbedsAssets(config(t, `{}`)) ||
		EmbedsAssets(config(t, `{"build": {"frontendDist": "https:app.example"}}`)) {
		t.Error("EmbedsAssets")
	}
}

func TestInjectionOf(t *testing.T) {
	for in, want := range map[string][2]bool{
		`{}`:                        {true, true},
		`true`:                      {false, false},
		`false`:                     {true, true},
		`["style-src"]`:             {true, false},
		`["script-src", "img-src"]`: {false, true},
		`["Script-Src"]`:            {true, true}, // Tauri compares the names exactly
	} {
		c := config(t, `{"app": {"security": {"dangerousDisableAssetCspModification": `+in+`}}}`)
		if in == `{}` {
			c = config(t, `{}`)
		}
		inj := InjectionOf(c)
		if got := [2]bool{inj.Script, inj.Style}; got != want {
			t.Errorf("InjectionOf(%s) = %v, want %v", in, got, want)
		}
	}
}
