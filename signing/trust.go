package signing

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"

	"github.com/tauriaudit/tauriaudit/signing/keyless"
)

// Trust is the signer material the user supplied. A nil field means
// nothing was supplied for that format: its signatures are then
// "unverified", not "untrusted".
type Trust struct {
	PGP       openpgp.EntityList
	SSH       []AllowedSigner
	X509      *x509.CertPool
	X509Certs []*x509.Certificate // the same certificates, for CMS blobs that omit them
	// Sigstore holds the Fulcio CAs of a trusted_root.json: gitsign
	// certificates chain to them. Identity is who may sign (cosign's
	// --certificate-identity and --certificate-oidc-issuer); nil is anyone.
	Sigstore *keyless.TrustedRoot
	Identity *keyless.Policy
	// Now is the time keys and signatures are checked at (OpenPGP key
	// expiry and revocation); zero means time.Now.
	Now time.Time

	// fp hashes the files LoadTrust read; zero when the trust was built or
	// changed in code, which turns the verification cache off.
	fp [32]byte
}

// LoadTrust reads the three optional trust files (OS paths; "" = none).
func LoadTrust(keyring, allowedSigners, x509Roots string) (*Trust, error) {
	var m TrustFiles
	for _, f := range []struct {
		path, what string
		dst        *[]byte
	}{{keyring, "trusted keys", &m.Keyring}, {allowedSigners, "allowed signers", &m.AllowedSigners}, {x509Roots, "x509 roots", &m.X509Roots}} {
		if f.path == "" {
			continue
		}
		b, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.what, err)
		}
		*f.dst = b
	}
	return ParseTrust(m)
}

// TrustFiles are the contents of the three optional trust files; nil
// means the file was not supplied.
type TrustFiles struct {
	Keyring        []byte // armored or binary OpenPGP public keys
	AllowedSigners []byte // ssh allowed_signers
	X509Roots      []byte // PEM certificates
	SigstoreRoot   []byte // trusted_root.json
	// Identity is the certificate identity policy (not a file, but part
	// of the trust material the verification cache is keyed by).
	Identity *keyless.Policy
}

// A TrustFileError says which trust file could not be parsed.
type TrustFileError struct {
	File string // "keyring", "allowed-signers", "x509-roots" or "sigstore-trusted-root"
	Err  error
}

func (e *TrustFileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *TrustFileError) Unwrap() error { return e.Err }

// ParseTrust builds the trust from the files' contents, fingerprinted for
// the verification cache.
func ParseTrust(m TrustFiles) (*Trust, error) {
	t := &Trust{}
	material := sha256.New()
	note := func(kind string, b []byte) {
		fmt.Fprintf(material, "%s %d\n", kind, len(b))
		material.Write(b)
	}
	var err error
	if m.Keyring != nil {
		note("openpgp", m.Keyring)
		if t.PGP, err = ReadKeyring(m.Keyring); err != nil {
			return nil, &TrustFileError{"keyring", err}
		}
	}
	if m.AllowedSigners != nil {
		note("ssh", m.AllowedSigners)
		if t.SSH, err = ParseAllowedSigners(m.AllowedSigners); err != nil {
			return nil, &TrustFileError{"allowed-signers", err}
		}
		if t.SSH == nil {
			t.SSH = []AllowedSigner{} // supplied but empty: nobody is trusted
		}
	}
	if m.X509Roots != nil {
		note("x509", m.X509Roots)
		if err := t.AddX509PEM(m.X509Roots); err != nil {
			return nil, &TrustFileError{"x509-roots", err}
		}
	}
	if m.SigstoreRoot != nil {
		note("sigstore", m.SigstoreRoot)
		if t.Sigstore, err = keyless.ParseTrustedRoot(m.SigstoreRoot); err != nil {
			return nil, &TrustFileError{"sigstore-trusted-root", err}
		}
	}
	if m.Identity != nil {
		t.Identity = m.Identity
		note("identity", []byte(m.Identity.String()))
	}
	material.Sum(t.fp[:0])
	return t, nil
}

// fingerprint identifies the trust material for the verification cache.
func (t *Trust) fingerprint() ([32]byte, bool) {
	if t == nil || !t.Now.IsZero() || t.fp == [32]byte{} {
		return [32]byte{}, false
	}
	return t.fp, true
}

// ReadKeyring reads armored (possibly concatenated) or binary OpenPGP
// public keys.
func ReadKeyring(b []byte) (openpgp.EntityList, error) {
	var all openpgp.EntityList
	rest := b
	for len(bytes.TrimSpace(rest)) > 0 {
		i := bytes.Index(rest, []byte("-----BEGIN PGP PUBLIC KEY BLOCK-----"))
		if i < 0 {
			break
		}
		end := bytes.Index(rest[i:], []byte("-----END PGP PUBLIC KEY BLOCK-----"))
		if end < 0 {
			return nil, errors.New("unterminated armored key block")
		}
		block := rest[i : i+end+len("-----END PGP PUBLIC KEY BLOCK-----")]
		ents, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(block))
		if err != nil {
			return nil, err
		}
		all = append(all, ents...)
		rest = rest[i+len(block):]
	}
	if all == nil {
		ents, err := openpgp.ReadKeyRing(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("no OpenPGP public keys: %w", err)
		}
		all = ents
	}
	return all, nil
}

// AddX509PEM adds every CERTIFICATE block of a PEM file.
func (t *Trust) AddX509PEM(b []byte) error {
	t.fp = [32]byte{}
	if t.X509 == nil {
		t.X509 = x509.NewCertPool()
	}
	n := 0
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return err
		}
		t.X509.AddCert(c)
		t.X509Certs = append(t.X509Certs, c)
		n++
	}
	if n == 0 {
		return errors.New("no CERTIFICATE blocks")
	}
	return nil
}

func (t *Trust) now() time.Time {
	if t.Now.IsZero() {
		return time.Now()
	}
	return t.Now
}
