package keyless

import (
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/sigstoretest"
)

// FuzzParse feeds bundles, trusted roots, checkpoints and protobuf log
// entries built from the same bytes to the parsers and the verifier:
// errors are fine, panics are not.
func FuzzParse(f *testing.F) {
	fx := sigstoretest.New(f, artifact)
	f.Add(fx.Bundle(sigstoretest.Opts{}))
	f.Add(fx.TrustedRoot(fx.LogKey))
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{"signature":"AA=="},` +
		`"verificationMaterial":{"tlogEntries":[{"logIndex":"1","logId":{"keyId":"AA=="},"canonicalizedBody":"AA==","inclusionProof":{"treeSize":"-1"}}]}}`))
	f.Add([]byte("o\n1\nAAAA\n\n\u2014 k AAAAAAAA\n"))
	root, _ := ParseTrustedRoot(fx.TrustedRoot(fx.LogKey))
	d := sha256.Sum256(fx.Artifact)
	f.Fuzz(func(t *testing.T, b []byte) {
		if bd, err := ParseBundle(b); err == nil {
			root.VerifyBundle(bd, d[:], nil)
			for _, e := range bd.Entries {
				root.VerifyEntry(e)
			}
		}
		ParseTrustedRoot(b)
		parseCheckpoint(string(b), nil)
		if e, err := ParseLogEntry(b); err == nil {
			root.VerifyLogged(e, d[:], fx.Sig, fx.Leaf)
		}
	})
}

// Hostile and corrupt input is an error naming what is wrong.
func TestHostileInput(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for name, in := range map[string]string{
		"empty": "", "not JSON": "\x00\xff", "deep": deep, "array": "[]",
		"wrong types":     `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"tlogEntries":{}}}`,
		"huge index":      `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{},"verificationMaterial":{"tlogEntries":[{"logIndex":"99999999999999999999"}]}}`,
		"bad cert":        `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{},"verificationMaterial":{"certificate":{"rawBytes":"AAAA"}}}`,
		"not base64":      `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","messageSignature":{"signature":"!!"}}`,
		"dsse":            `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","dsseEnvelope":{}}`,
		"other mediaType": `{"mediaType":"text/plain","messageSignature":{}}`,
	} {
		if _, err := ParseBundle([]byte(in)); err == nil {
			t.Errorf("bundle %s: parsed", name)
		}
		if _, err := ParseTrustedRoot([]byte(in)); err == nil {
			t.Errorf("trusted root %s: parsed", name)
		}
	}
	for _, cp := range []string{"", "\n\n", "a\nb\nc\n\n\u2014 k AAAA\n", "a\n1\n!!\n\n\u2014 k AAAAAAAA\n", "a\n1\nAAAA\n\n- k AAAAAAAA\n"} {
		if _, err := parseCheckpoint(cp, nil); err == nil {
			t.Errorf("checkpoint %q parsed", cp)
		}
	}
}
