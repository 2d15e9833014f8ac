package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	pgperrors "github.com/ProtonMail/go-crypto/openpgp/errors"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/smallstep/pkcs7"

	"github.com/tauriaudit/tauriaudit/signing/keyless"
)

// Verify checks a git signature block over payload. who is the committer
// (or tagger): its email is matched against SSH principals, and its time
// is when SSH validity windows and X.509 chains are checked.
func (t *Trust) Verify(sig, payload []byte, who Ident) Verdict {
	v, _ := t.verify(sig, payload, who)
	return v
}

// verify is Verify that also says until when a good verdict holds: zero
// unless an OpenPGP key or signature expires (SSH and X.509 signatures
// are judged at the commit's own time, so their verdicts do not lapse).
func (t *Trust) verify(sig, payload []byte, who Ident) (Verdict, time.Time) {
	switch f := Classify(sig); f {
	case FormatNone:
		return Verdict{Status: StatusUnsigned}, time.Time{}
	case FormatOpenPGP:
		return t.verifyPGP(sig, payload)
	case FormatSSH:
		return t.verifySSH(sig, payload, who), time.Time{}
	case FormatX509:
		return t.verifyX509(sig, payload, who.When), time.Time{}
	default:
		return Verdict{Format: f, Status: StatusBad, Detail: "unrecognised signature format"}, time.Time{}
	}
}

