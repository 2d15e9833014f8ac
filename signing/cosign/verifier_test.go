package cosign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// TestVerifierAgreesWithSigstore signs with sigstore's signer for every
// key type cosign accepts and checks that Verifier and sigstore's own
// verifier give the same answer on the good signature, a tampered blob, a
// flipped signature byte and another key's signature.
func TestVerifierAgreesWithSigstore(t *testing.T) {
	ec256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherSigner, _ := signature.LoadSigner(other, crypto.SHA256)
	for name, priv := range map[string]crypto.Signer{"P-256": ec256, "P-384": ec384, "RSA": rsaKey, "Ed25519": edKey} {
		signer, err := signature.LoadSigner(priv, crypto.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		pemKey, _ := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
		ours, err := ParseKey(pemKey)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		theirs, _ := signature.LoadVerifier(priv.Public(), crypto.SHA256)
		good, _ := signer.SignMessage(strings.NewReader("release"))
		foreign, _ := otherSigner.SignMessage(strings.NewReader("release"))
		flipped := bytes.Clone(good)
		flipped[len(flipped)/2] ^= 1
		for _, c := range []struct {
			what     string
			sig, msg []byte
		}{
			{"good", good, []byte("release")},
			{"tampered blob", good, []byte("releasE")},
			{"flipped byte", flipped, []byte("release")},
			{"other key", foreign, []byte("release")},
			{"empty", nil, []byte("release")},
		} {
			gotErr := ours.VerifySignature(c.sig, bytes.NewReader(c.msg))
			wantErr := theirs.VerifySignature(bytes.NewReader(c.sig), bytes.NewReader(c.msg))
			if (gotErr == nil) != (wantErr == nil) {
				t.Errorf("%s, %s: ours %v, sigstore %v", name, c.what, gotErr, wantErr)
			}
			if c.what == "good" && gotErr != nil {
				t.Errorf("%s: good signature rejected: %v", name, gotErr)
			}
		}
	}
}

// TestVerifierP1363 checks the raw r||s encoding sigstore also accepts.
func TestVerifierP1363(t *testing.T) {
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	digest := sha256.Sum256([]byte("release"))
	r, s, _ := ecdsa.Sign(rand.Reader, priv, digest[:])
	raw := append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
	der, _ := x509.MarshalPKIXPublicKey(priv.Public())
	v, err := ParseKey(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.VerifySignature(raw, strings.NewReader("release")); err != nil {
		t.Errorf("P1363 signature rejected: %v", err)
	}
	bad := append(new(big.Int).Add(r, big.NewInt(1)).FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
	if err := v.VerifySignature(bad, strings.NewReader("release")); err == nil {
		t.Error("wrong r accepted")
	}
}

func TestParseKeyRejects(t *testing.T) {
	for name, in := range map[string]string{
		"not PEM":    "hello",
		"wrong type": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
		"bad DER":    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
	} {
		if _, err := ParseKey([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
