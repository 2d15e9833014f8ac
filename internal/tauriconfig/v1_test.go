package tauriconfig

import (
	"reflect"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestRecogniseV1(t *testing.T) {
	v1 := `{"package": {"productName": "a"}, "tauri": {"allowlist": {"all": true}, "bundle": {"identifier": "x"}}, "build": {"distDir": "../dist"}}`
	oneSignal := `{"build": {"distDir": "../dist"}, "identifier": "x"}`
	v2 := `{"$schema": "https://schema.tauri.app/config/2", "identifier": "x", "app": {}, "build": {"frontendDist": "../dist"}}`
	mixed := `{"tauri": {"allowlist": {}}, "identifier": "x", "app": {}, "plugins": {"updater": {}}}`
	for _, c := range []struct {
		name, config, locked string
		caps                 bool
		want                 V1Verdict
	}{
		{"v1 config", v1, "", false, V1Verdict{true, []string{`top-level "tauri"`, `"tauri.allowlist"`, `top-level "package"`, `"tauri.bundle.identifier"`, `"build.distDir"/"devPath"`}}},
		{"v2 config", v2, "2.1.0", true, V1Verdict{}},
		{"one signal alone", oneSignal, "", false, V1Verdict{false, []string{`"build.distDir"/"devPath"`}}},
		{"one signal and a locked 1.x", oneSignal, "1.6.8", false, V1Verdict{true, []string{`"build.distDir"/"devPath"`}}},
		{"v2 markers cancel signals", mixed, "", true, V1Verdict{false, []string{`top-level "tauri"`, `"tauri.allowlist"`}}},
		{"2.0.0-alpha is early v2", v1, "2.0.0-alpha.10", false, V1Verdict{false, []string{`top-level "tauri"`, `"tauri.allowlist"`, `top-level "package"`, `"tauri.bundle.identifier"`, `"build.distDir"/"devPath"`}}},
		{"v1-only keys", `{"tauri": {"systemTray": {}}, "bundle": {"targets": ["updater"]}}`, "1.5.0", false, V1Verdict{true, []string{`top-level "tauri"`, "v1-only keys"}}},
	} {
		root, _, err := source.ParseJSON(source.NewFile("tauri.conf.json", []byte(c.config)), false)
		if err != nil {
			t.Fatal(err)
		}
		if got := RecogniseV1(root, c.locked, c.caps); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := RecogniseV1(nil, "1.0.0", false); got.V1 {
		t.Error("no config is not a v1 config")
	}
}
