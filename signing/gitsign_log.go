package signing

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	"github.com/smallstep/pkcs7"

	"github.com/tauriaudit/tauriaudit/signing/keyless"
)

// oidRekorEntry is the CMS unsigned attribute where gitsign's offline mode
// (gitsign.rekorMode=offline) embeds the commit's Rekor entry, a protobuf
// TransparencyLogEntry without its body.
var oidRekorEntry = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 3, 1}

// checkEmbeddedLog verifies an embedded Rekor entry against the log keys
// of the Sigstore trusted root: a signature whose entry does not verify
// is bad. Without an entry (gitsign's default online mode) the verdict
// stands: the log is not consulted.
func (t *Trust) checkEmbeddedLog(v Verdict, p7 *pkcs7.PKCS7, ee *x509.Certificate) Verdict {
	if t.Sigstore == nil || v.Status != StatusGood && v.Status != StatusUnverified || len(p7.Signers) != 1 {
		return v
	}
	si := p7.Signers[0]
	var raw []byte
	for _, a := range si.UnauthenticatedAttributes {
		if a.Type.Equal(oidRekorEntry) {
			if _, err := asn1.Unmarshal(a.Value.Bytes, &raw); err != nil {
				v.Status, v.Detail = StatusBad, "embedded transparency-log entry is not an OCTET STRING"
				return v
			}
		}
	}
	if raw == nil {
		return v
	}
	e, err := keyless.ParseLogEntry(raw)
	if err == nil {
		var digest []byte
		if digest, err = signedAttrsDigest(si.AuthenticatedAttributes); err == nil {
			err = t.Sigstore.VerifyLogged(e, digest, si.EncryptedDigest, ee)
		}
	}
	if err != nil {
		v.Status, v.Detail = StatusBad, err.Error()
		return v
	}
	v.Signer += fmt.Sprintf(", log index %d", e.LogIndex)
	return v
}

// signedAttrsDigest is the SHA-256 of the signed attributes as a CMS
// signature covers them (a DER SET), which is what gitsign logs.
func signedAttrsDigest[A any](attrs []A) ([]byte, error) {
	if len(attrs) == 0 {
		return nil, errors.New("the signature has no signed attributes to match the log entry against")
	}
	var body []byte
	for _, a := range attrs {
		b, err := asn1.Marshal(a)
		if err != nil {
			return nil, err
		}
		body = append(body, b...)
	}
	set, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSet, IsCompound: true, Bytes: body})
	if err != nil {
		return nil, err
	}
	d := sha256.Sum256(set)
	return d[:], nil
}
