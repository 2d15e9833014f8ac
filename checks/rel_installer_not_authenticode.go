package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// InstallerNotAuthenticode reports Windows artifacts without a sound
// Authenticode signature.
var InstallerNotAuthenticode = &rules.Rule{
	ID:       "TA-REL-007",
	Name:     "installer-not-authenticode",
	Title:    "a windows artifact is not properly authenticode-signed",
	Level:    rules.Warning,
	Severity: 5.9,
	Gate:     true,
	Tags:     []string{"release"},
	CWE:      []int{345},
	Doc: `Each .exe in --artifacts is checked for an Authenticode signature whose image hash and PKCS#7
signature verify (a mismatch means the file changed after signing: error), a SHA-256 (not
SHA-1/MD5) file digest, and a timestamp countersignature. With --codesign-roots FILE (PEM), a
valid signature whose signer does not chain to one of those roots is an error: the installer
was signed, but not by you. MSI files are checked for the
presence of their DigitalSignature stream only: their digest algorithm, timestamp and signature
validity are not checked (that needs the OLE compound-file layout).

**Fix:** sign and timestamp installers (signtool /fd sha256 /tr … /td sha256, or osslsigncode -h
sha256 -ts …). This rule fails the release gate.

**False positives:** test or nightly channels.`,
	Run: installerNotAuthenticode,
}

func installerNotAuthenticode(pass *rules.Pass) error {
	p := pass.Project
	for _, rel := range artifactFiles(p) {
		lower := strings.ToLower(rel)
		if !strings.HasSuffix(lower, ".exe") && !strings.HasSuffix(lower, ".msi") {
			continue
		}
		data, err := readArtifact(p, rel)
		if err != nil {
			continue
		}
		report := func(level rules.Level, msg string) {
			pass.Report(rules.Finding{Level: level, Location: artifactLoc(rel), Subject: rel, Message: rel + " " + msg})
		}
		if strings.HasSuffix(lower, ".msi") {
			if ok, err := signing.MSISigned(data); err == nil && !ok {
				report("", "is an MSI without a digital signature")
			}
			continue
		}
		roots := codesignRoots(p)
		a := signing.VerifyAuthenticode(data, roots)
		switch {
		case !a.Signed:
			report("", "has no Authenticode signature")
		case a.Err != "":
			report(rules.Error, "has an unreadable Authenticode signature: "+a.Err)
		case !a.HashMatches:
			report(rules.Error, "was modified after signing (Authenticode hash mismatch)")
		case !a.SigValid:
			report(rules.Error, "has an Authenticode signature that does not verify")
		default:
			if msg := unchainedSigner(a, roots); msg != "" {
				report(rules.Error, msg)
			}
			if a.Digest == "SHA1" || a.Digest == "MD5" {
				report("", fmt.Sprintf("is signed with a %s file digest", a.Digest))
			}
			if !a.Timestamped {
				report("", "is signed without a timestamp countersignature")
			}
		}
	}
	return nil
}
