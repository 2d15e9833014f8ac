// Package sigstoretest makes throwaway Sigstore material for tests: a CA
// (root → intermediate → ten-minute leaf with an email SAN and both
// Fulcio issuer extensions), a "Rekor" key, a Merkle tree of several
// entries holding the artifact's, a v0.3 bundle and a trusted_root.json.
// It follows the RFCs and Rekor's formats on its own, apart from the
// verifier in signing/keyless, and uses the standard library only.
package sigstoretest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"testing"
	"time"
)

// The identity and log the fixture uses.
const (
	Email  = "alice@example.com"
	Issuer = "https://accounts.example.com"
	origin = "rekor.example.com - 42"
	// TreeIndex is where the artifact's entry sits among TreeSize
	// entries; GlobalIndex is its log index across shards.
	TreeIndex, TreeSize, GlobalIndex = 4, 7, 1_000_004
)

// Fixture is one signing of Artifact.
type Fixture struct {
	t                     testing.TB
	CAKey, InterKey       *ecdsa.PrivateKey
	LeafKey, LogKey       *ecdsa.PrivateKey
	CA, Inter, Leaf       *x509.Certificate
	Artifact, Digest, Sig []byte
	CAStart               time.Time
}

// Opts are the ways a test spoils the material.
type Opts struct {
	BodyDigest []byte            // the digest the log entry records
	Integrated time.Duration     // after the leaf's NotBefore (default 1m)
	CPKey      *ecdsa.PrivateKey // signs the checkpoint (default: the log key)
	Entry      func(map[string]any)
}

// New signs artifact with a fresh CA, leaf and log key.
func New(t testing.TB, artifact []byte) *Fixture {
	t.Helper()
	f := &Fixture{t: t, Artifact: artifact}
	f.CAKey, f.InterKey, f.LeafKey, f.LogKey = NewKey(t), NewKey(t), NewKey(t), NewKey(t)
	f.CAStart = time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test-fulcio-root"},
		NotBefore: f.CAStart, NotAfter: f.CAStart.Add(10 * 365 * 24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	f.CA = mkCert(t, caTmpl, caTmpl, &f.CAKey.PublicKey, f.CAKey)
	interTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "test-fulcio-intermediate"},
		NotBefore: f.CAStart, NotAfter: f.CAStart.Add(5 * 365 * 24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
	f.Inter = mkCert(t, interTmpl, f.CA, &f.InterKey.PublicKey, f.CAKey)
	f.Leaf = f.mkLeaf([]string{Email}, Issuer)
	d := sha256.Sum256(artifact)
	f.Digest = d[:]
	var err error
	if f.Sig, err = ecdsa.SignASN1(rand.Reader, f.LeafKey, f.Digest); err != nil {
		t.Fatal(err)
	}
	return f
}

var (
	oidIssuerV1 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 1}
	oidIssuerV2 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 8}
)

func (f *Fixture) mkLeaf(emails []string, issuer string) *x509.Certificate {
	v2, _ := asn1.MarshalWithParams(issuer, "utf8")
	nb := time.Now().Add(-time.Hour).Truncate(time.Second)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), NotBefore: nb, NotAfter: nb.Add(10 * time.Minute),
		EmailAddresses: emails, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage:     []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
		ExtraExtensions: []pkix.Extension{{Id: oidIssuerV1, Value: []byte(issuer)}, {Id: oidIssuerV2, Value: v2}}}
	return mkCert(f.t, tmpl, f.Inter, &f.LeafKey.PublicKey, f.InterKey)
}

// NewKey is a fresh P-256 key.
func NewKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mkCert(t testing.TB, tmpl, parent *x509.Certificate, pub crypto.PublicKey, key *ecdsa.PrivateKey) *x509.Certificate {
	t.Helper()
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// LogID is a log's id: the SHA-256 of its key's PKIX DER.
func LogID(k *ecdsa.PrivateKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	s := sha256.Sum256(der)
	return s[:]
}

// TrustedRoot is a trusted_root.json naming the CA and logKey.
func (f *Fixture) TrustedRoot(logKey *ecdsa.PrivateKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(&logKey.PublicKey)
	start := f.CAStart.Format(time.RFC3339)
	root := map[string]any{
		"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
		"tlogs": []any{map[string]any{"baseUrl": "https://rekor.example.com", "hashAlgorithm": "SHA2_256",
			"publicKey": map[string]any{"rawBytes": der, "keyDetails": "PKIX_ECDSA_P256_SHA_256", "validFor": map[string]any{"start": start}},
			"logId":     map[string]any{"keyId": LogID(logKey)}}},
		"certificateAuthorities": []any{map[string]any{"subject": map[string]any{"organization": "test"},
			"certChain": map[string]any{"certificates": []any{map[string]any{"rawBytes": f.Inter.Raw}, map[string]any{"rawBytes": f.CA.Raw}}},
			"validFor":  map[string]any{"start": start}}},
		"ctlogs": []any{}, "timestampAuthorities": []any{},
	}
	b, _ := json.Marshal(root)
	return b
}

// body is the hashedrekord entry of the artifact.
func (f *Fixture) body(digest []byte) []byte { return HashedRekord(digest, f.Sig, f.Leaf) }

// HashedRekord is the hashedrekord 0.0.1 entry of a signature over a
// digest by leaf, as Rekor logs it (json.Marshal sorts map keys, which
// with these values is RFC 8785's canonical form).
func HashedRekord(digest, sig []byte, leaf *x509.Certificate) []byte {
	pemCert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw})
	b, _ := json.Marshal(map[string]any{"apiVersion": "0.0.1", "kind": "hashedrekord", "spec": map[string]any{
		"data":      map[string]any{"hash": map[string]any{"algorithm": "sha256", "value": hex.EncodeToString(digest)}},
		"signature": map[string]any{"content": sig, "publicKey": map[string]any{"content": pemCert}}}})
	return b
}

