package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterArtifactSignature reports updater artifacts whose .sig is
// missing, malformed or does not verify against the configured pubkey.
var UpdaterArtifactSignature = &rules.Rule{
	ID:       "TA-REL-005",
	Name:     "updater-artifact-signature",
	Title:    "an updater artifact is unsigned or its signature does not verify",
	Level:    rules.Error,
	Severity: 8.1,
	Gate:     true,
	Tags:     []string{"release"},
	CWE:      []int{347},
	Doc: `With --artifacts DIR (the bundle output or downloaded release assets), every updater artifact
(*.app.tar.gz, *.AppImage, *.AppImage.tar.gz, *-setup.exe, *.msi, *.nsis.zip, *.msi.zip) needs a
sibling .sig that verifies against plugins.updater.pubkey: base64 of a minisign signature,
prehashed ("ED") or legacy ("Ed"), both of which the updater accepts. Clients reject anything
else, and a signature by another key id reveals a key mix-up. A missing .sig is reported only
when bundle.createUpdaterArtifacts is on.

**Fix:** sign with the configured key (TAURI_SIGNING_PRIVATE_KEY at build time) and check in CI
before publishing. This rule fails the release gate.`,
	Run: updaterArtifactSignature,
}

func updaterArtifactSignature(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	pk, ok := configuredPubkey(p)
	if len(files) == 0 || !ok {
		return nil
	}
	expect := expectsUpdaterArtifacts(p)
	for _, rel := range files {
		if !isUpdaterArtifact(rel) {
			continue
		}
		if !slices.Contains(files, rel+".sig") {
			if expect {
				pass.Report(rules.Finding{Location: artifactLoc(rel), Subject: rel, Message: fmt.Sprintf("%s has no .sig", rel)})
			}
			continue
		}
		sig, err := readArtifact(p, rel+".sig")
		if err != nil {
			continue
		}
		res, err := verifyUpdaterArtifact(p, pk, string(sig), rel)
		switch {
		case err != nil:
			pass.Report(rules.Finding{Location: artifactLoc(rel), Subject: rel, Message: fmt.Sprintf("%s: %v", rel, err)})
		case res.Malformed != "":
			pass.Report(rules.Finding{Location: artifactLoc(rel + ".sig"), Subject: rel, Message: fmt.Sprintf("%s.sig: %s", rel, res.Malformed)})
		case res.WrongKey:
			pass.Report(rules.Finding{Location: artifactLoc(rel + ".sig"), Subject: rel,
				Message: fmt.Sprintf("%s.sig was made by key %s, not the configured key %s", rel, res.KeyID, pk.ID())})
		case !res.OK:
			pass.Report(rules.Finding{Location: artifactLoc(rel + ".sig"), Subject: rel,
				Message: fmt.Sprintf("%s.sig does not verify: the artifact or its signature was altered", rel)})
		}
	}
	return nil
}
