package checks

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// artifactFiles lists the files under --artifacts (an OS path outside the
// scanned tree), slash-relative, sorted; nil when none was given.
func artifactFiles(p *rules.Project) []string {
	dir := p.Settings().Artifacts
	if dir == "" {
		return nil
	}
	return p.Memo("signing.artifacts", func() any {
		var out []string
		filepath.WalkDir(dir, func(q string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				rel, _ := filepath.Rel(dir, q)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		sort.Strings(out)
		return out
	}).([]string)
}

// artifactLoc names an artifact in findings: "artifacts:<path>".
func artifactLoc(rel string) source.Location { return source.Location{File: "artifacts/" + rel} }

func artifactPath(p *rules.Project, rel string) string {
	return filepath.Join(p.Settings().Artifacts, filepath.FromSlash(rel))
}

// updaterArtifactSuffixes are what tauri build produces for the updater.
var updaterArtifactSuffixes = []string{".app.tar.gz", ".AppImage", ".AppImage.tar.gz", "-setup.exe", ".msi", ".nsis.zip", ".msi.zip"}

func isUpdaterArtifact(rel string) bool {
	for _, s := range updaterArtifactSuffixes {
		if strings.HasSuffix(rel, s) {
			return true
		}
	}
	return false
}

// configuredPubkey returns the first decodable updater pubkey of the
// project's targets.
func configuredPubkey(p *rules.Project) (signing.UpdaterPubkey, bool) {
	for _, t := range p.Targets {
		if s, ok := updaterOf(t).Field("pubkey").Str(); ok {
			if k, issue, _ := signing.DecodeUpdaterPubkey(s); issue == signing.PubkeyOK {
				return k, true
			}
		}
	}
	return signing.UpdaterPubkey{}, false
}

// expectsUpdaterArtifacts: bundle.createUpdaterArtifacts is true or
// "v1Compatible" on some target.
func expectsUpdaterArtifacts(p *rules.Project) bool {
	for _, t := range p.Targets {
		n := binBundle(t).Field("createUpdaterArtifacts")
		if n.IsTrue() || n.String() != "" {
			return true
		}
	}
	return false
}

func readArtifact(p *rules.Project, rel string) ([]byte, error) {
	return os.ReadFile(artifactPath(p, rel))
}
