package tauriconfig

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// oracle compiles the same schema with a full JSON Schema implementation.
// oneOf is read as anyOf on both sides: serde takes the first enum variant
// that fits, so Tauri accepts a value that fits two.
func oracle(t testing.TB, sh *Shape) *jsonschema.Schema {
	t.Helper()
	raw := strings.ReplaceAll(string(sh.raw), `"oneOf":`, `"anyOf":`)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("tauriaudit:oracle.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("tauriaudit:oracle.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func agree(t testing.TB, sh *Shape, o *jsonschema.Schema, n *source.Node, what string) {
	t.Helper()
	raw, _ := json.Marshal(toValue(n))
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := o.Validate(inst) == nil
	got := sh.Validate(n)
	if want != (len(got) == 0) {
		t.Errorf("%s: oracle valid=%v, ours %v (%s)", what, want, msgs(got), raw)
	}
}

// Every corpus config, and a set of wrong ones, gets the same verdict from
// our validator and the oracle, for every schema release.
func TestValidatorMatchesOracle(t *testing.T) {
	configs := readConfigs("../../testdata/demo-app/src-tauri/tauri*.json")
	configs = append(configs,
		`{"identifier":"a.b.c","app":{"windows":[{"width":"800"}]}}`,
		`{"identifier":"a.b.c","app":{"windows":[{"width":-1.5}]}}`,
		`{"identifier":"a.b.c","bundle":{"targets":["deb","nope"]}}`,
		`{"identifier":"a.b.c","bundle":{"targets":"all"}}`,
		`{"identifier":"a.b.c","build":{"frontendDist":["a","b"]}}`,
		`{"identifier":"a.b.c","build":{"frontendDist":{"x":1}}}`,
		`{"identifier":"a.b.c","app":{"security":{"csp":{"default-src":["'self'"],"script-src":"'self'"}}}}`,
		`{"identifier":"a.b.c","app":{"security":{"assetProtocol":{"scope":{"allow":["$APPDATA/**"],"bogus":1}}}}}`,
		`{"identifier":"a.b.c","app":{"security":{"capabilities":["main",{"identifier":"x","permissions":[]}]}}}`,
		`{"identifier":"a.b.c","app":{"trayIcon":{"iconPath":"x.png","id":7}}}`,
		`{"identifier":"a.b.c","productName":"a/b"}`,
		`{"identifier":"a.b.c","app":{"windows":[{"backgroundColor":[1,2,3]}]}}`,
		`{"identifier":"a.b.c","app":{"windows":[{"backgroundColor":[1,2,3,4,5]}]}}`,
		`{"identifier":"a.b.c","plugins":{"updater":{"pubkey":5}}}`,
		`{}`, `[]`, `null`,
	)
	agreeOnAll(t, configs)
	t.Run("corpus", func(t *testing.T) {
		agreeOnAll(t, readConfigs(filepath.Join(testenv.Shared(t, "corpus"), "*", "*", "tauri*.conf.json")))
	})
}

// readConfigs returns the contents of the files matching pattern.
func readConfigs(pattern string) []string {
	var configs []string
	files, _ := filepath.Glob(pattern)
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			configs = append(configs, string(data))
		}
	}
	return configs
}

// agreeOnAll checks every config against every exact schema release.
func agreeOnAll(t *testing.T, configs []string) {
	t.Helper()
	for _, v := range Versions() {
		sh, err := ForVersion(v)
		if err != nil {
			t.Fatal(err)
		}
		if !sh.Choice.Exact {
			continue
		}
		o := oracle(t, sh)
		for i, c := range configs {
			n, _, err := source.ParseJSON(source.NewFile("t.json", []byte(c)), false)
			if err != nil || n == nil {
				continue
			}
			sh.Canonicalize(n)
			agree(t, sh, o, n, v+"/"+string(rune('A'+i%26)))
		}
	}
}

// FuzzValidatorOracle checks the same agreement on fuzzed configs.
func FuzzValidatorOracle(f *testing.F) {
	f.Add(`{"identifier":"a.b.c","app":{"windows":[{"label":"m","width":800}]}}`)
	f.Add(`{"identifier":"a.b.c","bundle":{"targets":["deb"],"macOS":{"hardenedRuntime":true}}}`)
	f.Add(`{"identifier":"a.b.c","app":{"security":{"csp":{"a":"b"},"freezePrototype":false}}}`)
	sh, _ := ForVersion("2.8.2")
	o := oracle(f, sh)
	f.Fuzz(func(t *testing.T, text string) {
		n, _, err := source.ParseJSON(source.NewFile("t.json", []byte(text)), true)
		if err != nil || n == nil {
			return
		}
		agree(t, sh, o, n, "fuzz")
	})
}
