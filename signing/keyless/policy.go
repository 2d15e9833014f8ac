package keyless

import (
	"fmt"
	"regexp"
	"strings"
)

// Policy is who may have signed: cosign's --certificate-identity[-regexp]
// and --certificate-oidc-issuer[-regexp]. An empty field is no constraint.
// The regexps are RE2 and, as in cosign, not anchored: write ^…$.
type Policy struct {
	Identity   string
	IdentityRE *regexp.Regexp
	Issuer     string
	IssuerRE   *regexp.Regexp
}

// A PolicyError names the flag whose value is not a valid regexp.
type PolicyError struct {
	Flag, Value string
	Err         error
}

func (e *PolicyError) Error() string { return e.Flag + " " + e.Value + ": " + e.Err.Error() }
func (e *PolicyError) Unwrap() error { return e.Err }

// NewPolicy compiles the four settings; nil when all are empty.
func NewPolicy(identity, identityRE, issuer, issuerRE string) (*Policy, error) {
	if identity == "" && identityRE == "" && issuer == "" && issuerRE == "" {
		return nil, nil
	}
	p := &Policy{Identity: identity, Issuer: issuer}
	var err error
	if identityRE != "" {
		if p.IdentityRE, err = regexp.Compile(identityRE); err != nil {
			return nil, &PolicyError{"--certificate-identity-regexp", identityRE, err}
		}
	}
	if issuerRE != "" {
		if p.IssuerRE, err = regexp.Compile(issuerRE); err != nil {
			return nil, &PolicyError{"--certificate-oidc-issuer-regexp", issuerRE, err}
		}
	}
	return p, nil
}

// Check says whether id satisfies the policy; the error tells what was
// seen and what was wanted. A nil policy accepts everyone.
func (p *Policy) Check(id Identity) error {
	if p == nil {
		return nil
	}
	if !p.issuerOK(id.Issuer) {
		return fmt.Errorf("OIDC issuer %q does not match %s", id.Issuer, p.wantIssuer())
	}
	if !p.subjectOK(id.SANs) {
		return fmt.Errorf("certificate identity %s does not match %s", id.Subject(), p.wantIdentity())
	}
	return nil
}

func (p *Policy) issuerOK(iss string) bool {
	switch {
	case p.IssuerRE != nil:
		return p.IssuerRE.MatchString(iss)
	case p.Issuer != "":
		return p.Issuer == iss
	}
	return true
}

func (p *Policy) subjectOK(sans []string) bool {
	if p.Identity == "" && p.IdentityRE == nil {
		return true
	}
	for _, s := range sans {
		if p.IdentityRE != nil && p.IdentityRE.MatchString(s) || p.IdentityRE == nil && s == p.Identity {
			return true
		}
	}
	return false
}

func (p *Policy) wantIssuer() string {
	if p.IssuerRE != nil {
		return "--certificate-oidc-issuer-regexp " + p.IssuerRE.String()
	}
	return "--certificate-oidc-issuer " + p.Issuer
}

func (p *Policy) wantIdentity() string {
	if p.IdentityRE != nil {
		return "--certificate-identity-regexp " + p.IdentityRE.String()
	}
	return "--certificate-identity " + p.Identity
}

// PinsIdentity tells whether the policy names a signer, not only an issuer:
// anyone with an account at an issuer can obtain a certificate from it.
func (p *Policy) PinsIdentity() bool {
	return p != nil && (p.Identity != "" || p.IdentityRE != nil)
}

// String describes the policy for fingerprints and messages.
func (p *Policy) String() string {
	if p == nil {
		return ""
	}
	var parts []string
	if p.Identity != "" || p.IdentityRE != nil {
		parts = append(parts, p.wantIdentity())
	}
	if p.Issuer != "" || p.IssuerRE != nil {
		parts = append(parts, p.wantIssuer())
	}
	return strings.Join(parts, " ")
}
