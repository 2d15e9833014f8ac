package signing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/smallstep/pkcs7"

	"github.com/tauriaudit/tauriaudit/internal/sigstoretest"
	"github.com/tauriaudit/tauriaudit/signing/keyless"
)

// gitsignFixture signs a commit payload as gitsign does: a detached CMS
// signature by a ten-minute leaf (email SAN, Fulcio issuer extension)
// from a throwaway root → intermediate, and a trusted_root.json naming
// that CA.
func gitsignFixture(t *testing.T, email, issuer string) (sig, payload, trustedRoot []byte) {
	return gitsignSign(t, email, issuer, nil)
}

// embedFunc gives the Rekor entry to embed for a signature by leaf over
// the signed attributes' digest, and the tlogs of the trusted root.
type embedFunc func(leaf *x509.Certificate, digest, sig []byte) (entry []byte, tlogs []any)

// gitsignSign is gitsignFixture that, with embed, signs as gitsign's
// offline mode does: the Rekor entry in an unsigned attribute.
func gitsignSign(t *testing.T, email, issuer string, embed embedFunc) (sig, payload, trustedRoot []byte) {
	t.Helper()
	key := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	mk := func(tmpl, parent *x509.Certificate, k *ecdsa.PrivateKey, signer *ecdsa.PrivateKey) *x509.Certificate {
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &k.PublicKey, signer)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := x509.ParseCertificate(der)
		return c
	}
	start := time.Now().Add(-24 * time.Hour)
	caKey, interKey, leafKey := key(), key(), key()
	caT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test fulcio root"}, NotBefore: start,
		NotAfter: start.Add(1000 * time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	ca := mk(caT, caT, caKey, caKey)
	inter := mk(&x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "test fulcio intermediate"},
		NotBefore: start, NotAfter: start.Add(1000 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}, ca, interKey, caKey)
	leafT := &x509.Certificate{SerialNumber: big.NewInt(3), NotBefore: time.Now().Add(-time.Minute),
		NotAfter: time.Now().Add(9 * time.Minute), EmailAddresses: []string{email}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
	if issuer != "" { // "" is a gpgsm-like certificate of a corporate CA
		v2, _ := asn1.MarshalWithParams(issuer, "utf8")
		leafT.ExtraExtensions = []pkix.Extension{{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 8}, Value: v2}}
	}
	leaf := mk(leafT, inter, leafKey, interKey)

	payload = []byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <" + email + "> 1700000000 +0000\n\nsigned\n")
	sd, err := pkcs7.NewSignedData(payload)
	if err != nil {
		t.Fatal(err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	var cfg pkcs7.SignerInfoConfig
	if embed != nil { // a placeholder, filled once the signature exists
		cfg.ExtraUnsignedAttributes = []pkcs7.Attribute{{Type: oidRekorEntry, Value: []byte{0}}}
	}
	if err := sd.AddSignerChain(leaf, leafKey, []*x509.Certificate{inter}, cfg); err != nil {
		t.Fatal(err)
	}
	var tlogs []any
	if embed != nil {
		si := &sd.GetSignedData().SignerInfos[0]
		digest := signedAttrsHash(t, si.AuthenticatedAttributes)
		var entry []byte
		entry, tlogs = embed(leaf, digest, si.EncryptedDigest)
		octets, _ := asn1.Marshal(entry)
		si.UnauthenticatedAttributes[0].Value = asn1.RawValue{Tag: asn1.TagSet, IsCompound: true, Bytes: octets}
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		t.Fatal(err)
	}
	sig = pem.EncodeToMemory(&pem.Block{Type: "SIGNED MESSAGE", Bytes: der})
	trustedRoot, _ = json.Marshal(map[string]any{"tlogs": tlogs, "certificateAuthorities": []any{map[string]any{
		"certChain": map[string]any{"certificates": []any{map[string]any{"rawBytes": inter.Raw}, map[string]any{"rawBytes": ca.Raw}}},
		"validFor":  map[string]any{"start": start.Format(time.RFC3339)}}}})
	return sig, payload, trustedRoot
}

func TestGitsignIdentity(t *testing.T) {
	const email, issuer = "dev@example.com", "https://github.com/login/oauth"
	sig, payload, root := gitsignFixture(t, email, issuer)
	policy := func(id, idRE, iss, issRE string) *keyless.Policy {
		p, err := keyless.NewPolicy(id, idRE, iss, issRE)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name   string
		root   []byte
		policy *keyless.Policy
		want   Status
		detail string
	}{
		{"no trust material", nil, nil, StatusUnverified, "no trusted X.509 roots"},
		{"root without identity policy", root, nil, StatusUnverified, "no --certificate-identity"},
		{"issuer alone pins nobody", root, policy("", "", issuer, ""), StatusUnverified, "no --certificate-identity"},
		{"identity and issuer", root, policy(email, "", issuer, ""), StatusGood, ""},
		{"identity regexp", root, policy("", `^dev@example\.com$`, "", `github\.com`), StatusGood, ""},
		{"wrong identity", root, policy("other@example.com", "", issuer, ""), StatusUntrusted,
			"certificate identity dev@example.com does not match --certificate-identity other@example.com"},
		{"wrong issuer", root, policy(email, "", "https://accounts.google.com", ""), StatusUntrusted,
			`OIDC issuer "https://github.com/login/oauth" does not match --certificate-oidc-issuer https://accounts.google.com`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := ParseTrust(TrustFiles{SigstoreRoot: c.root, Identity: c.policy})
			if err != nil {
				t.Fatal(err)
			}
			v := tr.Verify(sig, payload, Ident{Email: email, When: time.Now()})
			if v.Status != c.want || !strings.Contains(v.Detail, c.detail) {
				t.Errorf("got %s %q, want %s %q", v.Status, v.Detail, c.want, c.detail)
			}
			if c.root != nil && v.Signer != email+" (issuer "+issuer+")" {
				t.Errorf("signer %q", v.Signer)
			}
		})
	}
	// Another CA's root does not vouch for the certificate.
	_, _, otherRoot := gitsignFixture(t, email, issuer)
	tr, _ := ParseTrust(TrustFiles{SigstoreRoot: otherRoot, Identity: policy(email, "", issuer, "")})
	if v := tr.Verify(sig, payload, Ident{When: time.Now()}); v.Status != StatusUntrusted {
		t.Errorf("foreign root: %s %s", v.Status, v.Detail)
	}
	// The policy is part of the cache key.
	a, _ := ParseTrust(TrustFiles{SigstoreRoot: root, Identity: policy(email, "", "", "")})
	b, _ := ParseTrust(TrustFiles{SigstoreRoot: root, Identity: policy("x@example.com", "", "", "")})
	if fa, _ := a.fingerprint(); fa == func() [32]byte { f, _ := b.fingerprint(); return f }() {
		t.Error("two identity policies share a cache fingerprint")
	}
	if _, err := ParseTrust(TrustFiles{SigstoreRoot: []byte("{")}); err == nil || !strings.HasPrefix(err.Error(), "sigstore-trusted-root: ") {
		t.Errorf("corrupt trusted root: %v", err)
	}
}

