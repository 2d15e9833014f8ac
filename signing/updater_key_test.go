package signing

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"

	"aead.dev/minisign"
)

// newKeyFiles makes a throwaway minisign key pair: the encrypted secret
// key file with its comment replaced, the unencrypted one, and the
// public key file.
func newKeyFiles(t *testing.T, comment string) (enc, plain, pub string) {
	t.Helper()
	pk, sk, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	// minisign.EncryptKey runs scrypt at minisign's cost (seconds); the
	// encrypted box differs from the plain one only in its KDF marker,
	// salt and limits, and the key bytes are then XORed, so mark the plain
	// box as encrypted for the structure test.
	p, _ := sk.MarshalText()
	_, plainLine, _ := bytes.Cut(p, []byte("\n"))
	raw, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(plainLine)))
	if err != nil || len(raw) != secretBoxLen {
		t.Fatalf("minisign wrote a %d-byte secret key box: %v", len(raw), err)
	}
	copy(raw[2:4], "Sc")
	keyLine := base64.StdEncoding.EncodeToString(raw)
	pb, _ := pk.MarshalText()
	return "untrusted comment: " + comment + "\n" + string(keyLine), "untrusted comment: " + comment + "\n" + string(plainLine), string(pb)
}

func TestUpdaterKeyByStructure(t *testing.T) {
	enc, plain, pub := newKeyFiles(t, "release key for my app")
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	found := map[string]string{
		"keys/app.key":   enc,
		"keys/plain.key": plain,
		".env":           "TAURI_KEY_B64=" + b64(enc) + "\n",
		"src/main.rs":    `const K: &str = "` + b64(enc) + `";`,
		"docs/setup.md":  "Our key:\n\n    " + strings.ReplaceAll(enc, "\n", "\n    ") + "\n",
		"keys/crlf.key":  strings.ReplaceAll(enc, "\n", "\r\n"),
	}
	for p, data := range found {
		hits := ScanText(p, []byte(data))
		if len(hits) != 1 || hits[0].Kind != UpdaterKey || !hits[0].Decoded || hits[0].Identity == "" {
			t.Errorf("%s: got %+v", p, hits)
		}
		if !MayHoldUpdaterKey([]byte(data)) || len(EmbeddedUpdaterKeys(p, []byte(data))) != 1 {
			t.Errorf("%s: not found as an embedded key", p)
		}
	}
	// The same key in two encodings is one identity.
	a, b := ScanText("a", []byte(enc)), ScanText("b", []byte(b64(enc)))
	if a[0].Identity != b[0].Identity {
		t.Errorf("identities differ: %q vs %q", a[0].Identity, b[0].Identity)
	}
	for p, data := range map[string]string{"app.pub": pub, "tauri.conf.json": `"pubkey": "` + b64(pub) + `"`,
		"sig":       "untrusted comment: signature from minisign secret key\nRUQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n",
		"trunc.key": enc[:len(enc)-20]} {
		if hits := ScanText(p, []byte(data)); len(hits) != 0 {
			t.Errorf("%s: public or partial material reported: %+v", p, hits)
		}
	}
}
