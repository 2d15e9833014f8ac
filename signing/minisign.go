package signing

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"aead.dev/minisign"
)

// PubkeyIssue is what is wrong with plugins.updater.pubkey.
type PubkeyIssue uint8

// The issues; PubkeyOK means it decodes to a minisign public key.
const (
	PubkeyOK          PubkeyIssue = iota
	PubkeyEmpty                   // empty or whitespace
	PubkeyPlaceholder             // an obvious placeholder text
	PubkeySecret                  // a secret key box (TA-REL-003)
	PubkeyMalformed               // not base64 of a minisign public key file
)

// UpdaterPubkey is a decoded updater public key.
type UpdaterPubkey struct {
	Key minisign.PublicKey
}

// ID is the key id as minisign prints it.
func (k UpdaterPubkey) ID() string { return fmt.Sprintf("%016X", k.Key.ID()) }

// DecodeUpdaterPubkey decodes plugins.updater.pubkey the way the updater
// plugin does: base64 of the whole minisign .pub file ("untrusted
// comment" line included), whose last line is the key.
func DecodeUpdaterPubkey(s string) (UpdaterPubkey, PubkeyIssue, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return UpdaterPubkey{}, PubkeyEmpty, "the pubkey is empty"
	case IsPlaceholder(s) || strings.Contains(strings.ToLower(s), "pubkey") || strings.Contains(strings.ToLower(s), "public key here"):
		return UpdaterPubkey{}, PubkeyPlaceholder, "the pubkey is a placeholder"
	case isSecretKeyText(s):
		return UpdaterPubkey{}, PubkeySecret, "the pubkey is a minisign secret key"
	}
	var bare minisign.PublicKey
	if bare.UnmarshalText([]byte(s)) == nil {
		return UpdaterPubkey{}, PubkeyMalformed, "the pubkey is a bare minisign key line; Tauri expects base64 of the whole .pub file"
	}
	text, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return UpdaterPubkey{}, PubkeyMalformed, "the pubkey is not base64"
	}
	if isSecretKeyText(string(text)) {
		return UpdaterPubkey{}, PubkeySecret, "the pubkey decodes to a minisign secret key box"
	}
	var pk minisign.PublicKey
	if err := pk.UnmarshalText(lastLine(text)); err != nil {
		return UpdaterPubkey{}, PubkeyMalformed, "the pubkey does not decode to a minisign public key: " + err.Error()
	}
	return UpdaterPubkey{Key: pk}, PubkeyOK, ""
}

// isSecretKeyText recognises a minisign/rsign secret key: its comment,
// or a key line of algorithm "Ed" with the scrypt or no-KDF marker.
func isSecretKeyText(s string) bool {
	for _, c := range secretComments {
		if strings.Contains(s, strings.TrimPrefix(c, "untrusted comment: ")) {
			return true
		}
	}
	l := string(lastLine([]byte(s)))
	return strings.HasPrefix(l, "RWRTY0Iy") || strings.HasPrefix(l, "RWQAAEIy")
}

func lastLine(b []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return bytes.TrimSpace(lines[len(lines)-1])
}

// DecodeUpdaterSig decodes a Tauri .sig file (base64 of a .minisig file)
// or a latest.json "signature" value.
func DecodeUpdaterSig(b []byte) (minisign.Signature, []byte, error) {
	var s minisign.Signature
	text, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return s, nil, errors.New("not base64 (Tauri signatures are base64 of the .minisig file)")
	}
	if err := s.UnmarshalText(text); err != nil {
		return s, nil, fmt.Errorf("not a minisign signature: %w", err)
	}
	return s, text, nil
}

// SigResult is the outcome of checking an updater signature.
type SigResult struct {
	OK        bool
	KeyID     string // the signature's key id
	WrongKey  bool   // made by another key than the configured one
	Legacy    bool   // algorithm "Ed" (not prehashed)
	Malformed string
}

// VerifyUpdaterFile checks an updater signature over the file at p.
func VerifyUpdaterFile(pk UpdaterPubkey, sig []byte, p string) (SigResult, error) {
	f, err := os.Open(p)
	if err != nil {
		return SigResult{}, err
	}
	defer f.Close()
	return VerifyUpdater(pk, sig, f)
}

// VerifyUpdater checks an updater signature over what r yields, accepting
// both minisign algorithms as the updater plugin does (prehashed "ED" is
// streamed; legacy "Ed" needs the whole file).
func VerifyUpdater(pk UpdaterPubkey, sig []byte, r io.Reader) (SigResult, error) {
	_, text, err := DecodeUpdaterSig(sig)
	if err != nil {
		return SigResult{Malformed: err.Error()}, nil
	}
	return VerifyMinisig(pk.Key, text, r)
}

// VerifyMinisig checks a minisign signature (the text of a .minisig file)
// over what r yields. Both algorithms are accepted: prehashed "ED" is
// streamed; legacy "Ed" needs the whole input. The trusted comment is
// checked too.
func VerifyMinisig(pk minisign.PublicKey, text []byte, r io.Reader) (SigResult, error) {
	var s minisign.Signature
	if err := s.UnmarshalText(text); err != nil {
		return SigResult{Malformed: "not a minisign signature: " + err.Error()}, nil
	}
	res := SigResult{KeyID: fmt.Sprintf("%016X", s.KeyID), WrongKey: s.KeyID != pk.ID(), Legacy: s.Algorithm == minisign.EdDSA}
	if res.WrongKey {
		return res, nil
	}
	if res.Legacy {
		data, err := io.ReadAll(r)
		if err != nil {
			return res, err
		}
		res.OK = minisign.Verify(pk, data, text)
		return res, nil
	}
	mr := minisign.NewReader(r)
	if _, err := io.Copy(io.Discard, mr); err != nil {
		return res, err
	}
	res.OK = mr.Verify(pk, text)
	return res, nil
}

// ParseMinisignKey reads a minisign public key given as the .pub file's
// text, its bare key line, or base64 of the whole .pub file (the form
// Tauri's updater config uses).
func ParseMinisignKey(text []byte) (minisign.PublicKey, error) {
	var pk minisign.PublicKey
	if isSecretKeyText(string(text)) {
		return pk, errors.New("this is a minisign secret key; give the public key (.pub)")
	}
	if pk.UnmarshalText(lastLine(text)) == nil {
		return pk, nil
	}
	if dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(text))); err == nil && len(bytes.TrimSpace(dec)) > 0 {
		if pk.UnmarshalText(lastLine(dec)) == nil {
			return pk, nil
		}
	}
	return pk, errors.New("not a minisign public key (expected the .pub file, its key line, or base64 of the .pub file)")
}
