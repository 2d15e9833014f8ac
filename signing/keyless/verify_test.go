package keyless

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/sigstoretest"

	"crypto/x509/pkix"
)

func mustPolicy(t *testing.T, id, idRE, iss, issRE string) *Policy {
	t.Helper()
	p, err := NewPolicy(id, idRE, iss, issRE)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVerifyBundle(t *testing.T) {
	f := sigstoretest.New(t, artifact)
	other := sigstoretest.NewKey(t)
	exact := mustPolicy(t, sigstoretest.Email, "", sigstoretest.Issuer, "")
	cases := []struct {
		name    string
		o       sigstoretest.Opts
		pol     *Policy
		rootKey bool   // the trusted root names another log key
		want    string // "" = verifies
	}{
		{name: "valid", pol: exact},
		{name: "valid without policy"},
		{name: "identity regexp matches", pol: mustPolicy(t, "", `@example\.com$`, "", `^https://accounts\.`)},
		{name: "wrong identity", pol: mustPolicy(t, "bob@example.com", "", sigstoretest.Issuer, ""),
			want: `certificate identity alice@example.com does not match --certificate-identity bob@example.com`},
		{name: "wrong issuer", pol: mustPolicy(t, sigstoretest.Email, "", "https://token.actions.githubusercontent.com", ""),
			want: `OIDC issuer "https://accounts.example.com" does not match --certificate-oidc-issuer https://token.actions`},
		{name: "identity regexp unanchored like cosign", pol: mustPolicy(t, "", `^bob`, "", ""), want: "does not match --certificate-identity-regexp ^bob"},
		{name: "tampered body", o: sigstoretest.Opts{Entry: func(e map[string]any) {
			e["canonicalizedBody"] = bytes.Replace(e["canonicalizedBody"].([]byte), []byte("sha256"), []byte("sha512"), 1)
		}}, want: "signed entry timestamp is not the log's signature"},
		{name: "body records another artifact", o: sigstoretest.Opts{BodyDigest: make([]byte, 32)}, want: "records another artifact digest"},
		{name: "bad SET", o: sigstoretest.Opts{Entry: func(e map[string]any) {
			s := e["inclusionPromise"].(map[string]any)
			s["signedEntryTimestamp"] = flip(s["signedEntryTimestamp"].([]byte), 10)
		}}, want: "signed entry timestamp is not the log's signature"},
		{name: "SET over another log index", o: sigstoretest.Opts{Entry: func(e map[string]any) { e["logIndex"] = "1000005" }},
			want: "signed entry timestamp is not"},
		{name: "wrong sibling", o: sigstoretest.Opts{Entry: func(e map[string]any) {
			p := e["inclusionProof"].(map[string]any)
			h := p["hashes"].([][]byte)
			h[0] = flip(h[0], 0)
		}}, want: "inclusion proof does not lead to the root hash"},
		{name: "wrong tree size", o: sigstoretest.Opts{Entry: func(e map[string]any) {
			e["inclusionProof"].(map[string]any)["treeSize"] = "9"
		}}, want: "inclusion proof"},
		{name: "checkpoint signed by another key", o: sigstoretest.Opts{CPKey: other}, want: "checkpoint is not signed by the log key"},
		{name: "checkpoint for another root", o: sigstoretest.Opts{Entry: func(e map[string]any) {
			p := e["inclusionProof"].(map[string]any)
			p["checkpoint"] = map[string]any{"envelope": sigstoretest.Checkpoint(t, f.LogKey, sigstoretest.TreeSize, make([]byte, 32))}
		}}, want: "checkpoint is for a tree"},
		{name: "log key not in the trusted root", rootKey: true, want: "is not in the trusted root"},
		{name: "integrated before the certificate", o: sigstoretest.Opts{Integrated: -time.Minute}, want: "outside the certificate's validity"},
		{name: "integrated after the certificate", o: sigstoretest.Opts{Integrated: 11 * time.Minute}, want: "outside the certificate's validity"},
		{name: "no log entry", o: sigstoretest.Opts{Entry: func(e map[string]any) { clear(e) }}, want: "logId or canonicalizedBody is missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rootKey := f.LogKey
			if c.rootKey {
				rootKey = other
			}
			root, err := ParseTrustedRoot(f.TrustedRoot(rootKey))
			if err != nil {
				t.Fatal(err)
			}
			res, err := verifyBytes(root, f.Bundle(c.o), f.Artifact, c.pol)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("want success, got %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
			if c.want == "" && (res.LogIndex != sigstoretest.GlobalIndex || res.Identity.Issuer != sigstoretest.Issuer || res.Identity.Subject() != sigstoretest.Email) {
				t.Errorf("result %v", res)
			}
			var pm *PolicyMismatch
			if wantPolicy := strings.Contains(c.want, "does not match --"); errors.As(err, &pm) != wantPolicy {
				t.Errorf("%v: a policy mismatch should be told apart from a broken signature", err)
			}
		})
	}
}

func verifyBytes(root *TrustedRoot, bundleJSON, artifact []byte, pol *Policy) (Result, error) {
	b, err := ParseBundle(bundleJSON)
	if err != nil {
		return Result{}, err
	}
	d := sha256.Sum256(artifact)
	return root.VerifyBundle(b, d[:], pol)
}

func TestTamperedArtifact(t *testing.T) {
	f := sigstoretest.New(t, artifact)
	root, _ := ParseTrustedRoot(f.TrustedRoot(f.LogKey))
	if _, err := verifyBytes(root, f.Bundle(sigstoretest.Opts{}), []byte("swapped"), nil); err == nil || !strings.Contains(err.Error(), "digest does not match") {
		t.Errorf("swapped artifact: %v", err)
	}
}

// A CA outside its validFor window does not vouch for leaves.
func TestCAWindow(t *testing.T) {
	f := sigstoretest.New(t, artifact)
	root, _ := ParseTrustedRoot(f.TrustedRoot(f.LogKey))
	root.CAs[0].Valid.End = f.Leaf.NotBefore.Add(-time.Hour)
	if _, err := verifyBytes(root, f.Bundle(sigstoretest.Opts{}), f.Artifact, nil); err == nil || !strings.Contains(err.Error(), "no certificate authority") {
		t.Errorf("expired CA: %v", err)
	}
}

func TestIdentityOf(t *testing.T) {
	f := sigstoretest.New(t, artifact)
	id := IdentityOf(f.Leaf)
	if id.Issuer != sigstoretest.Issuer || id.String() != sigstoretest.Email+" (issuer "+sigstoretest.Issuer+")" {
		t.Errorf("identity %q", id)
	}
	// v1 only: the raw extension value.
	f.Leaf.Extensions = []pkix.Extension{{Id: oidIssuerV1, Value: []byte("https://v1.example")}}
	if iss := issuerOf(f.Leaf); iss != "https://v1.example" {
		t.Errorf("v1 issuer %q", iss)
	}
}

func TestPolicyErrors(t *testing.T) {
	if p, err := NewPolicy("", "", "", ""); p != nil || err != nil {
		t.Errorf("empty policy: %v %v", p, err)
	}
	_, err := NewPolicy("", "(", "", "")
	var pe *PolicyError
	if !errors.As(err, &pe) || pe.Flag != "--certificate-identity-regexp" {
		t.Errorf("bad identity regexp: %v", err)
	}
	if _, err := NewPolicy("", "", "", "a**"); err == nil || !strings.HasPrefix(err.Error(), "--certificate-oidc-issuer-regexp a**: ") {
		t.Errorf("bad issuer regexp: %v", err)
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i%len(c)] ^= 1
	return c
}

var artifact = []byte("app_1.0.0_amd64.AppImage contents")

// The body rebuilt for gitsign's body-less entries is the one Rekor logs.
func TestHashedRekordBody(t *testing.T) {
	f := sigstoretest.New(t, artifact)
	if got, want := HashedRekordBody(f.Digest, f.Sig, f.Leaf), sigstoretest.HashedRekord(f.Digest, f.Sig, f.Leaf); !bytes.Equal(got, want) {
		t.Errorf("body\n%s\nwant\n%s", got, want)
	}
}
