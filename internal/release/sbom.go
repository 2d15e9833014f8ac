package release

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"time"
)

// The few CycloneDX 1.5 JSON structures the SBOM needs.
type (
	cdxBOM struct {
		BOMFormat    string          `json:"bomFormat"`
		SpecVersion  string          `json:"specVersion"`
		SerialNumber string          `json:"serialNumber"`
		Version      int             `json:"version"`
		Metadata     cdxMetadata     `json:"metadata"`
		Components   []cdxComponent  `json:"components"`
		Dependencies []cdxDependency `json:"dependencies"`
	}
	cdxMetadata struct {
		Timestamp  string        `json:"timestamp"`
		Tools      cdxTools      `json:"tools"`
		Component  cdxComponent  `json:"component"`
		Properties []cdxProperty `json:"properties,omitempty"`
	}
	cdxTools struct {
		Components []cdxComponent `json:"components"`
	}
	cdxComponent struct {
		Type       string        `json:"type"`
		BOMRef     string        `json:"bom-ref,omitempty"`
		Name       string        `json:"name"`
		Version    string        `json:"version,omitempty"`
		PURL       string        `json:"purl,omitempty"`
		Hashes     []cdxHash     `json:"hashes,omitempty"`
		Properties []cdxProperty `json:"properties,omitempty"`
	}
	cdxHash struct {
		Alg     string `json:"alg"`
		Content string `json:"content"`
	}
	cdxProperty struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	cdxDependency struct {
		Ref       string   `json:"ref"`
		DependsOn []string `json:"dependsOn"`
	}
)

// Linked is one binary's embedded build info, read with
// debug/buildinfo.ReadFile, and the target it was built for.
type Linked struct {
	Target Target
	Info   *debug.BuildInfo
}

// SBOM writes a CycloneDX 1.5 JSON SBOM of the Go modules linked into
// the binaries (the union over all targets; a module linked on some
// targets only says which), the Go standard library of the toolchain,
// and our own module as the described component. The serial number is
// derived from the content and the timestamp is the commit date, so the
// same build gives the same bytes.
func SBOM(version string, built time.Time, bins []Linked) ([]byte, error) {
	if len(bins) == 0 {
		return nil, fmt.Errorf("no binaries")
	}
	first := bins[0].Info
	main := cdxComponent{Type: "application", Name: first.Main.Path, Version: "v" + version, PURL: purl(first.Main.Path, "v"+version)}
	main.BOMRef = main.PURL
	comps, platforms := map[string]cdxComponent{}, map[string][]string{}
	for _, b := range bins {
		for _, c := range append(moduleComponents(b.Info), stdlib(b.Info.GoVersion)) {
			comps[c.BOMRef] = c
			platforms[c.BOMRef] = append(platforms[c.BOMRef], b.Target.String())
		}
	}
	refs := make([]string, 0, len(comps))
	for ref := range comps {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	bom := cdxBOM{BOMFormat: "CycloneDX", SpecVersion: "1.5", Version: 1}
	bom.Metadata = cdxMetadata{
		Timestamp:  built.UTC().Format(time.RFC3339),
		Tools:      cdxTools{Components: []cdxComponent{{Type: "application", Name: "tauriaudit release builder", Version: version}}},
		Component:  main,
		Properties: buildProperties(first),
	}
	bom.Components = []cdxComponent{}
	for _, ref := range refs {
		c := comps[ref]
		if len(platforms[ref]) < len(bins) {
			c.Properties = append(c.Properties, cdxProperty{Name: "tauriaudit:platforms", Value: strings.Join(platforms[ref], ",")})
		}
		bom.Components = append(bom.Components, c)
	}
	// The build info lists what is linked, not who imports whom, so the
	// graph is flat: the application depends on every component.
	bom.Dependencies = []cdxDependency{{Ref: main.BOMRef, DependsOn: refs}}
	for _, ref := range refs {
		bom.Dependencies = append(bom.Dependencies, cdxDependency{Ref: ref, DependsOn: []string{}})
	}
	body, err := json.Marshal(bom)
	if err != nil {
		return nil, err
	}
	bom.SerialNumber = contentUUID(body)
	return json.MarshalIndent(bom, "", "  ")
}

// moduleComponents turns the linked modules into components; a replaced
// module is described by its replacement, which is what was compiled.
func moduleComponents(bi *debug.BuildInfo) []cdxComponent {
	var out []cdxComponent
	for _, d := range bi.Deps {
		m := d
		if d.Replace != nil {
			m = d.Replace
		}
		if m.Version == "" { // a local directory replacement has no version
			continue
		}
		c := cdxComponent{Type: "library", Name: m.Path, Version: m.Version, PURL: purl(m.Path, m.Version)}
		c.BOMRef = c.PURL
		if h, ok := h1SHA256(m.Sum); ok {
			// The h1 sum is a SHA-256, over the module's file list and file
			// hashes (golang.org/x/mod/sumdb/dirhash) rather than over one
			// archive; the property keeps the original for `go mod verify`.
			c.Hashes = []cdxHash{{Alg: "SHA-256", Content: h}}
			c.Properties = []cdxProperty{{Name: "tauriaudit:go-sum", Value: m.Sum}}
		}
		out = append(out, c)
	}
	return out
}

func stdlib(goVersion string) cdxComponent {
	v := strings.TrimPrefix(goVersion, "go")
	c := cdxComponent{Type: "library", Name: "stdlib", Version: goVersion, PURL: "pkg:golang/stdlib@" + v}
	c.BOMRef = c.PURL
	return c
}

// buildProperties records the settings that shape the binary (flags,
// CGO, the target itself is per archive and left out).
func buildProperties(bi *debug.BuildInfo) []cdxProperty {
	out := []cdxProperty{{Name: "tauriaudit:go-version", Value: bi.GoVersion}}
	for _, s := range bi.Settings {
		switch s.Key {
		case "-trimpath", "CGO_ENABLED", "-buildmode", "-compiler":
			out = append(out, cdxProperty{Name: "tauriaudit:build:" + s.Key, Value: s.Value})
		}
	}
	return out
}

// purl is pkg:golang/<module path>@<version>, each path segment and the
// version percent-encoded where purl requires it.
func purl(path, version string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = purlEscape(s)
	}
	return "pkg:golang/" + strings.Join(segs, "/") + "@" + purlEscape(version)
}

func purlEscape(s string) string {
	var b strings.Builder
	for _, r := range []byte(s) {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.IndexByte(".-_~", r) >= 0 {
			b.WriteByte(r)
		} else {
			fmt.Fprintf(&b, "%%%02X", r)
		}
	}
	return b.String()
}

// h1SHA256 decodes a go.sum "h1:" hash to hex.
func h1SHA256(sum string) (string, bool) {
	b64, ok := strings.CutPrefix(sum, "h1:")
	if !ok {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != sha256.Size {
		return "", false
	}
	return hex.EncodeToString(raw), true
}

// contentUUID is a version-4-shaped UUID taken from the SHA-256 of the
// SBOM's content, so rebuilding the same release gives the same serial.
func contentUUID(body []byte) string {
	h := sha256.Sum256(body)
	h[6] = h[6]&0x0f | 0x40
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
