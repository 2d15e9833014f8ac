package release

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// cdxSchemaDirEnv names the directory holding CycloneDX's JSON schemas:
// res/schema of the npm package @cyclonedx/cyclonedx-library, which
// .ci/run installs. Without it the schema check is skipped (the structure
// is still asserted by TestSBOM).
const cdxSchemaDirEnv = "TAURIAUDIT_CYCLONEDX_SCHEMAS"

func cdxSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir := os.Getenv(cdxSchemaDirEnv)
	if dir == "" {
		t.Skip(cdxSchemaDirEnv + " is not set (npm install @cyclonedx/cyclonedx-library; point it at res/schema)")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // timestamps and URIs are checked too
	// The schema's relative $refs resolve against its $id; serve the
	// package's files under those URLs so nothing is fetched.
	for _, name := range []string{"bom-1.5.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s=%s: %v", cdxSchemaDirEnv, dir, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource("http://cyclonedx.org/schema/"+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile("http://cyclonedx.org/schema/bom-1.5.SNAPSHOT.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSBOMMatchesCycloneDXSchema(t *testing.T) {
	schema := cdxSchema(t)
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info")
	}
	withReplace := fakeInfo(&debug.Module{Path: "example.com/old", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v2.0.0+incompatible", Sum: "h1:47DHlNoDEWySMxIH4zbfxWV+/9hnaUEW1DcmXEFDsIU="}})
	for name, bins := range map[string][]Linked{
		"this test binary": {{Target{"linux", "amd64"}, bi}},
		"two targets":      {{Target{"linux", "amd64"}, bi}, {Target{"windows", "arm64"}, withReplace}},
	} {
		out, err := SBOM("1.2.3-rc.1", time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC), bins)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: the SBOM does not match CycloneDX 1.5: %v", name, err)
		}
	}
	// The check can fail: a BOM with an unknown field is refused.
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"bogus":true}`)))
	if schema.Validate(bad) == nil {
		t.Error("the schema accepted an unknown top-level field")
	}
}
