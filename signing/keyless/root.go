package keyless

import (
	"crypto"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// TrustedRoot is what tauriaudit uses of a trusted_root.json
// (dev.sigstore.trustedroot.v1.TrustedRoot in protobuf JSON): the Fulcio
// certificate authorities and the Rekor log keys. CT logs and timestamp
// authorities are read past.
type TrustedRoot struct {
	CAs  []CA
	Logs map[string]LogKey // by hex log id (SHA-256 of the key's DER)
}

// CA is one certificate authority: its chain, leaf-most first and the
// root last, and when it issued.
type CA struct {
	Chain []*x509.Certificate
	Valid Window
}

// LogKey is a transparency log's public key and when it signed.
type LogKey struct {
	ID    string // hex
	Key   crypto.PublicKey
	Valid Window
}

// Window is a validity period; a zero End is open.
type Window struct{ Start, End time.Time }

// Contains tells whether t falls in the window.
func (w Window) Contains(t time.Time) bool {
	return !t.Before(w.Start) && (w.End.IsZero() || !t.After(w.End))
}

// The JSON shapes, as protojson writes them (bytes are base64).
type (
	jsonRoot struct {
		MediaType string   `json:"mediaType"`
		Tlogs     []jsonTL `json:"tlogs"`
		CAs       []jsonCA `json:"certificateAuthorities"`
	}
	jsonTL struct {
		PublicKey struct {
			RawBytes   []byte     `json:"rawBytes"`
			KeyDetails string     `json:"keyDetails"`
			ValidFor   jsonWindow `json:"validFor"`
		} `json:"publicKey"`
		LogID struct {
			KeyID []byte `json:"keyId"`
		} `json:"logId"`
	}
	jsonCA struct {
		CertChain struct {
			Certificates []struct {
				RawBytes []byte `json:"rawBytes"`
			} `json:"certificates"`
		} `json:"certChain"`
		ValidFor jsonWindow `json:"validFor"`
	}
	jsonWindow struct {
		Start *time.Time `json:"start"`
		End   *time.Time `json:"end"`
	}
)

// maxRootEntries bounds the CAs and logs read from one file.
const maxRootEntries = 256

// ParseTrustedRoot reads a trusted_root.json.
func ParseTrustedRoot(b []byte) (*TrustedRoot, error) {
	var j jsonRoot
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("not a trusted_root.json: %w", err)
	}
	if len(j.CAs)+len(j.Tlogs) > maxRootEntries {
		return nil, fmt.Errorf("over %d certificate authorities and logs", maxRootEntries)
	}
	r := &TrustedRoot{Logs: map[string]LogKey{}}
	for i, ca := range j.CAs {
		c, err := parseCA(ca)
		if err != nil {
			return nil, fmt.Errorf("certificateAuthorities[%d]: %w", i, err)
		}
		r.CAs = append(r.CAs, c)
	}
	for i, tl := range j.Tlogs {
		k, err := parseLog(tl)
		if err != nil {
			return nil, fmt.Errorf("tlogs[%d]: %w", i, err)
		}
		r.Logs[k.ID] = k
	}
	if len(r.CAs) == 0 && len(r.Logs) == 0 {
		return nil, errors.New("names no certificate authority and no transparency log")
	}
	return r, nil
}

func parseCA(ca jsonCA) (CA, error) {
	c := CA{Valid: ca.ValidFor.window()}
	if ca.ValidFor.Start == nil {
		return c, errors.New("validFor.start is missing")
	}
	for i, raw := range ca.CertChain.Certificates {
		cert, err := x509.ParseCertificate(raw.RawBytes)
		if err != nil {
			return c, fmt.Errorf("certificate %d: %w", i, err)
		}
		c.Chain = append(c.Chain, cert)
	}
	if len(c.Chain) == 0 {
		return c, errors.New("certChain has no certificates")
	}
	return c, nil
}

func parseLog(tl jsonTL) (LogKey, error) {
	k := LogKey{ID: hex.EncodeToString(tl.LogID.KeyID), Valid: tl.PublicKey.ValidFor.window()}
	if len(tl.LogID.KeyID) == 0 {
		return k, errors.New("logId.keyId is missing")
	}
	if tl.PublicKey.ValidFor.Start == nil {
		return k, errors.New("publicKey.validFor.start is missing")
	}
	pub, err := x509.ParsePKIXPublicKey(tl.PublicKey.RawBytes)
	if err != nil {
		return k, fmt.Errorf("publicKey: %w", err)
	}
	k.Key = pub
	return k, nil
}

func (w jsonWindow) window() Window {
	var v Window
	if w.Start != nil {
		v.Start = *w.Start
	}
	if w.End != nil {
		v.End = *w.End
	}
	return v
}

// VerifyLeaf checks that leaf chains, at time at, to a certificate
// authority that was issuing then; extra are intermediates the signature
// carried. It returns the chain found.
func (r *TrustedRoot) VerifyLeaf(leaf *x509.Certificate, extra []*x509.Certificate, at time.Time) ([]*x509.Certificate, error) {
	if r == nil || len(r.CAs) == 0 {
		return nil, errors.New("the trusted root names no certificate authority")
	}
	var firstErr error
	for _, ca := range r.CAs {
		if !ca.Valid.Contains(at) {
			continue
		}
		roots, inter := x509.NewCertPool(), x509.NewCertPool()
		roots.AddCert(ca.Chain[len(ca.Chain)-1])
		for _, c := range append(ca.Chain[:len(ca.Chain)-1:len(ca.Chain)-1], extra...) {
			inter.AddCert(c)
		}
		chains, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}})
		if err == nil {
			return chains[0], nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		return nil, fmt.Errorf("no certificate authority of the trusted root was valid at %s", at.UTC().Format(time.RFC3339))
	}
	return nil, fmt.Errorf("certificate does not chain to the trusted root: %w", firstErr)
}
