package keyless

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
)

// verifySig checks sig over msg: ECDSA (ASN.1) and RSA PKCS#1 v1.5 over
// SHA-256, Ed25519 over the message itself, as Rekor signs.
func verifySig(pub crypto.PublicKey, msg, sig []byte) error {
	if k, ok := pub.(ed25519.PublicKey); ok {
		if ed25519.Verify(k, msg, sig) {
			return nil
		}
		return errors.New("signature does not verify")
	}
	d := sha256.Sum256(msg)
	return verifyDigest(pub, d[:], sig)
}

// verifyDigest checks sig over a SHA-256 digest.
func verifyDigest(pub crypto.PublicKey, digest, sig []byte) error {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if ecdsa.VerifyASN1(k, digest, sig) {
			return nil
		}
	case *rsa.PublicKey:
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, digest, sig) == nil {
			return nil
		}
	default:
		return fmt.Errorf("%T keys are not supported over a digest", pub)
	}
	return errors.New("signature does not verify")
}
