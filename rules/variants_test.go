package rules

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Vectors from tauri-cli's get_internal (helpers/config.rs): the base is
// merged with the platform file, then with each --config value in order,
// by JSON Merge Patch (null deletes, arrays replace). TAURI_CONFIG is
// ignored when --config is given: the CLI overwrites the variable.
func TestVariantMergeOrder(t *testing.T) {
	wf := `on: push
jobs:
  b:
    runs-on: windows-latest
    env:
      TAURI_CONFIG: '{"productName":"from-env"}'
    steps:
      - run: npx tauri build -c src-tauri/a.json --config '{"version":"3.0.0","bundle":null}'
      - run: npx tauri build
`
	fsys := fstest.MapFS{
		".github/workflows/r.yml": {Data: []byte(wf)},
		"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier":"com.x","productName":"base","version":"1.0.0",
			"bundle":{"active":true},"app":{"windows":[{"label":"a"},{"label":"b"}]}}`)},
		"src-tauri/tauri.windows.conf.json": {Data: []byte(`{"productName":"win","version":"1.5.0"}`)},
		"src-tauri/a.json":                  {Data: []byte(`{"version":"2.0.0","app":{"windows":[{"label":"c"}]}}`)},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{Platforms: []source.Platform{source.Windows, source.Linux}})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	if len(p.Variants) != 2 {
		t.Fatalf("variants = %d, want 2 (the --config build and the TAURI_CONFIG one)", len(p.Variants))
	}
	got := map[string]string{}
	for _, tg := range p.Targets {
		name := string(tg.Platform)
		if tg.Variant != nil {
			name += " " + tg.Variant.Label
		}
		c := tg.Config
		got[name] = c.Get("productName").String() + " " + c.Get("version").String() + " " +
			boolText(c.Get("bundle") != nil) + " " + c.At("app", "windows").Index(0).Get("label").String()
	}
	want := map[string]string{
		"windows": "win 1.5.0 true a",
		"linux":   "base 1.0.0 true a",
		"windows a.json + inline --config via .github/workflows/r.yml:8": "win 3.0.0 false c",
		"linux a.json + inline --config via .github/workflows/r.yml:8":   "base 3.0.0 false c",
		"windows TAURI_CONFIG via .github/workflows/r.yml:9":             "from-env 1.5.0 true a",
		"linux TAURI_CONFIG via .github/workflows/r.yml:9":               "from-env 1.0.0 true a",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("targets %v", got)
	}
	// Inline JSON keeps its place in the workflow.
	inline := p.Variants[0].Layers[1].Root.Get("version").Location()
	if inline.File != ".github/workflows/r.yml" || inline.Start.Line != 8 || inline.Start.Col != 71 {
		t.Errorf("inline --config value at %+v, want r.yml:8:71", inline)
	}
	env := p.Variants[1].Layers[0].Root.Get("productName").Location()
	if env.File != ".github/workflows/r.yml" || env.Start.Line != 6 {
		t.Errorf("TAURI_CONFIG value at %+v, want r.yml:6", env)
	}
	if pl := p.Platforms(); len(pl) != 2 {
		t.Errorf("Platforms() = %v: variants must not repeat platforms", pl)
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
