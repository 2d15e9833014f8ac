package keyless

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

// A throwaway Sigstore: a CA (root → intermediate → ten-minute leaf with
// an email SAN and both issuer extensions), a "Rekor" key, and a Merkle
// tree of several entries holding the artifact's. Everything is made
// here, with the standard library, and checked by the code under test.

const (
	testEmail  = "alice@example.com"
	testIssuer = "https://accounts.example.com"
	testOrigin = "rekor.example.com - 42"
)

type fixture struct {
	t                *testing.T
	caKey, interKey  *ecdsa.PrivateKey
	leafKey, logKey  *ecdsa.PrivateKey
	ca, inter, leaf  *x509.Certificate
	artifact, digest []byte
	signature        []byte
	caStart          time.Time
}

// fixOpts are the ways a test spoils the material.
type fixOpts struct {
	bodyDigest []byte            // the digest the log entry records
	integrated time.Duration     // after the leaf's NotBefore (default 1m)
	cpKey      *ecdsa.PrivateKey // signs the checkpoint (default: the log key)
	rootLogKey *ecdsa.PrivateKey // the log key the trusted root names
	entry      func(map[string]any)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, artifact: []byte("app_1.0.0_amd64.AppImage contents")}
	f.caKey, f.interKey, f.leafKey, f.logKey = newKey(t), newKey(t), newKey(t), newKey(t)
	f.caStart = time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test-fulcio-root"},
		NotBefore: f.caStart, NotAfter: f.caStart.Add(10 * 365 * 24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	f.ca = mkCert(t, caTmpl, caTmpl, &f.caKey.PublicKey, f.caKey)
	interTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "test-fulcio-intermediate"},
		NotBefore: f.caStart, NotAfter: f.caStart.Add(5 * 365 * 24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
	f.inter = mkCert(t, interTmpl, f.ca, &f.interKey.PublicKey, f.caKey)
	f.leaf = f.mkLeaf([]string{testEmail}, testIssuer)
	d := sha256.Sum256(f.artifact)
	f.digest = d[:]
	var err error
	if f.signature, err = ecdsa.SignASN1(rand.Reader, f.leafKey, f.digest); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) mkLeaf(emails []string, issuer string) *x509.Certificate {
	v2, _ := asn1.MarshalWithParams(issuer, "utf8")
	nb := time.Now().Add(-time.Hour).Truncate(time.Second)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), NotBefore: nb, NotAfter: nb.Add(10 * time.Minute),
		EmailAddresses: emails, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage:     []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
		ExtraExtensions: []pkix.Extension{{Id: oidIssuerV1, Value: []byte(issuer)}, {Id: oidIssuerV2, Value: v2}}}
	return mkCert(f.t, tmpl, f.inter, &f.leafKey.PublicKey, f.interKey)
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mkCert(t *testing.T, tmpl, parent *x509.Certificate, pub crypto.PublicKey, key *ecdsa.PrivateKey) *x509.Certificate {
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

func logID(k *ecdsa.PrivateKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	s := sha256.Sum256(der)
	return s[:]
}

// trustedRoot is a trusted_root.json naming the CA and logKey.
func (f *fixture) trustedRoot(logKey *ecdsa.PrivateKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(&logKey.PublicKey)
	start := f.caStart.Format(time.RFC3339)
	root := map[string]any{
		"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
		"tlogs": []any{map[string]any{"baseUrl": "https://rekor.example.com", "hashAlgorithm": "SHA2_256",
			"publicKey": map[string]any{"rawBytes": der, "keyDetails": "PKIX_ECDSA_P256_SHA_256", "validFor": map[string]any{"start": start}},
			"logId":     map[string]any{"keyId": logID(logKey)}}},
		"certificateAuthorities": []any{map[string]any{"subject": map[string]any{"organization": "test"},
			"certChain": map[string]any{"certificates": []any{map[string]any{"rawBytes": f.inter.Raw}, map[string]any{"rawBytes": f.ca.Raw}}},
			"validFor":  map[string]any{"start": start}}},
		"ctlogs": []any{}, "timestampAuthorities": []any{},
	}
	b, _ := json.Marshal(root)
	return b
}

// body is the hashedrekord entry of the artifact.
func (f *fixture) body(digest []byte) []byte {
	pemCert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.leaf.Raw})
	b, _ := json.Marshal(map[string]any{"apiVersion": "0.0.1", "kind": "hashedrekord", "spec": map[string]any{
		"data":      map[string]any{"hash": map[string]any{"algorithm": "sha256", "value": hex.EncodeToString(digest)}},
		"signature": map[string]any{"content": f.signature, "publicKey": map[string]any{"content": pemCert}}}})
	return b
}

