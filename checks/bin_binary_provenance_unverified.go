package checks

import (
	"fmt"
	"path"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// BinaryProvenanceUnverified reports committed sidecars without a
// verified checksum manifest.
var BinaryProvenanceUnverified = &rules.Rule{
	ID:       "TA-BIN-002",
	Name:     "binary-provenance-unverified",
	Title:    "a committed sidecar binary has no verified checksum",
	Level:    rules.Warning,
	Severity: "5.5",
	Tags:     binTags("bin", "494"),
	Doc: `Sidecar binaries committed to the repository cannot be reviewed, and a swapped binary rides
into the signed product. tauriaudit looks for tauriaudit.sums next to the config, in sha256sum
format ("HEX  path", paths relative to the config directory), and checks every committed
sidecar against it: a missing manifest or an unlisted sidecar is a warning, a checksum
mismatch an error.

**Fix:** build sidecars from source in CI, or pin them:

~~~sh
cd src-tauri && sha256sum binaries/* > tauriaudit.sums
~~~

**False positives:** large LFS-tracked binaries with another checksum file; suppress with a reason.`,
	Run: binaryProvenanceUnverified,
}

func binaryProvenanceUnverified(pass *rules.Pass) error {
	p := pass.Project
	scs := sidecars(p)
	var files []string
	for _, s := range scs {
		files = append(files, s.files...)
	}
	if len(files) == 0 {
		return nil
	}
	sumsPath := p.Path("tauriaudit.sums")
	f := p.Read(sumsPath)
	if f == nil || !p.Exists(sumsPath) {
		for _, s := range scs {
			for _, bin := range s.files {
				pass.Report(rules.Finding{Location: s.entry.Location(), Subject: bin,
					Message: fmt.Sprintf("sidecar %s is committed without a checksum manifest (%s)", bin, sumsPath)})
			}
		}
		return nil
	}
	entries, err := signing.ParseSums(f.Data)
	if err != nil {
		pass.Report(rules.Finding{Location: f.Span(0, 0), Subject: "sums", Message: "tauriaudit.sums: " + err.Error()})
		return nil
	}
	listed := map[string]signing.SumEntry{}
	for _, e := range entries {
		listed[p.Path(e.Name)] = e
	}
	for _, s := range scs {
		for _, bin := range s.files {
			e, ok := listed[bin]
			if !ok {
				pass.Report(rules.Finding{Location: s.entry.Location(), Subject: bin,
					Message: fmt.Sprintf("sidecar %s is not listed in %s", bin, sumsPath)})
				continue
			}
			if sum := sha256Hex(readBinary(p, bin)); sum != e.Sum {
				pass.Report(rules.Finding{Level: rules.Error, Location: lineSpan(f, e.Line), Subject: bin,
					Message: fmt.Sprintf("sidecar %s does not match its checksum in %s", bin, path.Base(sumsPath))})
			}
		}
	}
	for name, e := range listed {
		if !slices.Contains(files, name) && !p.Exists(name) {
			pass.Report(rules.Finding{Location: lineSpan(f, e.Line), Subject: name,
				Message: fmt.Sprintf("%s lists %s, which does not exist", path.Base(sumsPath), e.Name)})
		}
	}
	return nil
}
