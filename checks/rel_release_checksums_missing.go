package checks

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/cosign"
	"github.com/tauriaudit/tauriaudit/signing/keyless"
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
signature is an error and an artifact without one a warning.

Keyless bundles (a Fulcio certificate and a Rekor entry, as keyless ` + "`cosign sign-blob --bundle`" + `
writes them) are verified offline with --sigstore-trusted-root FILE, a trusted_root.json in the
format Sigstore publishes (the public-good instance's comes from its TUF repository): the signature over the artifact with the certificate's
key; every transparency-log entry's signed entry timestamp, RFC 6962 inclusion proof and signed
checkpoint with the log key; that the entry records this artifact's digest, signature and
certificate; that it was integrated while the certificate was valid; and the certificate chain
to a Fulcio CA at that time. Who may sign is set as in cosign:

~~~sh
tauriaudit scan --artifacts dist/ --sigstore-trusted-root trusted_root.json \
  --certificate-oidc-issuer https://token.actions.githubusercontent.com \
  --certificate-identity-regexp '^https://github.com/OWNER/REPO/'
~~~

(--certificate-identity and --certificate-oidc-issuer match exactly; the -regexp forms are RE2
and, as in cosign, not anchored.) A bundle that does not verify, or whose signer does not
match, is an error naming the identity, issuer and log index seen; a bundle that verifies with
no --certificate-identity[-regexp] is a warning, since anyone can obtain a Fulcio certificate.
A corrupt bundle is an error; DSSE attestations and cosign's older --bundle format are warnings
(not verified here). Release assets are not fetched: point --artifacts at the downloaded assets
of one release (tag); a directory holding several releases is checked as one.

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

// checkCosign verifies cosign signatures when --cosign-key or
// --sigstore-trusted-root is given.
func checkCosign(pass *rules.Pass, files, bins []string) {
	in := pass.Project.Inputs()
	var root *keyless.TrustedRoot
	if in.Trust != nil {
		root = in.Trust.Sigstore
	}
	if in.CosignKey == nil && root == nil {
		return
	}
	for _, rel := range bins {
		if !checkCosignOf(pass, files, rel) {
			pass.Report(rules.Finding{Level: rules.Warning, Location: artifactLoc(rel), Subject: rel,
				Message: fmt.Sprintf("%s has no cosign signature (.sig, .bundle or .sigstore.json)", rel)})
		}
	}
}

// checkCosignOf verifies the first cosign signature file of artifact rel
// and reports whether there was one.
func checkCosignOf(pass *rules.Pass, files []string, rel string) bool {
	p := pass.Project
	in := p.Inputs()
	for _, ext := range []string{".sigstore.json", ".bundle", ".sig"} {
		if !slices.Contains(files, rel+ext) {
			continue
		}
		data, err := readArtifact(p, rel+ext)
		if err != nil || ext == ".sig" && !cosign.IsCosignSig(data) {
			continue // a Tauri updater .sig
		}
		if ext != ".sig" {
			// Keyless bundles, and any bundle no --cosign-key could check.
			if b, err := keyless.ParseBundle(data); err != nil && in.CosignKey == nil || err == nil && b.Leaf != nil {
				checkKeyless(pass, rel, rel+ext, data, b, err)
				return true
			}
		}
		if in.CosignKey == nil {
			pass.Report(rules.Finding{Level: rules.Warning, Location: artifactLoc(rel + ext), Subject: rel,
				Message: fmt.Sprintf("%s is signed with a key: give --cosign-key to verify it", rel+ext)})
			return true
		}
		if verr := verifyCosign(p, in.CosignKey, data, rel, ext == ".sig"); verr != nil {
			pass.Report(rules.Finding{Level: rules.Error, Location: artifactLoc(rel + ext), Subject: rel,
				Message: fmt.Sprintf("cosign signature %s does not verify: %v", rel+ext, verr)})
		}
		return true
	}
	return false
}

// checkKeyless verifies a keyless Sigstore bundle (Fulcio certificate,
// Rekor entry) offline against --sigstore-trusted-root and the
// --certificate-* policy; parseErr is ParseBundle's. A file that is not
// JSON is an error; JSON in another shape (cosign's older --bundle, a
// DSSE attestation) a warning: it cannot be checked here.
func checkKeyless(pass *rules.Pass, rel, sigRel string, data []byte, b *keyless.Bundle, parseErr error) {
	in := pass.Project.Inputs()
	report := func(level rules.Level, msg string) {
		pass.Report(rules.Finding{Level: level, Location: artifactLoc(sigRel), Subject: rel, Message: msg})
	}
	switch {
	case parseErr != nil && !json.Valid(data):
		report(rules.Error, fmt.Sprintf("Sigstore bundle %s is corrupt: %v", sigRel, parseErr))
		return
	case parseErr != nil:
		report(rules.Warning, fmt.Sprintf("Sigstore bundle %s cannot be verified: %v", sigRel, parseErr))
		return
	case in.Trust == nil || in.Trust.Sigstore == nil:
		report(rules.Warning, fmt.Sprintf("%s is a keyless Sigstore bundle: give --sigstore-trusted-root (and --certificate-identity) to verify it", sigRel))
		return
	}
	digest, err := artifactDigest(pass.Project, rel)
	if err != nil {
		return
	}
	res, err := in.Trust.Sigstore.VerifyBundle(b, digest, in.Trust.Identity)
	var pm *keyless.PolicyMismatch
	switch {
	case errors.As(err, &pm):
		report(rules.Error, fmt.Sprintf("Sigstore bundle %s is signed by %s: %v", sigRel, res, err))
	case err != nil:
		report(rules.Error, fmt.Sprintf("Sigstore bundle %s does not verify: %v (certificate of %s)", sigRel, err, res.Identity))
	case !in.Trust.Identity.PinsIdentity():
		report(rules.Warning, fmt.Sprintf("Sigstore bundle %s verifies (signed by %s), but no --certificate-identity or --certificate-identity-regexp names who may sign", sigRel, res))
	}
}

// artifactDigest is the SHA-256 of one artifact.
func artifactDigest(p *rules.Project, rel string) ([]byte, error) {
	sum, err := artifactSHA256(p, rel)
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(sum)
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
func verifyCosign(p *rules.Project, v *cosign.Verifier, sig []byte, rel string, legacy bool) error {
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
