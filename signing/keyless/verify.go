package keyless

import (
	"bytes"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// Result is who signed a bundle and where the log recorded it; it is
// filled as far as verification got, also when it failed.
type Result struct {
	Identity   Identity
	LogIndex   int64 // -1 when the bundle has no log entry
	Integrated time.Time
}

// String is "IDENTITY (issuer ISSUER), log index N".
func (r Result) String() string {
	if r.LogIndex < 0 {
		return r.Identity.String()
	}
	return fmt.Sprintf("%s, log index %d", r.Identity, r.LogIndex)
}

// A PolicyMismatch is a bundle that verifies but was signed by someone
// the policy does not name.
type PolicyMismatch struct{ Err error }

func (e *PolicyMismatch) Error() string { return e.Err.Error() }
func (e *PolicyMismatch) Unwrap() error { return e.Err }

// VerifyBundle checks a keyless bundle over an artifact whose SHA-256 is
// digest: the signature with the certificate's key, every log entry
// (SET, inclusion proof, checkpoint) and that it records this artifact,
// signature and certificate; the certificate's chain at the integrated
// time, which must fall in the certificate's validity; then the policy.
func (r *TrustedRoot) VerifyBundle(b *Bundle, digest []byte, pol *Policy) (Result, error) {
	res := Result{LogIndex: -1}
	if b.Leaf == nil {
		return res, errors.New("bundle is signed with a key, not a certificate")
	}
	res.Identity = IdentityOf(b.Leaf)
	if b.Digest != nil && !bytes.Equal(b.Digest, digest) {
		return res, errors.New("bundle digest does not match the file")
	}
	if err := verifyDigest(b.Leaf.PublicKey, digest, b.Signature); err != nil {
		return res, fmt.Errorf("message signature: %w", err)
	}
	if len(b.Entries) == 0 {
		return res, errors.New("bundle has no transparency-log entry: the signing time is not attested")
	}
	res.LogIndex = b.Entries[0].LogIndex
	res.Integrated = time.Unix(b.Entries[0].IntegratedTime, 0)
	for _, e := range b.Entries {
		if len(e.Body) == 0 {
			return res, &LogError{e.LogIndex, errors.New("canonicalizedBody is missing")}
		}
		if err := r.VerifyLogged(e, digest, b.Signature, b.Leaf); err != nil {
			return res, err
		}
		if _, err := r.VerifyLeaf(b.Leaf, b.Chain, time.Unix(e.IntegratedTime, 0)); err != nil {
			return res, err
		}
	}
	if err := pol.Check(res.Identity); err != nil {
		return res, &PolicyMismatch{err}
	}
	return res, nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// hashedRekord is the body of a hashedrekord v0.0.1 entry.
type hashedRekord struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Spec       struct {
		Data struct {
			Hash struct {
				Algorithm string `json:"algorithm"`
				Value     string `json:"value"`
			} `json:"hash"`
		} `json:"data"`
		Signature struct {
			Content   []byte `json:"content"`
			PublicKey struct {
				Content []byte `json:"content"`
			} `json:"publicKey"`
		} `json:"signature"`
	} `json:"spec"`
}

// checkBody tells whether a log entry records this artifact digest,
// signature and certificate.
func checkBody(body, digest, sig []byte, leaf *x509.Certificate) error {
	var h hashedRekord
	if err := json.Unmarshal(body, &h); err != nil {
		return errors.New("log entry body is not JSON")
	}
	if h.Kind != "hashedrekord" || h.APIVersion != "0.0.1" {
		return fmt.Errorf("log entry is a %s %s, not a hashedrekord 0.0.1", clip(h.Kind), clip(h.APIVersion))
	}
	d := h.Spec.Data.Hash
	if d.Algorithm != "sha256" || d.Value != hex.EncodeToString(digest) {
		return errors.New("log entry records another artifact digest")
	}
	if !bytes.Equal(h.Spec.Signature.Content, sig) {
		return errors.New("log entry records another signature")
	}
	blk, _ := pem.Decode(h.Spec.Signature.PublicKey.Content)
	if blk == nil || !bytes.Equal(blk.Bytes, leaf.Raw) {
		return errors.New("log entry records another certificate")
	}
	return nil
}