// pgpIssuer decodes the armor and returns the packet bytes and the
// issuer key id of the first signature packet.
func pgpIssuer(sig []byte) ([]byte, string, error) {
	blk, err := armor.Decode(bytes.NewReader(sig))
	if err != nil {
		return nil, "", fmt.Errorf("armor: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(blk.Body, 1<<20))
	if err != nil {
		return nil, "", fmt.Errorf("armor: %w", err)
	}
	p, err := packet.NewReader(bytes.NewReader(raw)).Next()
	if err != nil {
		return nil, "", err
	}
	s, ok := p.(*packet.Signature)
	if !ok {
		return nil, "", errors.New("not a signature packet")
	}
	switch {
	case len(s.IssuerFingerprint) > 0:
		return raw, fmt.Sprintf("%X", s.IssuerFingerprint), nil
	case s.IssuerKeyId != nil:
		return raw, fmt.Sprintf("%016X", *s.IssuerKeyId), nil
	}
	return raw, "", errors.New("signature names no issuer")
}

func (t *Trust) verifyPGP(sig, payload []byte) (v Verdict, until time.Time) {
	v = Verdict{Format: FormatOpenPGP}
	raw, issuer, err := pgpIssuer(sig)
	v.Signer = issuer
	if err != nil {
		v.Status, v.Detail = StatusBad, "malformed OpenPGP signature: "+err.Error()
		return v, until
	}
	if t == nil || t.PGP == nil {
		v.Status, v.Detail = StatusUnverified, "no trusted OpenPGP keys were supplied"
		return v, until
	}
	cfg := &packet.Config{Time: t.now}
	s, ent, err := openpgp.VerifyDetachedSignature(t.PGP, bytes.NewReader(payload), bytes.NewReader(raw), cfg)
	if ent != nil {
		v.Signer = issuer + " " + primaryUID(ent)
	}
	switch {
	case err == nil:
		v.Status = StatusGood
		until = pgpGoodUntil(s, ent)
	case errors.Is(err, pgperrors.ErrUnknownIssuer):
		v.Status, v.Detail = StatusUntrusted, "key "+issuer+" is not in the trusted keyring"
	case errors.Is(err, pgperrors.ErrKeyExpired):
		v.Status, v.Detail = StatusExpired, "the signing key has expired"
	case errors.Is(err, pgperrors.ErrSignatureExpired):
		v.Status, v.Detail = StatusExpired, "the signature has expired"
	case errors.Is(err, pgperrors.ErrKeyRevoked):
		v.Status, v.Detail = StatusRevoked, "the signing key is revoked"
	default:
		v.Status, v.Detail = StatusBad, "signature does not verify: "+err.Error()
	}
	return v, until
}

func primaryUID(e *openpgp.Entity) string {
	if _, id := e.PrimarySelfSignature(); id != nil {
		return "(" + id.Name + ")"
	}
	for name := range e.Identities {
		return "(" + name + ")"
	}
	return ""
}

func (t *Trust) verifyX509(sig, payload []byte, when time.Time) Verdict {
	v := Verdict{Format: FormatX509}
	blk, _ := pem.Decode(bytes.TrimLeft(sig, " \t\r\n"))
	if blk == nil {
		v.Status, v.Detail = StatusBad, "malformed X.509 signature: no PEM block"
		return v
	}
	p7, err := pkcs7.Parse(blk.Bytes)
	if err != nil {
		v.Status, v.Detail = StatusBad, "malformed X.509 signature: "+err.Error()
		return v
	}
	p7.Content = payload
	if p7.GetOnlySigner() == nil && t != nil {
		// gpgsm's default include-certs leaves the signer out at times.
		p7.Certificates = append(p7.Certificates, t.X509Certs...)
	}
	ee := p7.GetOnlySigner()
	if ee == nil {
		v.Status, v.Detail = StatusUntrusted, "the signer's certificate is neither in the signature nor in the trusted roots"
		return v
	}
	v.Signer = certName(ee)
	if err := p7.Verify(); err != nil {
		var tv *pkcs7.SigningTimeNotValidError
		if errors.As(err, &tv) {
			v.Status, v.Detail = StatusExpired, "signed outside the certificate's validity"
			return v
		}
		v.Status, v.Detail = StatusBad, "signature does not verify: "+firstErrLine(err)
		return v
	}
	if t == nil || t.X509 == nil && t.Sigstore == nil {
		v.Status, v.Detail = StatusUnverified, "no trusted X.509 roots were supplied"
		return v
	}
	viaSigstore, err := t.chainX509(p7, ee, signingTime(p7, when))
	if err != nil {
		var inv x509.CertificateInvalidError
		if errors.As(err, &inv) && inv.Reason == x509.Expired {
			v.Status, v.Detail = StatusExpired, "the certificate was not valid at signing time"
			return v
		}
		v.Status, v.Detail = StatusUntrusted, "certificate does not chain to a trusted root: "+firstErrLine(err)
		return v
	}
	return t.checkEmbeddedLog(t.checkIdentity(v, ee, viaSigstore), p7, ee)
}

// chainX509 verifies the signer's chain at the signing time against the
// --x509-roots pool, then the Fulcio CAs of the Sigstore trusted root,
// and says whether the latter vouched for it.
func (t *Trust) chainX509(p7 *pkcs7.PKCS7, ee *x509.Certificate, at time.Time) (viaSigstore bool, err error) {
	if t.X509 != nil {
		if err = p7.VerifyWithChainAtTime(t.X509, at); err == nil {
			return false, nil
		}
	}
	if t.Sigstore != nil {
		_, serr := t.Sigstore.VerifyLeaf(ee, p7.Certificates, at)
		if serr == nil {
			return true, nil
		}
		if err == nil {
			err = serr
		}
	}
	return false, err
}

// checkIdentity applies the certificate identity policy to Fulcio
// certificates (those with an OIDC issuer, or chained to the Sigstore
// trusted root). A Fulcio certificate proves only that someone held an
// account at an OIDC issuer: without a policy naming the signer it is not
// trust.
func (t *Trust) checkIdentity(v Verdict, ee *x509.Certificate, viaSigstore bool) Verdict {
	id := keyless.IdentityOf(ee)
	if id.Issuer != "" {
		v.Signer = id.String()
	}
	// The policy is about Fulcio certificates: a gpgsm signature that
	// chains to --x509-roots is judged by those roots alone.
	if !viaSigstore && id.Issuer == "" {
		v.Status = StatusGood
		return v
	}
	if err := t.Identity.Check(id); err != nil {
		v.Status, v.Detail = StatusUntrusted, err.Error()
		return v
	}
	if viaSigstore && !t.Identity.PinsIdentity() {
		v.Status, v.Detail = StatusUnverified, "the certificate chains to the Sigstore trusted root, but no --certificate-identity or --certificate-identity-regexp names who may sign"
		return v
	}
	v.Status = StatusGood
	return v
}

// signingTime is the CMS signing-time attribute, else the commit time:
// gitsign certificates live ten minutes, so "now" would always fail.
func signingTime(p7 *pkcs7.PKCS7, fallback time.Time) time.Time {
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err == nil && !t.IsZero() {
		return t
	}
	if fallback.IsZero() {
		return time.Now()
	}
	return fallback
}

func certName(c *x509.Certificate) string {
	if len(c.EmailAddresses) > 0 {
		return c.EmailAddresses[0]
	}
	if len(c.URIs) > 0 {
		return c.URIs[0].String()
	}
	return c.Subject.String()
}

func firstErrLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
