package signing

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"

	"github.com/saferwall/pe"
)

// Authenticode is the result of checking a PE file's signature.
type Authenticode struct {
	Signed      bool
	HashMatches bool   // the Authenticode hash in the signature equals the file's
	SigValid    bool   // the PKCS#7 signature over the signed content verifies
	Chained     bool   // the signer chains to one of the supplied roots
	Digest      string // "SHA1", "SHA256", …
	Timestamped bool   // carries an Authenticode or RFC 3161 countersignature
	Signer      string
	Err         string // why it could not be checked
}

// The countersignature attribute OIDs, DER-encoded: PKCS#9
// counterSignature (1.2.840.113549.1.9.6) and Microsoft's RFC 3161
// timestamp (1.3.6.1.4.1.311.3.3.1).
var (
	oidCounterSig = []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x06}
	oidRFC3161    = []byte{0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x03, 0x03, 0x01}
)

// VerifyAuthenticode checks the first Authenticode signature of a PE
// file: the image hash, the PKCS#7 signature, and (with roots) the chain.
// saferwall/pe parses; its own verdict is not used, since it needs the
// system roots (and runs certutil on Windows).
func VerifyAuthenticode(data []byte, roots *x509.CertPool) (res Authenticode) {
	defer func() {
		if v := recover(); v != nil { // a hostile file must not stop the scan
			res.Err = "malformed PE"
		}
	}()
	f, err := pe.NewBytes(data, &pe.Options{DisableCertValidation: true, DisableSignatureValidation: true})
	if err != nil {
		res.Err = err.Error()
		return res
	}
	defer f.Close()
	if err := f.Parse(); err != nil && len(f.Certificates.Certificates) == 0 {
		res.Err = err.Error()
		return res
	}
	if !f.IsSigned || len(f.Certificates.Certificates) == 0 {
		res.Signed = f.HasCertificate
		if res.Signed {
			res.Err = "certificate table does not hold a parsable Authenticode signature"
		}
		return res
	}
	res.Signed = true
	c := &f.Certificates.Certificates[0]
	res.Signer = c.Info.Subject
	h := c.SignatureContent.HashFunction
	res.Digest = hashName(h)
	if h.Available() {
		if sum := f.AuthentihashExt(h.New()); len(sum) > 0 {
			res.HashMatches = bytes.Equal(sum[0], c.SignatureContent.HashResult)
		}
	}
	res.SigValid = c.Content.Verify() == nil
	if roots != nil {
		res.Chained = c.Content.VerifyWithChain(roots) == nil
	}
	raw := f.Certificates.Raw
	res.Timestamped = bytes.Contains(raw, oidCounterSig) || bytes.Contains(raw, oidRFC3161)
	return res
}

func hashName(h crypto.Hash) string {
	switch h {
	case crypto.SHA1:
		return "SHA1"
	case crypto.MD5:
		return "MD5"
	case 0:
		return "unknown"
	}
	return h.String()
}

// msiSignatureStream is "\x05DigitalSignature" in UTF-16LE, the stream a
// signed MSI (an OLE compound file) carries its PKCS#7 in.
var msiSignatureStream = func() []byte {
	var b []byte
	for _, r := range "\x05DigitalSignature" {
		b = append(b, byte(r), 0)
	}
	return b
}()

// errNotMSI is returned for files without the OLE signature.
var errNotMSI = errors.New("not an OLE compound file")

// MSISigned reports whether an MSI has a DigitalSignature stream. Only
// presence is checked: verifying MSI signatures needs the OLE layout.
func MSISigned(data []byte) (bool, error) {
	if !bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}) {
		return false, errNotMSI
	}
	return bytes.Contains(data, msiSignatureStream), nil
}
