package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/cosign"
)

// ReleaseChecksumsMissing checks the integrity material of a release:
// checksums, provenance and cosign signatures.
var ReleaseChecksumsMissing = &rules.Rule{
	ID:       "TA-REL-010",
	Name:     "release-checksums-missing",
	Title:    "release artifacts lack verified checksums or provenance",
	Level:    rules.Note,
	Severity: 2.5,
	Tags:     []string{"release"},
	CWE:      []int{345},
	Doc: `With --artifacts DIR: release binaries without a SHA256SUMS file (SHA256SUMS, sha256sums.txt,
checksums.txt) and without a provenance attestation (*.intoto.jsonl, *.sigstore.json) cannot
be verified by packagers (note). A checksum file that does not match its artifacts is an error.
With --cosign-key FILE, each artifact's cosign sign-blob signature (legacy <file>.sig with the
base64 signature, or <file>.bundle / <file>.sigstore.json) is verified with the key; a bad
signature is an error and an artifact without one a warning. Keyless bundles are checked
against the key only; transparency logs are not verified offline. Release assets are not
fetched: point --artifacts at the downloaded assets of one release (tag); a directory holding
several releases is checked as one.

**Fix:** publish checksums and attestations (actions/attest-build-provenance), sign with cosign.`,
	Run: releaseChecksumsMissing,
}

var sumFiles = []string{"SHA256SUMS", "sha256sums.txt", "SHA256SUMS.txt", "checksums.txt"}

func isReleaseBinary(rel string) bool {
	for _, s := range append(updaterArtifactSuffixes, ".exe", ".dmg", ".deb", ".rpm", ".zip", ".tar.gz", ".apk", ".aab", ".ipa") {
		if strings.HasSuffix(rel, s) {
			return true
		}
	}
	return false
}

func releaseChecksumsMissing(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	var bins []string
	provenance := false
	for _, rel := range files {
		if isReleaseBinary(rel) {
			bins = append(bins, rel)
		}
		provenance = provenance || strings.HasSuffix(rel, ".intoto.jsonl") || strings.HasSuffix(rel, ".sigstore.json")
	}
	if len(bins) == 0 {
		return nil
	}
	sums := ""
	for _, rel := range files {
		if slices.Contains(sumFiles, path.Base(rel)) {
			sums = rel
			verifySums(pass, rel)
		}
	}
	if sums == "" && !provenance {
		pass.Report(rules.Finding{Location: artifactLoc("."), Subject: "checksums",
			Message: fmt.Sprintf("%d release binaries without a SHA256SUMS file or provenance attestation", len(bins))})
	}
	checkCosign(pass, files, bins)
	return nil
}

func verifySums(pass *rules.Pass, rel string) {
	p := pass.Project
	data, err := readArtifact(p, rel)
	if err != nil {
		return
	}
	entries, err := signing.ParseSums(data)
	if err != nil {
		pass.Report(rules.Finding{Level: rules.Error, Location: artifactLoc(rel), Subject: rel, Message: rel + ": " + err.Error()})
		return
	}
	for _, e := range entries {
		target := path.Join(path.Dir(rel), e.Name)
		sum, err := artifactSHA256(p, target)
		if err != nil {
			continue // listed but not downloaded
		}
		if sum != e.Sum {
			pass.Report(rules.Finding{Level: rules.Error, Location: artifactLoc(rel), Subject: target,
				Message: fmt.Sprintf("%s does not match its checksum in %s", target, rel)})
		}
	}
}

// checkCosign verifies cosign signatures when --cosign-key is given.
func checkCosign(pass *rules.Pass, files, bins []string) {
	p := pass.Project
	v := p.Inputs().CosignKey
	if v == nil {
		return
	}
	for _, rel := range bins {
		var verr error
		found := false
		for _, ext := range []string{".sigstore.json", ".bundle", ".sig"} {
			if !slices.Contains(files, rel+ext) {
				continue
			}
			data, err := readArtifact(p, rel+ext)
			if err != nil || ext == ".sig" && !cosign.IsCosignSig(data) {
				continue // a Tauri updater .sig
			}
			found = true
			verr = verifyCosign(p, v, data, rel, ext == ".sig")
			if verr != nil {
				pass.Report(rules.Finding{Level: rules.Error, Location: artifactLoc(rel + ext), Subject: rel,
					Message: fmt.Sprintf("cosign signature %s does not verify: %v", rel+ext, verr)})
			}
			break
		}
		if !found {
			pass.Report(rules.Finding{Level: rules.Warning, Location: artifactLoc(rel), Subject: rel,
				Message: fmt.Sprintf("%s has no cosign signature (.sig, .bundle or .sigstore.json)", rel)})
		}
	}
}

// artifactSHA256 hashes one artifact; an error means it is not there.
func artifactSHA256(p *rules.Project, rel string) (string, error) {
	f, err := p.Inputs().Artifacts.Open(rel)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return signing.SHA256Reader(f)
}

// verifyCosign checks a legacy .sig or a bundle over the artifact rel.
func verifyCosign(p *rules.Project, v signature.Verifier, sig []byte, rel string, legacy bool) error {
	f, err := p.Inputs().Artifacts.Open(rel)
	if err != nil {
		return err
	}
	defer f.Close()
	if legacy {
		return cosign.VerifySigReader(v, sig, f)
	}
	return cosign.VerifyBundleReader(v, sig, f)
}
