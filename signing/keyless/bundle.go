package keyless

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Bundle is what tauriaudit reads of a Sigstore bundle
// (application/vnd.dev.sigstore.bundle*+json, v0.1–v0.3) with a message
// signature. DSSE envelopes (attestations) are not verified.
type Bundle struct {
	MediaType string
	Leaf      *x509.Certificate   // nil for key-based bundles
	Chain     []*x509.Certificate // the rest of x509CertificateChain
	Digest    []byte              // messageDigest (SHA2_256)
	Signature []byte
	Entries   []Entry
}

// Entry is one transparency-log entry of a bundle.
type Entry struct {
	LogIndex       int64
	LogID          []byte
	IntegratedTime int64
	SET            []byte // inclusionPromise.signedEntryTimestamp
	Proof          *Proof
	Body           []byte // canonicalizedBody
}

// Proof is an inclusion proof and the checkpoint it leads to.
type Proof struct {
	LogIndex   int64
	RootHash   []byte
	TreeSize   int64
	Hashes     [][]byte
	Checkpoint string
}

// num is an int64 that protojson writes as a string.
type num int64

func (n *num) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("%q is not an integer", clip(s))
	}
	*n = num(v)
	return nil
}

type rawCert struct {
	RawBytes []byte `json:"rawBytes"`
}

type jsonBundle struct {
	MediaType            string `json:"mediaType"`
	VerificationMaterial struct {
		Certificate *rawCert `json:"certificate"`
		Chain       *struct {
			Certificates []rawCert `json:"certificates"`
		} `json:"x509CertificateChain"`
		TlogEntries []jsonEntry `json:"tlogEntries"`
	} `json:"verificationMaterial"`
	MessageSignature *struct {
		MessageDigest struct {
			Algorithm string `json:"algorithm"`
			Digest    []byte `json:"digest"`
		} `json:"messageDigest"`
		Signature []byte `json:"signature"`
	} `json:"messageSignature"`
	DSSE json.RawMessage `json:"dsseEnvelope"`
}

type jsonEntry struct {
	LogIndex num `json:"logIndex"`
	LogID    struct {
		KeyID []byte `json:"keyId"`
	} `json:"logId"`
	IntegratedTime   num `json:"integratedTime"`
	InclusionPromise *struct {
		SET []byte `json:"signedEntryTimestamp"`
	} `json:"inclusionPromise"`
	InclusionProof *struct {
		LogIndex   num      `json:"logIndex"`
		RootHash   []byte   `json:"rootHash"`
		TreeSize   num      `json:"treeSize"`
		Hashes     [][]byte `json:"hashes"`
		Checkpoint struct {
			Envelope string `json:"envelope"`
		} `json:"checkpoint"`
	} `json:"inclusionProof"`
	Body []byte `json:"canonicalizedBody"`
}

// Bounds on what one bundle may ask us to check.
const (
	maxEntries     = 16
	maxProofHashes = 64 // a tree of 2^64 leaves is deep enough
	maxChain       = 8
)

// IsBundle tells a Sigstore bundle from cosign's older --bundle format.
func IsBundle(b []byte) bool {
	var j struct {
		MediaType string `json:"mediaType"`
	}
	return json.Unmarshal(b, &j) == nil && strings.HasPrefix(j.MediaType, "application/vnd.dev.sigstore.bundle")
}

// ParseBundle reads a Sigstore bundle.
func ParseBundle(b []byte) (*Bundle, error) {
	var j jsonBundle
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("not a Sigstore bundle: %w", err)
	}
	if !strings.HasPrefix(j.MediaType, "application/vnd.dev.sigstore.bundle") {
		return nil, fmt.Errorf("mediaType %q is not a Sigstore bundle", clip(j.MediaType))
	}
	if j.MessageSignature == nil {
		if len(j.DSSE) > 0 {
			return nil, errors.New("bundle holds a DSSE attestation, not a message signature")
		}
		return nil, errors.New("bundle has no message signature")
	}
	bd := &Bundle{MediaType: j.MediaType, Signature: j.MessageSignature.Signature}
	if md := j.MessageSignature.MessageDigest; len(md.Digest) > 0 {
		if md.Algorithm != "SHA2_256" {
			return nil, fmt.Errorf("digest algorithm %q is not supported", clip(md.Algorithm))
		}
		bd.Digest = md.Digest
	}
	if err := bd.readCerts(&j); err != nil {
		return nil, err
	}
	vm := j.VerificationMaterial
	if len(vm.TlogEntries) > maxEntries {
		return nil, fmt.Errorf("bundle has %d transparency-log entries, over %d", len(vm.TlogEntries), maxEntries)
	}
	for i, e := range vm.TlogEntries {
		en, err := e.entry()
		if err != nil {
			return nil, fmt.Errorf("tlogEntries[%d]: %w", i, err)
		}
		bd.Entries = append(bd.Entries, en)
	}
	return bd, nil
}

func (bd *Bundle) readCerts(j *jsonBundle) error {
	var raws []rawCert
	vm := j.VerificationMaterial
	switch {
	case vm.Certificate != nil:
		raws = []rawCert{*vm.Certificate}
	case vm.Chain != nil:
		raws = vm.Chain.Certificates
	}
	if len(raws) > maxChain {
		return fmt.Errorf("certificate chain of %d, over %d", len(raws), maxChain)
	}
	for i, r := range raws {
		c, err := x509.ParseCertificate(r.RawBytes)
		if err != nil {
			return fmt.Errorf("certificate %d: %w", i, err)
		}
		if i == 0 {
			bd.Leaf = c
		} else {
			bd.Chain = append(bd.Chain, c)
		}
	}
	return nil
}

func (e jsonEntry) entry() (Entry, error) {
	en := Entry{LogIndex: int64(e.LogIndex), LogID: e.LogID.KeyID, IntegratedTime: int64(e.IntegratedTime), Body: e.Body}
	if len(en.LogID) == 0 || len(en.Body) == 0 {
		return en, errors.New("logId or canonicalizedBody is missing")
	}
	if e.InclusionPromise != nil {
		en.SET = e.InclusionPromise.SET
	}
	if p := e.InclusionProof; p != nil {
		if len(p.Hashes) > maxProofHashes {
			return en, fmt.Errorf("inclusion proof of %d hashes, over %d", len(p.Hashes), maxProofHashes)
		}
		en.Proof = &Proof{LogIndex: int64(p.LogIndex), RootHash: p.RootHash, TreeSize: int64(p.TreeSize),
			Hashes: p.Hashes, Checkpoint: p.Checkpoint.Envelope}
	}
	return en, nil
}
