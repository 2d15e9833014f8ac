package cosign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"
)

// TestVerify signs with sigstore's own signer, as cosign sign-blob --key
// does, and checks the legacy .sig and both bundle shapes.
func TestVerify(t *testing.T) {
	dir := t.TempDir()
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer, err := signature.LoadSigner(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	pem, _ := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	keyPath := filepath.Join(dir, "cosign.pub")
	os.WriteFile(keyPath, pem, 0o644)
	v, err := LoadKey(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	blob := filepath.Join(dir, "app.tar.gz")
	os.WriteFile(blob, []byte("release"), 0o644)
	sig, _ := signer.SignMessage(strings.NewReader("release"))
	sigB64 := base64.StdEncoding.EncodeToString(sig)
	if !IsCosignSig([]byte(sigB64)) || IsCosignSig([]byte(base64.StdEncoding.EncodeToString([]byte("untrusted comment: x")))) {
		t.Error("IsCosignSig misclassifies")
	}
	if err := VerifySig(v, []byte(sigB64), blob); err != nil {
		t.Errorf("legacy sig: %v", err)
	}
	digest := sha256.Sum256([]byte("release"))
	newBundle, _ := json.Marshal(map[string]any{"messageSignature": map[string]any{
		"messageDigest": map[string]string{"algorithm": "SHA2_256", "digest": base64.StdEncoding.EncodeToString(digest[:])},
		"signature":     sigB64}})
	oldBundle, _ := json.Marshal(map[string]string{"base64Signature": sigB64})
	for name, b := range map[string][]byte{"v0.3 bundle": newBundle, "cosign bundle": oldBundle} {
		if err := VerifyBundle(v, b, blob); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	os.WriteFile(blob, []byte("tampered"), 0o644)
	if err := VerifySig(v, []byte(sigB64), blob); err == nil {
		t.Error("tampered blob verified")
	}
	if err := VerifyBundle(v, newBundle, blob); err == nil || !strings.Contains(err.Error(), "digest") {
		t.Errorf("tampered blob with bundle: %v", err)
	}
}
