package capabilities

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TestValidateBoundedPerFile: a file naming thousands of unknown
// permissions gives at most MaxProblemsPerFile problems; each message
// lists every known permission, so unbounded they would take gigabytes.
func TestValidateBoundedPerFile(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"identifier": "c", "windows": ["main"], "permissions": [`)
	for i := range 5000 {
		fmt.Fprintf(&b, `"nope:allow-%d", `, i)
	}
	b.WriteString(`"core:default"]}`)
	root, _, err := source.ParseJSON(source.NewFile("many.json", []byte(b.String())), true)
	if err != nil {
		t.Fatal(err)
	}
	acl, _ := LoadACL(ManifestInputs{Core: CoreBuiltin})
	files, _ := ParseCapabilityFiles([]Doc{{Path: "many.json", Root: root}}, Version{})
	probs := Validate(acl, files, source.Linux)
	if len(probs) != MaxProblemsPerFile {
		t.Errorf("%d problems, want %d", len(probs), MaxProblemsPerFile)
	}
	if len(probs) > 0 && !strings.Contains(probs[0].Msg, "Permission nope:allow-0 not found, expected one of ") {
		t.Errorf("first problem: %.200s", probs[0].Msg)
	}
}
