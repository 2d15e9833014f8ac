// Package cosign verifies key-based cosign sign-blob signatures: the
// legacy .sig file (base64 of the signature) and the .bundle /
// .sigstore.json bundle, with sigstore/sigstore's verifier. It is kept
// apart from package signing because sigstore brings a large dependency
// graph. Bundles made keyless (Fulcio certificate, Rekor entry) are only
// checked against the given key; transparency logs are not verified.
package cosign

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// LoadKey reads a PEM public key (cosign.pub).
func LoadKey(p string) (signature.Verifier, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	pub, err := cryptoutils.UnmarshalPEMToPublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return signature.LoadVerifier(pub, crypto.SHA256)
}

// IsCosignSig tells a cosign legacy .sig (base64 of a raw or DER
// signature) from a Tauri updater .sig (base64 of minisign text).
func IsCosignSig(b []byte) bool {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	return err == nil && len(raw) > 0 && !bytes.HasPrefix(raw, []byte("untrusted comment"))
}

// bundle holds the fields of both bundle formats that a key-based
// verification needs.
type bundle struct {
	Base64Signature  string `json:"base64Signature"` // cosign v1/v2 --bundle
	MessageSignature *struct {
		MessageDigest struct {
			Algorithm string `json:"algorithm"`
			Digest    string `json:"digest"`
		} `json:"messageDigest"`
		Signature string `json:"signature"`
	} `json:"messageSignature"` // sigstore bundle v0.1–v0.3
}

// VerifyBundle checks a .bundle or .sigstore.json over the blob at p.
func VerifyBundle(v signature.Verifier, bundleJSON []byte, p string) error {
	var b bundle
	if err := json.Unmarshal(bundleJSON, &b); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	sigB64 := b.Base64Signature
	if b.MessageSignature != nil {
		sigB64 = b.MessageSignature.Signature
		md := b.MessageSignature.MessageDigest
		if md.Digest != "" {
			if md.Algorithm != "SHA2_256" {
				return fmt.Errorf("bundle digest algorithm %s is not supported", md.Algorithm)
			}
			if err := checkDigest(md.Digest, p); err != nil {
				return err
			}
		}
	}
	if sigB64 == "" {
		return errors.New("bundle has no message signature (a DSSE attestation?)")
	}
	return VerifySig(v, []byte(sigB64), p)
}

func checkDigest(want, p string) error {
	d, err := base64.StdEncoding.DecodeString(want)
	if err != nil {
		return errors.New("bundle digest is not base64")
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), d) {
		return errors.New("bundle digest does not match the file")
	}
	return nil
}

// VerifySig checks a legacy .sig (base64) over the blob at p.
func VerifySig(v signature.Verifier, sigB64 []byte, p string) error {
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sigB64)))
	if err != nil {
		return errors.New("signature is not base64")
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return v.VerifySignature(bytes.NewReader(sig), f)
}