// signedAttrsHash hashes the signed attributes as the CMS signature
// covers them, written apart from the code under test: the DER of the
// SET OF attributes smallstep/pkcs7 signed.
func signedAttrsHash[A any](t *testing.T, attrs []A) []byte {
	wrapped, err := asn1.Marshal(struct {
		A []A `asn1:"set"`
	}{attrs})
	if err != nil {
		t.Fatal(err)
	}
	var seq asn1.RawValue
	asn1.Unmarshal(wrapped, &seq)
	d := sha256.Sum256(seq.Bytes)
	return d[:]
}

// protoEntry encodes a TransparencyLogEntry as gitsign embeds it: no body.
func protoEntry(l sigstoretest.Logged, integrated int64) []byte {
	field := func(num int, b []byte) []byte {
		out := binary.AppendUvarint(nil, uint64(num)<<3|2)
		return append(binary.AppendUvarint(out, uint64(len(b))), b...)
	}
	varint := func(num int, v int64) []byte {
		return binary.AppendUvarint(binary.AppendUvarint(nil, uint64(num)<<3), uint64(v))
	}
	var proof []byte
	proof = append(proof, varint(1, sigstoretest.TreeIndex)...)
	proof = append(proof, field(2, l.Root)...)
	proof = append(proof, varint(3, sigstoretest.TreeSize)...)
	for _, h := range l.Path {
		proof = append(proof, field(4, h)...)
	}
	proof = append(proof, field(5, field(1, []byte(l.Checkpoint)))...)
	var e []byte
	e = append(e, varint(1, sigstoretest.GlobalIndex)...)
	e = append(e, field(2, field(1, l.LogID))...)
	e = append(e, field(3, append(field(1, []byte("hashedrekord")), field(2, []byte("0.0.1"))...))...)
	e = append(e, varint(4, integrated)...)
	e = append(e, field(5, field(1, l.SET))...)
	return append(e, field(6, proof)...)
}

