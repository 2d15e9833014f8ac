package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// updaterOf returns t's plugins.updater section (v1: tauri.updater).
func updaterOf(t *rules.Target) *source.Node {
	if u := t.Config.Field("plugins").Field("updater"); u != nil {
		return u
	}
	return t.Config.Field("tauri").Field("updater")
}

// artifactFiles lists the files under --artifacts, slash-relative,
// sorted; nil when none was given.
func artifactFiles(p *rules.Project) []string { return p.Inputs().Artifacts.Files() }

// artifactLoc names an artifact in findings: "artifacts:<path>".
func artifactLoc(rel string) source.Location { return source.Location{File: "artifacts/" + rel} }

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
	return p.Inputs().Artifacts.ReadFile(rel)
}

// updaterEndpoints returns the string entries of t's updater endpoints.
func updaterEndpoints(t *rules.Target) []*source.Node {
	var out []*source.Node
	for _, e := range updaterOf(t).Field("endpoints").Items() {
		if _, ok := e.Str(); ok {
			out = append(out, e)
		}
	}
	return out
}
