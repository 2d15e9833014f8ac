package release

import (
	"encoding/json"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func fakeInfo(deps ...*debug.Module) *debug.BuildInfo {
	return &debug.BuildInfo{
		GoVersion: "go1.26.11",
		Main:      debug.Module{Path: "github.com/tauriaudit/tauriaudit", Version: "(devel)"},
		Deps:      deps,
		Settings:  []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "CGO_ENABLED", Value: "0"}, {Key: "-ldflags", Value: "-X main.commit=secret-ish"}},
	}
}

// sbomDoc is the part of the SBOM the tests read back.
type sbomDoc struct {
	BOMFormat, SpecVersion, SerialNumber string
	Version                              int
	Metadata                             struct {
		Timestamp  string
		Component  cdxComponent
		Tools      cdxTools
		Properties []cdxProperty
	}
	Components   []cdxComponent
	Dependencies []cdxDependency
}

func TestSBOM(t *testing.T) {
	cobra := &debug.Module{Path: "github.com/spf13/cobra", Version: "v1.10.2", Sum: "h1:47DHlNoDEWySMxIH4zbfxWV+/9hnaUEW1DcmXEFDsIU="}
	toml := &debug.Module{Path: "github.com/BurntSushi/toml", Version: "v1.6.0", Sum: "h1:dRaEfpa2VI55EwlIW72hMRHDIQ+7ZaqpHUTk3jVX84c="}
	replaced := &debug.Module{Path: "example.com/old", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v2.0.0+incompatible", Sum: "h1:not-base64!"}}
	local := &debug.Module{Path: "example.com/local", Version: "v0.1.0", Replace: &debug.Module{Path: "../local"}}
	mousetrap := &debug.Module{Path: "github.com/inconshreveable/mousetrap", Version: "v1.1.0", Sum: "h1:wN+x4NVGpMsO7ErUn/mUI3vEoE6Jt13X2s0bqwp9tc8="}
	bins := []Linked{
		{Target{"linux", "amd64"}, fakeInfo(cobra, toml, replaced, local)},
		{Target{"windows", "amd64"}, fakeInfo(cobra, toml, replaced, local, mousetrap)},
	}
	built := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	out, err := SBOM("1.2.3", built, bins)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := SBOM("1.2.3", built, bins)
	if string(out) != string(again) {
		t.Fatal("the SBOM is not reproducible")
	}
	var doc sbomDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.BOMFormat != "CycloneDX" || doc.SpecVersion != "1.5" || doc.Version != 1 {
		t.Errorf("header %+v", doc)
	}
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(doc.SerialNumber) {
		t.Errorf("serialNumber %q is not an RFC 4122 URN", doc.SerialNumber)
	}
	if doc.Metadata.Timestamp != "2026-12-06T10:00:00Z" || doc.Metadata.Component.PURL != "pkg:golang/github.com/tauriaudit/tauriaudit@v1.2.3" {
		t.Errorf("metadata %+v", doc.Metadata)
	}
	for _, p := range doc.Metadata.Properties {
		if strings.Contains(p.Value, "main.commit") {
			t.Errorf("ldflags leaked into the SBOM: %v", p)
		}
	}
	byRef := map[string]cdxComponent{}
	for _, c := range doc.Components {
		byRef[c.BOMRef] = c
	}
	want := map[string]string{ // purl → SHA-256 hex ("" for none)
		"pkg:golang/github.com/spf13/cobra@v1.10.2":              "e3b0c794da03116c92331207e336dfc5657effd867694116d437265c4143b085",
		"pkg:golang/github.com/BurntSushi/toml@v1.6.0":           "",
		"pkg:golang/example.com/fork@v2.0.0%2Bincompatible":      "",
		"pkg:golang/github.com/inconshreveable/mousetrap@v1.1.0": "",
		"pkg:golang/stdlib@1.26.11":                              "",
	}
	if len(byRef) != len(want) {
		t.Errorf("components %v, want %d (no local replacement, no replaced original)", keys(byRef), len(want))
	}
	for purl, hash := range want {
		c, ok := byRef[purl]
		if !ok {
			t.Errorf("missing %s in %v", purl, keys(byRef))
			continue
		}
		if c.PURL != purl || c.Type != "library" {
			t.Errorf("%s: %+v", purl, c)
		}
		if hash != "" && (len(c.Hashes) != 1 || c.Hashes[0].Alg != "SHA-256" || c.Hashes[0].Content != hash) {
			t.Errorf("%s: hashes %+v, want SHA-256 %s", purl, c.Hashes, hash)
		}
	}
	if h := byRef["pkg:golang/example.com/fork@v2.0.0%2Bincompatible"].Hashes; len(h) != 0 {
		t.Errorf("a malformed h1 sum became a hash: %v", h)
	}
	if p := byRef["pkg:golang/github.com/inconshreveable/mousetrap@v1.1.0"].Properties; len(p) < 2 || p[len(p)-1].Value != "windows/amd64" {
		t.Errorf("a windows-only module does not say so: %v", p)
	}
	if p := byRef["pkg:golang/github.com/spf13/cobra@v1.10.2"].Properties; len(p) != 1 {
		t.Errorf("a module on every target carries a platforms property: %v", p)
	}
	if len(doc.Dependencies) != len(want)+1 || doc.Dependencies[0].Ref != doc.Metadata.Component.BOMRef || len(doc.Dependencies[0].DependsOn) != len(want) {
		t.Errorf("dependencies %+v", doc.Dependencies)
	}
}

// TestSBOMOfRealBuildInfo runs on this test binary's own build info: every
// linked module with a version must be a component.
func TestSBOMOfRealBuildInfo(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build info")
	}
	out, err := SBOM("0.0.1", time.Unix(0, 0), []Linked{{Target{"linux", "amd64"}, bi}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, d := range bi.Deps {
		if d.Replace == nil && d.Version != "" && !strings.Contains(s, `"pkg:golang/`+d.Path+"@"+d.Version) {
			t.Errorf("%s@%s is not in the SBOM", d.Path, d.Version)
		}
	}
}

func keys(m map[string]cdxComponent) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