// gitsign's offline mode: the Rekor entry embedded in the signature is
// verified against the trusted root's log key.
func TestGitsignOfflineLog(t *testing.T) {
	const email, issuer = "dev@example.com", "https://github.com/login/oauth"
	logKey, otherKey := sigstoretest.NewKey(t), sigstoretest.NewKey(t)
	tlog := func(k *ecdsa.PrivateKey) []any {
		der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		return []any{map[string]any{"publicKey": map[string]any{"rawBytes": der,
			"validFor": map[string]any{"start": time.Now().Add(-48 * time.Hour).Format(time.RFC3339)}},
			"logId": map[string]any{"keyId": sigstoretest.LogID(k)}}}
	}
	cases := []struct {
		name   string
		embed  embedFunc
		want   Status
		detail string
	}{
		{"valid", func(leaf *x509.Certificate, d, s []byte) ([]byte, []any) {
			at := leaf.NotBefore.Add(time.Minute).Unix()
			return protoEntry(sigstoretest.Log(t, logKey, logKey, sigstoretest.HashedRekord(d, s, leaf), at), at), tlog(logKey)
		}, StatusGood, ""},
		{"entry of another signature", func(leaf *x509.Certificate, d, s []byte) ([]byte, []any) {
			at := leaf.NotBefore.Add(time.Minute).Unix()
			return protoEntry(sigstoretest.Log(t, logKey, logKey, sigstoretest.HashedRekord(make([]byte, 32), s, leaf), at), at), tlog(logKey)
		}, StatusBad, "signed entry timestamp is not the log's signature"},
		{"log not trusted", func(leaf *x509.Certificate, d, s []byte) ([]byte, []any) {
			at := leaf.NotBefore.Add(time.Minute).Unix()
			return protoEntry(sigstoretest.Log(t, logKey, logKey, sigstoretest.HashedRekord(d, s, leaf), at), at), tlog(otherKey)
		}, StatusBad, "is not in the trusted root"},
		{"integrated after the certificate expired", func(leaf *x509.Certificate, d, s []byte) ([]byte, []any) {
			at := leaf.NotAfter.Add(time.Minute).Unix()
			return protoEntry(sigstoretest.Log(t, logKey, logKey, sigstoretest.HashedRekord(d, s, leaf), at), at), tlog(logKey)
		}, StatusBad, "outside the certificate's validity"},
		{"checkpoint by another key", func(leaf *x509.Certificate, d, s []byte) ([]byte, []any) {
			at := leaf.NotBefore.Add(time.Minute).Unix()
			return protoEntry(sigstoretest.Log(t, logKey, otherKey, sigstoretest.HashedRekord(d, s, leaf), at), at), tlog(logKey)
		}, StatusBad, "checkpoint is not signed by the log key"},
		{"garbage entry", func(*x509.Certificate, []byte, []byte) ([]byte, []any) { return []byte{0xff, 0xff}, tlog(logKey) },
			StatusBad, "malformed protobuf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sig, payload, root := gitsignSign(t, email, issuer, c.embed)
			p, _ := keyless.NewPolicy(email, "", issuer, "")
			tr, err := ParseTrust(TrustFiles{SigstoreRoot: root, Identity: p})
			if err != nil {
				t.Fatal(err)
			}
			v := tr.Verify(sig, payload, Ident{When: time.Now()})
			if v.Status != c.want || !strings.Contains(v.Detail, c.detail) {
				t.Errorf("got %s %q, want %s %q", v.Status, v.Detail, c.want, c.detail)
			}
			if c.want == StatusGood && v.Signer != email+" (issuer "+issuer+"), log index 1000004" {
				t.Errorf("signer %q", v.Signer)
			}
		})
	}
}

// The identity policy is about Fulcio certificates: an X.509 signature
// without an OIDC issuer that chains to --x509-roots stays good.
func TestIdentityPolicySparesCorporateCA(t *testing.T) {
	sig, payload, root := gitsignFixture(t, "dev@example.com", "")
	tr, _ := keyless.ParseTrustedRoot(root)
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tr.CAs[0].Chain[1].Raw})
	p, _ := keyless.NewPolicy("ci@example.com", "", "https://token.actions.githubusercontent.com", "")
	trust, err := ParseTrust(TrustFiles{X509Roots: caPEM, Identity: p})
	if err != nil {
		t.Fatal(err)
	}
	if v := trust.Verify(sig, payload, Ident{When: time.Now()}); v.Status != StatusGood {
		t.Errorf("corporate X.509 signature with a gitsign policy: %s %s", v.Status, v.Detail)
	}
	// Through the Sigstore root, the same certificate must match the policy.
	trust, _ = ParseTrust(TrustFiles{SigstoreRoot: root, Identity: p})
	if v := trust.Verify(sig, payload, Ident{When: time.Now()}); v.Status != StatusUntrusted || !strings.Contains(v.Detail, `OIDC issuer ""`) {
		t.Errorf("same certificate through the Sigstore root: %s %s", v.Status, v.Detail)
	}
}