// Bundle is a v0.3 bundle of the artifact, spoiled as o says.
func (f *Fixture) Bundle(o Opts) []byte {
	if o.BodyDigest == nil {
		o.BodyDigest = f.Digest
	}
	if o.Integrated == 0 {
		o.Integrated = time.Minute
	}
	if o.CPKey == nil {
		o.CPKey = f.LogKey
	}
	body := f.body(o.BodyDigest)
	integrated := f.Leaf.NotBefore.Add(o.Integrated).Unix()
	l := Log(f.t, f.LogKey, o.CPKey, body, integrated)
	entry := map[string]any{
		"logIndex": fmt.Sprint(GlobalIndex), "logId": map[string]any{"keyId": l.LogID},
		"kindVersion": map[string]any{"kind": "hashedrekord", "version": "0.0.1"}, "integratedTime": fmt.Sprint(integrated),
		"inclusionPromise": map[string]any{"signedEntryTimestamp": l.SET},
		"inclusionProof": map[string]any{"logIndex": fmt.Sprint(TreeIndex), "rootHash": l.Root, "treeSize": fmt.Sprint(TreeSize),
			"hashes": l.Path, "checkpoint": map[string]any{"envelope": l.Checkpoint}},
		"canonicalizedBody": body,
	}
	if o.Entry != nil {
		o.Entry(entry)
	}
	b, _ := json.Marshal(map[string]any{
		"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
		"verificationMaterial": map[string]any{"certificate": map[string]any{"rawBytes": f.Leaf.Raw},
			"tlogEntries": []any{entry}},
		"messageSignature": map[string]any{"messageDigest": map[string]any{"algorithm": "SHA2_256", "digest": f.Digest},
			"signature": f.Sig}})
	return b
}

// Logged is an entry a log of TreeSize entries holds at TreeIndex
// (GlobalIndex across shards), with its SET, proof and checkpoint.
type Logged struct {
	LogID, SET, Root []byte
	Path             [][]byte
	Checkpoint       string
}

// Log puts body in a log whose key is logKey, integrated at the given
// Unix time; cpKey signs the checkpoint.
func Log(t testing.TB, logKey, cpKey *ecdsa.PrivateKey, body []byte, integrated int64) Logged {
	leaves := make([][]byte, TreeSize)
	for i := range leaves {
		leaves[i] = fmt.Appendf(nil, `{"other":%d}`, i)
	}
	leaves[TreeIndex] = body
	root := MTH(leaves)
	id := LogID(logKey)
	// The SET is over RFC 8785 JSON: keys sorted, no spaces.
	payload := fmt.Sprintf(`{"body":"%s","integratedTime":%d,"logID":"%s","logIndex":%d}`,
		base64.StdEncoding.EncodeToString(body), integrated, hex.EncodeToString(id), GlobalIndex)
	return Logged{LogID: id, SET: Sign(t, logKey, []byte(payload)), Root: root, Path: AuditPath(TreeIndex, leaves),
		Checkpoint: Checkpoint(t, cpKey, TreeSize, root)}
}

// Sign is an ECDSA signature over SHA-256(msg).
func Sign(t testing.TB, k *ecdsa.PrivateKey, msg []byte) []byte {
	d := sha256.Sum256(msg)
	s, err := ecdsa.SignASN1(rand.Reader, k, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Checkpoint is a signed note over a tree head, signed by k.
func Checkpoint(t testing.TB, k *ecdsa.PrivateKey, size int64, root []byte) string {
	text := fmt.Sprintf("%s\n%d\n%s\n", origin, size, base64.StdEncoding.EncodeToString(root))
	sig := append(LogID(k)[:4:4], Sign(t, k, []byte(text))...)
	return text + "\n\u2014 rekor.example.com " + base64.StdEncoding.EncodeToString(sig) + "\n"
}

// MTH and AuditPath follow RFC 6962 §2.1's recursive definitions.
func MTH(d [][]byte) []byte {
	if len(d) == 1 {
		return hash([]byte{0}, d[0])
	}
	k := split(len(d))
	return hash([]byte{1}, MTH(d[:k]), MTH(d[k:]))
}

// AuditPath is the inclusion proof of entry m.
func AuditPath(m int, d [][]byte) [][]byte {
	if len(d) == 1 {
		return nil
	}
	k := split(len(d))
	if m < k {
		return append(AuditPath(m, d[:k]), MTH(d[k:]))
	}
	return append(AuditPath(m-k, d[k:]), MTH(d[:k]))
}

func hash(parts ...[]byte) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// split is the largest power of two smaller than n.
func split(n int) int {
	k := 1
	for k*2 < n {
		k *= 2
	}
	return k
}