// treeIndex is where the artifact's entry sits among treeSize entries.
const treeIndex, treeSize, globalIndex = 4, 7, 1_000_004

// bundle is a v0.3 bundle of the artifact, spoiled as o says.
func (f *fixture) bundle(o fixOpts) []byte {
	if o.bodyDigest == nil {
		o.bodyDigest = f.digest
	}
	if o.integrated == 0 {
		o.integrated = time.Minute
	}
	if o.cpKey == nil {
		o.cpKey = f.logKey
	}
	body := f.body(o.bodyDigest)
	leaves := make([][]byte, treeSize)
	for i := range leaves {
		leaves[i] = fmt.Appendf(nil, `{"other":%d}`, i)
	}
	leaves[treeIndex] = body
	root := mth(leaves)
	integrated := f.leaf.NotBefore.Add(o.integrated).Unix()
	e := Entry{LogIndex: globalIndex, LogID: logID(f.logKey), IntegratedTime: integrated, Body: body}
	set := sign(f.t, f.logKey, setPayload(e, hex.EncodeToString(e.LogID)))
	entry := map[string]any{
		"logIndex": fmt.Sprint(globalIndex), "logId": map[string]any{"keyId": e.LogID},
		"kindVersion": map[string]any{"kind": "hashedrekord", "version": "0.0.1"}, "integratedTime": fmt.Sprint(integrated),
		"inclusionPromise": map[string]any{"signedEntryTimestamp": set},
		"inclusionProof": map[string]any{"logIndex": fmt.Sprint(treeIndex), "rootHash": root, "treeSize": fmt.Sprint(treeSize),
			"hashes": auditPath(treeIndex, leaves), "checkpoint": map[string]any{"envelope": checkpointNote(f.t, o.cpKey, treeSize, root)}},
		"canonicalizedBody": body,
	}
	if o.entry != nil {
		o.entry(entry)
	}
	b, _ := json.Marshal(map[string]any{
		"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
		"verificationMaterial": map[string]any{"certificate": map[string]any{"rawBytes": f.leaf.Raw},
			"tlogEntries": []any{entry}},
		"messageSignature": map[string]any{"messageDigest": map[string]any{"algorithm": "SHA2_256", "digest": f.digest},
			"signature": f.signature}})
	return b
}

func sign(t *testing.T, k *ecdsa.PrivateKey, msg []byte) []byte {
	d := sha256.Sum256(msg)
	s, err := ecdsa.SignASN1(rand.Reader, k, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkpointNote is a signed note over the tree head, signed by k.
func checkpointNote(t *testing.T, k *ecdsa.PrivateKey, size int64, root []byte) string {
	text := fmt.Sprintf("%s\n%d\n%s\n", testOrigin, size, base64.StdEncoding.EncodeToString(root))
	hint := logID(k)[:4]
	sig := append(append([]byte{}, hint...), sign(t, k, []byte(text))...)
	return text + "\n\u2014 rekor.example.com " + base64.StdEncoding.EncodeToString(sig) + "\n"
}

// mth and auditPath follow RFC 6962 §2.1's recursive definitions, apart
// from the iterative verifier under test.
func mth(d [][]byte) []byte {
	if len(d) == 1 {
		return leafHash(d[0])
	}
	k := split(len(d))
	return nodeHash(mth(d[:k]), mth(d[k:]))
}

func auditPath(m int, d [][]byte) [][]byte {
	if len(d) == 1 {
		return nil
	}
	k := split(len(d))
	if m < k {
		return append(auditPath(m, d[:k]), mth(d[k:]))
	}
	return append(auditPath(m-k, d[k:]), mth(d[:k]))
}

// split is the largest power of two smaller than n.
func split(n int) int {
	k := 1
	for k*2 < n {
		k *= 2
	}
	return k
}
