package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// LinuxArtifactUnsigned reports Linux packages nobody can verify.
var LinuxArtifactUnsigned = &rules.Rule{
	ID:       "TA-REL-009",
	Name:     "linux-artifact-unsigned",
	Title:    "a linux artifact has no signature",
	Level:    rules.Note,
	Severity: 3.1,
	Tags:     []string{"release"},
	CWE:      []int{345},
	Doc: `With --artifacts: an AppImage without an embedded signature (.sha256_sig section), a .deb
without a debsigs/dpkg-sig member, or an .rpm without an OpenPGP signature tag, and with no
detached .asc or .sig next to it, cannot be checked by users. AppImage's embedded signature is
not verified by the runtime, so the public key must also be published on an authenticated
channel for it to mean anything.

**Fix:** gpg-sign the AppImage (SIGN=1 during build) and/or publish detached signatures.

**False positives:** distribution through repositories that sign for you (Flathub, distro repos).`,
	Run: linuxArtifactUnsigned,
}

func linuxArtifactUnsigned(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	for _, rel := range files {
		var check func([]byte) bool
		switch {
		case strings.HasSuffix(rel, ".AppImage"):
			check = signing.AppImageSigned
		case strings.HasSuffix(rel, ".deb"):
			check = signing.DebSigned
		case strings.HasSuffix(rel, ".rpm"):
			check = signing.RPMSigned
		default:
			continue
		}
		if slices.Contains(files, rel+".asc") || slices.Contains(files, rel+".sig") {
			continue
		}
		data, err := readArtifact(p, rel)
		if err != nil || check(data) {
			continue
		}
		pass.Report(rules.Finding{Location: artifactLoc(rel), Subject: rel,
			Message: fmt.Sprintf("%s has no embedded or detached signature", rel)})
	}
	return nil
}
