package signing

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// gitNamespace is the sshsig namespace git signs commits and tags in.
const gitNamespace = "git"

func (t *Trust) verifySSH(sig, payload []byte, who Ident) Verdict {
	v := Verdict{Format: FormatSSH}
	s, err := sshsig.Unarmor(bytes.TrimLeft(sig, " \t\r\n"))
	if err != nil {
		v.Status, v.Detail = StatusBad, "malformed SSH signature: "+err.Error()
		return v
	}
	v.Signer = ssh.FingerprintSHA256(s.PublicKey)
	if s.Namespace != gitNamespace {
		v.Status, v.Detail = StatusBad, fmt.Sprintf("signed for namespace %q, not %q", s.Namespace, gitNamespace)
		return v
	}
	// The signature carries its key, so integrity is checked even when no
	// allowed signers were supplied.
	if err := sshsig.Verify(bytes.NewReader(payload), s, s.PublicKey, s.HashAlgorithm, gitNamespace); err != nil {
		v.Status, v.Detail = StatusBad, "signature does not verify: "+err.Error()
		return v
	}
	if t == nil || t.SSH == nil {
		v.Status, v.Detail = StatusUnverified, "no allowed signers were supplied"
		return v
	}
	v.Status, v.Detail, v.Signer = t.sshTrust(s.PublicKey, who)
	return v
}

// sshTrust decides whether an intact SSH signature's key is trusted for
// who, as ssh-keygen -Y verify does with git's verify-time option: the
// key (or the CA of its certificate) must be listed with a principal
// matching the email, allowed for namespace git, and valid at the time
// of the commit.
func (t *Trust) sshTrust(key ssh.PublicKey, who Ident) (Status, string, string) {
	fp := ssh.FingerprintSHA256(key)
	cert, isCert := key.(*ssh.Certificate)
	var reasons []string
	found := false
	for _, e := range t.SSH {
		if !e.keyMatches(key, cert, isCert) {
			continue
		}
		found = true
		switch {
		case !e.allowsNamespace(gitNamespace):
			reasons = append(reasons, fmt.Sprintf("line %d does not allow namespace git", e.Line))
		case !e.ValidBefore.IsZero() && who.When.After(e.ValidBefore):
			return StatusExpired, fmt.Sprintf("key was valid only before %s (allowed_signers line %d)", e.ValidBefore.Format(time.DateOnly), e.Line), fp
		case !e.ValidAfter.IsZero() && who.When.Before(e.ValidAfter):
			reasons = append(reasons, fmt.Sprintf("line %d is valid only after %s", e.Line, e.ValidAfter.Format(time.DateOnly)))
		case !matchPrincipal(e.Principals, who.Email):
			reasons = append(reasons, fmt.Sprintf("line %d lists %s, not %s", e.Line, strings.Join(e.Principals, ","), who.Email))
		case isCert && !certValid(cert, who):
			reasons = append(reasons, "certificate not valid for "+who.Email+" at commit time")
		default:
			return StatusGood, "", fp + " (" + who.Email + ")"
		}
	}
	if !found {
		return StatusUntrusted, "key " + fp + " is not in the allowed signers", fp
	}
	return StatusUntrusted, "signer not allowed: " + strings.Join(reasons, "; "), fp
}

// keyMatches: a plain entry matches the same key; a cert-authority entry
// matches certificates it signed.
func (e *AllowedSigner) keyMatches(key ssh.PublicKey, cert *ssh.Certificate, isCert bool) bool {
	if e.CertAuthority {
		return isCert && bytes.Equal(e.Key.Marshal(), cert.SignatureKey.Marshal())
	}
	if isCert {
		key = cert.Key
	}
	return bytes.Equal(e.Key.Marshal(), key.Marshal())
}

func certValid(c *ssh.Certificate, who Ident) bool {
	at := uint64(who.When.Unix())
	if at < c.ValidAfter || (c.ValidBefore != ssh.CertTimeInfinity && at >= c.ValidBefore) {
		return false
	}
	if len(c.ValidPrincipals) == 0 {
		return true
	}
	for _, p := range c.ValidPrincipals {
		if p == who.Email {
			return true
		}
	}
	return false
}
