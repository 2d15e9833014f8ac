package checks

import (
	"crypto/x509"
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// codesignRoots is the --codesign-roots pool; nil when none was given.
func codesignRoots(p *rules.Project) *x509.CertPool { return p.Inputs().CodesignRoots }

// unchainedSigner describes a valid Authenticode signature whose signer
// does not chain to the supplied roots, or "".
func unchainedSigner(a signing.Authenticode, roots *x509.CertPool) string {
	if roots == nil || a.Chained {
		return ""
	}
	return notChained(a.Signer)
}

func notChained(signer string) string {
	return fmt.Sprintf("is signed by %q, which does not chain to a root in --codesign-roots", signer)
}

// machOSignatureProblem verifies the CMS signature of each Mach-O slice
// that has one and says what is wrong: a signature that does not verify
// or, with roots, does not chain (errors), or only SHA-1 CodeDirectories
// (the rule's level). "" when nothing is.
func machOSignatureProblem(info *signing.BinaryInfo, roots *x509.CertPool) (string, rules.Level) {
	weak, cms := true, false
	for i := range info.Slices {
		sl := &info.Slices[i]
		if !sl.CMS {
			continue
		}
		cms = true
		v := sl.VerifySignature(roots)
		switch {
		case !v.SigValid:
			return fmt.Sprintf("has a code signature that does not verify (%s: %s)", sl.Arch, v.Err), rules.Error
		case roots != nil && !v.Chained:
			return notChained(v.Signer), rules.Error
		}
		weak = weak && v.Weak
	}
	if cms && weak {
		return "has a code signature with only SHA-1 CodeDirectories, a weak hash (re-sign with a current codesign, which adds SHA-256)", ""
	}
	return "", ""
}
