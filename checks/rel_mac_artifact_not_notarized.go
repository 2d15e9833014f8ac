package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// MacArtifactNotNotarized reports macOS app bundles in the artifacts
// that are unsigned, ad-hoc signed or not stapled.
var MacArtifactNotNotarized = &rules.Rule{
	ID:       "TA-REL-008",
	Name:     "mac-artifact-not-notarized",
	Title:    "a macOS artifact is not Developer ID signed and notarized",
	Level:    rules.Warning,
	Severity: 5.0,
	Gate:     true,
	Tags:     []string{"release"},
	CWE:      []int{345},
	Doc: `With --artifacts: each .app bundle (as a folder, or inside an updater .app.tar.gz) must have a
main executable signed with a real identity (a CMS signature, not only ad-hoc) and a stapled
notarization ticket (Contents/CodeResources). Otherwise Gatekeeper warns, or blocks the app
offline, and Apple never scanned it. The main executable's CMS signature is verified (detached
over the slot-0 CodeDirectory, cdhashes attributes matching every CodeDirectory, as Apple's
Security framework does): one that does not verify is an error, and so is, with --codesign-roots
FILE (PEM), a valid one by a signer that does not chain to those roots (expiry is tolerated).
SHA-1-only CodeDirectories are reported as weak. Page hashes and the bundle's sealed resources are
not checked; the tests use synthetic signatures, since Apple's codesign does not run here.

Each .dmg is read from its UDIF "koly" trailer, whose code_signature_offset/size (bytes 296 and
304, as apple-codesign's KolyTrailer lays them out) point at the disk image's own embedded
signature: none means unsigned, a CodeDirectory with the ad-hoc flag and no CMS means ad-hoc
(both warnings). A signed image without a ticket in the SuperBlob's ticket slot (0x10002, where
stapler puts it) is a note: tauri build signs the DMG but notarizes and staples only the .app
inside it, so stapling the DMG as well lets Gatekeeper check the download offline. The .app
inside a DMG (a compressed HFS+/APFS volume) is not opened, and files without a koly trailer are
skipped.

**Fix:** sign with a Developer ID Application identity, notarize and staple
(xcrun notarytool submit --wait, xcrun stapler staple). This rule fails the release gate.

**False positives:** internal builds distributed through MDM. Without --codesign-roots the
signer's certificate chain is not checked, only the signature, and the disk image's own CMS
signature is only looked for, not verified.`,
	Run: macArtifactNotNotarized,
}

func macArtifactNotNotarized(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	roots := codesignRoots(p)
	report := func(where string, a signing.MacApp) {
		msg, level := "", rules.Level("")
		switch {
		case a.Info == nil || a.Info.Kind != signing.BinMachO:
			msg = "has no readable Mach-O main executable"
		case !a.Info.Signed():
			msg = "is not signed"
		case a.Info.AdHocOnly():
			msg = "is only ad-hoc signed"
		default:
			if msg, level = machOSignatureProblem(a.Info, roots); msg != "" {
				msg = "main executable " + msg
			} else if !a.Stapled {
				msg = "is signed but has no stapled notarization ticket"
			} else {
				return
			}
		}
		text := fmt.Sprintf("%s in %s %s", a.Name, where, msg)
		if where == a.Root {
			text = fmt.Sprintf("%s %s", where, msg)
		}
		pass.Report(rules.Finding{Level: level, Location: artifactLoc(where), Subject: where + ":" + a.Name, Message: text})
	}
	for _, a := range signing.InspectAppFiles(files, func(rel string) ([]byte, error) { return readArtifact(p, rel) }) {
		report(a.Root, a)
	}
	for _, rel := range files {
		if strings.HasSuffix(strings.ToLower(rel), ".dmg") {
			inspectDMGArtifact(pass, rel)
			continue
		}
		if !strings.HasSuffix(rel, ".app.tar.gz") {
			continue
		}
		f, err := p.Inputs().Artifacts.Open(rel)
		if err != nil {
			continue
		}
		apps, err := signing.InspectAppTarGz(f)
		f.Close()
		if err != nil {
			continue // not an archive: TA-REL-005 covers its signature
		}
		for _, a := range apps {
			report(rel, a)
		}
	}
	return nil
}

// inspectDMGArtifact reports a disk image that is unsigned, ad-hoc signed
// or not stapled.
func inspectDMGArtifact(pass *rules.Pass, rel string) {
	f, err := pass.Project.Inputs().Artifacts.Open(rel)
	if err != nil {
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return
	}
	d, err := signing.InspectDMG(f, st.Size())
	report := func(level rules.Level, msg string) {
		pass.Report(rules.Finding{Level: level, Location: artifactLoc(rel), Subject: rel, Message: rel + " " + msg})
	}
	switch {
	case !d.UDIF:
	case err != nil:
		report("", "has an unreadable code signature: "+err.Error())
	case !d.Signed:
		report("", "is not code-signed")
	case !d.CMS && d.AdHoc:
		report("", "is only ad-hoc signed")
	case !d.CMS:
		report("", "has a code signature without a signing identity (no CMS signature)")
	case !d.Stapled:
		report(rules.Note, "is signed but has no stapled notarization ticket of its own (xcrun stapler staple the .dmg)")
	}
}
