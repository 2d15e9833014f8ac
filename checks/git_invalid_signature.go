package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// InvalidSignature reports commit and tag signatures that are bad,
// expired, revoked or by a signer outside the supplied trust material.
var InvalidSignature = &rules.Rule{
	ID:       "TA-GIT-002",
	Name:     "invalid-signature",
	Title:    "a commit or tag signature is bad, expired, revoked or not trusted",
	Level:    rules.Error,
	Severity: 7.0,
	Tags:     []string{"git"},
	CWE:      []int{347},
	Doc: `A signature that does not verify, was made by an expired or revoked key, or by a key outside
the project's trusted signers looks trustworthy and is not: it is worse than no signature.

tauriaudit verifies every signature of the audited range itself (no gpg process per commit):

- OpenPGP against ` + "`--trusted-keys FILE`" + ` (an armored keyring): a key not in it is "not trusted";
  expiry and revocation come from the keyring.
- SSH against ` + "`--allowed-signers FILE`" + ` (ssh-keygen's format): the key must be listed with a principal
  matching the committer email, namespaces must allow "git", and valid-after/valid-before must
  hold at the commit time. The signature's integrity is checked even without the file.
- X.509 (gpgsm, gitsign) against ` + "`--x509-roots FILE`" + ` (PEM), at the CMS signing time.
- gitsign (keyless) against the Fulcio CAs of ` + "`--sigstore-trusted-root FILE`" + ` (Sigstore's
  trusted_root.json), and the signer's identity (the certificate's email or URI) and OIDC issuer
  against ` + "`--certificate-identity`" + `/` + "`--certificate-identity-regexp`" + ` and
  ` + "`--certificate-oidc-issuer`" + `/` + "`--certificate-oidc-issuer-regexp`" + `, spelled and matched as
  in cosign (RE2, unanchored: write ^…$); the policy applies to Fulcio certificates (with an OIDC
  issuer, or chained to the trusted root), not to gpgsm signatures judged by --x509-roots. A
  certificate of someone else is "not trusted", with
  the identity and issuer seen and wanted. A Fulcio certificate with no identity policy is a
  note: anyone can obtain one. A commit signed with ` + "`gitsign.rekorMode=offline`" + ` carries its Rekor
  entry: its signed entry timestamp, inclusion proof and checkpoint are verified with the log
  keys of the trusted root, and the log must have integrated it while the certificate was
  valid; an entry that fails is a bad signature. gitsign's default online mode keeps the entry
  only in Rekor, which the scan does not contact: it is not checked.

A signature that cannot be checked because no trust material was supplied for its format is
reported as a note. Tags are checked like commits.

**Fix:** re-sign with a trusted key, or add the signer to the trust files after checking who it
is. Rotate keys before they expire.

**False positives:** git shows the same cases as %G? B (bad), X/Y (expired), R (revoked), U or E
(unknown signer).`,
	Run: invalidSignature,
}

func invalidSignature(pass *rules.Pass) error {
	h := gitHistoryOf(pass.Project)
	if h == nil {
		return nil
	}
	if h.Err != nil {
		return nil
	}
	n := 0
	var rolled rules.Level // the worst level of the commits summed up
	for _, c := range h.Audit.Problems {
		level, ok := signatureLevel(c.Verdict.Status)
		if !ok {
			continue
		}
		if n++; n > maxPerCommitFindings {
			rolled = worseLevel(rolled, level)
			continue
		}
		pass.Report(rules.Finding{Level: level, Location: commitLoc(h, c.ID), Subject: c.ID.String(),
			Message: fmt.Sprintf("commit %s by %s: %s %s signature: %s", c.ID.Short(), gitWho(c.Author),
				c.Verdict.Status, c.Verdict.Format, c.Verdict.Detail)})
	}
	if n > maxPerCommitFindings {
		pass.Report(rules.Finding{Level: rolled, Location: commitLoc(h, signing.Hash{}), Subject: "signature-summary",
			Message: fmt.Sprintf("%d more commits with signature problems in %s", n-maxPerCommitFindings, rangeDesc(h))})
	}
	for _, t := range h.Audit.Tags {
		level, ok := signatureLevel(t.Verdict.Status)
		if !ok || t.Lightweight {
			continue
		}
		pass.Report(rules.Finding{Level: level, Location: commitLoc(h, t.Commit), Subject: "tag:" + t.Name,
			Message: fmt.Sprintf("tag %s (commit %s) by %s: %s %s signature: %s", t.Name, t.Commit.Short(), gitWho(t.Tagger),
				t.Verdict.Status, t.Verdict.Format, t.Verdict.Detail)})
	}
	return nil
}

// worseLevel returns the more severe of two levels ("" is none).
func worseLevel(a, b rules.Level) rules.Level {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// signatureLevel maps a verdict to a finding level: unverifiable
// signatures are notes, the rest of the failures errors.
func signatureLevel(s signing.Status) (rules.Level, bool) {
	switch s {
	case signing.StatusUnverified:
		return rules.Note, true
	case signing.StatusBad, signing.StatusUntrusted, signing.StatusExpired, signing.StatusRevoked:
		return rules.Error, true
	}
	return "", false
}
