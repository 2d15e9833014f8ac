// Package cosign verifies key-based cosign sign-blob signatures: the
// legacy .sig file (base64 of the signature) and the .bundle /
// .sigstore.json bundle, with the standard library's crypto. Bundles
// made keyless (Fulcio certificate, Rekor entry) are only checked against
// the given key here; package signing/keyless verifies those.
package cosign

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadKey reads a PEM public key (cosign.pub).
func LoadKey(p string) (*Verifier, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	v, err := ParseKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return v, nil
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
func VerifyBundle(v *Verifier, bundleJSON []byte, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return VerifyBundleReader(v, bundleJSON, f)
}

// VerifyBundleReader checks a .bundle or .sigstore.json over the blob
// blob yields; it reads the blob twice when the bundle carries a digest.
func VerifyBundleReader(v *Verifier, bundleJSON []byte, blob io.ReadSeeker) error {
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
			if err := checkDigest(md.Digest, blob); err != nil {
				return err
			}
			if _, err := blob.Seek(0, io.SeekStart); err != nil {
				return err
			}
		}
	}
	if sigB64 == "" {
		return errors.New("bundle has no message signature (a DSSE attestation?)")
	}
	return VerifySigReader(v, []byte(sigB64), blob)
}

func checkDigest(want string, blob io.Reader) error {
	d, err := base64.StdEncoding.DecodeString(want)
	if err != nil {
		return errors.New("bundle digest is not base64")
	}
	h := sha256.New()
	if _, err := io.Copy(h, blob); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), d) {
		return errors.New("bundle digest does not match the file")
	}
	return nil
}

// VerifySig checks a legacy .sig (base64) over the blob at p.
func VerifySig(v *Verifier, sigB64 []byte, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return VerifySigReader(v, sigB64, f)
}

// VerifySigReader checks a legacy .sig (base64) over what blob yields.
func VerifySigReader(v *Verifier, sigB64 []byte, blob io.Reader) error {
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sigB64)))
	if err != nil {
		return errors.New("signature is not base64")
	}
	return v.VerifySignature(sig, blob)
}
