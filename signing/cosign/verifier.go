package cosign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
)

// Verifier checks signatures made with one public key the way cosign's
// sign-blob --key makes them (through sigstore/sigstore's LoadVerifier
// with SHA-256): ECDSA over the SHA-256 digest, as ASN.1 DER or as IEEE
// P1363 r||s; RSA PKCS #1 v1.5 over the SHA-256 digest; Ed25519 over the
// blob itself. It uses only the standard library: sigstore's package
// brought protobuf and container-registry code whose start-up cost every
// run of the binary paid, for these few lines. The tests sign with
// sigstore's own signer.
type Verifier struct {
	key crypto.PublicKey
}

// ParseKey reads a PEM public key (cosign.pub): a PKIX "PUBLIC KEY" or a
// PKCS #1 "RSA PUBLIC KEY", as sigstore's UnmarshalPEMToPublicKey does.
func ParseKey(b []byte) (*Verifier, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, errors.New("PEM decoding failed")
	}
	var key crypto.PublicKey
	var err error
	switch block.Type {
	case "PUBLIC KEY":
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	default:
		return nil, fmt.Errorf("unknown public key PEM type %q", block.Type)
	}
	if err != nil {
		return nil, err
	}
	switch k := key.(type) {
	case *ecdsa.PublicKey, *rsa.PublicKey, ed25519.PublicKey:
		return &Verifier{key: k}, nil
	}
	return nil, fmt.Errorf("unsupported public key type %T", key)
}

// VerifySignature checks sig over everything blob yields.
func (v *Verifier) VerifySignature(sig []byte, blob io.Reader) error {
	if len(sig) == 0 {
		return errors.New("empty signature")
	}
	if k, ok := v.key.(ed25519.PublicKey); ok {
		msg, err := io.ReadAll(blob)
		if err != nil {
			return err
		}
		if !ed25519.Verify(k, msg, sig) {
			return errors.New("invalid ed25519 signature")
		}
		return nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, blob); err != nil {
		return err
	}
	digest := h.Sum(nil)
	switch k := v.key.(type) {
	case *ecdsa.PublicKey:
		return verifyECDSA(k, digest, sig)
	case *rsa.PublicKey:
		return rsa.VerifyPKCS1v15(k, crypto.SHA256, digest, sig)
	}
	return fmt.Errorf("unsupported public key type %T", v.key)
}

// verifyECDSA takes DER when sig parses as an ASN.1 pair, else IEEE P1363.
func verifyECDSA(k *ecdsa.PublicKey, digest, sig []byte) error {
	var pair struct{ R, S *big.Int }
	if _, err := asn1.Unmarshal(sig, &pair); err == nil {
		if !ecdsa.VerifyASN1(k, digest, sig) {
			return errors.New("invalid ECDSA signature (ASN.1)")
		}
		return nil
	}
	if len(sig) > 132 || len(sig)%2 != 0 {
		return errors.New("invalid ECDSA signature encoding")
	}
	r := new(big.Int).SetBytes(sig[:len(sig)/2])
	s := new(big.Int).SetBytes(sig[len(sig)/2:])
	if !ecdsa.Verify(k, digest, r, s) {
		return errors.New("invalid ECDSA signature (IEEE P1363)")
	}
	return nil
}
