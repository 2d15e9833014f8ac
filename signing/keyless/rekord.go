package keyless

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"time"
)

// HashedRekordBody is the entry Rekor logs for a signature sig over a
// SHA-256 digest by leaf: a hashedrekord 0.0.1 in RFC 8785 canonical JSON
// (sorted keys, no spaces), as Rekor stores it. gitsign's offline mode
// embeds entries without their body, so the verifier rebuilds it.
func HashedRekordBody(digest, sig []byte, leaf *x509.Certificate) []byte {
	str := func(s string) []byte { b, _ := json.Marshal(s); return b }
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw})
	return fmt.Appendf(nil, `{"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"data":{"hash":{"algorithm":"sha256","value":%s}},"signature":{"content":%s,"publicKey":{"content":%s}}}}`,
		str(hex.EncodeToString(digest)), str(base64.StdEncoding.EncodeToString(sig)), str(base64.StdEncoding.EncodeToString(certPEM)))
}

// VerifyLogged checks that log entry e is valid (see VerifyEntry), that it
// records digest, sig and leaf, and that the log integrated it while leaf
// was valid. An entry without a body gets the one those three make.
func (r *TrustedRoot) VerifyLogged(e Entry, digest, sig []byte, leaf *x509.Certificate) error {
	if len(e.Body) == 0 {
		e.Body = HashedRekordBody(digest, sig, leaf)
	}
	if err := r.VerifyEntry(e); err != nil {
		return err
	}
	if err := checkBody(e.Body, digest, sig, leaf); err != nil {
		return &LogError{e.LogIndex, err}
	}
	at := time.Unix(e.IntegratedTime, 0)
	if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
		return &LogError{e.LogIndex, fmt.Errorf("integrated time %s is outside the certificate's validity (%s to %s)",
			stamp(at), stamp(leaf.NotBefore), stamp(leaf.NotAfter))}
	}
	return nil
}
