package pkcs12

import (
	"errors"
	"fmt"

	encasn1 "encoding/asn1"
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// Object identifiers of the structures read here.
var (
	oidData          = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedData = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidKeyBag        = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKey   = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidSafeContents  = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 6}
)

// MaxSize is the largest file parsed: real bundles are a few kilobytes.
const MaxSize = 1 << 20

// File is a parsed PFX.
type File struct {
	authSafe []byte // the DER the MAC covers
	mac      *macData
	parts    []part
}

type macData struct {
	hash       encasn1.ObjectIdentifier
	digest     []byte
	salt       []byte
	iterations int
}

// part is one ContentInfo of the authenticated safe: plain SafeContents,
// or encrypted ones with their algorithm.
type part struct {
	plain     []byte // SafeContents DER when not encrypted
	alg       encasn1.ObjectIdentifier
	algParams []byte // the AlgorithmIdentifier's parameters, DER
	cipher    []byte
}

// ErrNotPFX is returned for input that is not a PFX structure.
var ErrNotPFX = errors.New("not a PKCS#12 (PFX) structure")

// Parse reads a PFX: SEQUENCE { version 3, authSafe ContentInfo (data),
// macData OPTIONAL }. Anything else is ErrNotPFX (wrapped with why).
func Parse(der []byte) (*File, error) {
	if len(der) > MaxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrNotPFX, MaxSize)
	}
	in := cryptobyte.String(der)
	var pfx, authSafe cryptobyte.String
	var version int
	if !in.ReadASN1(&pfx, asn1.SEQUENCE) || !pfx.ReadASN1Integer(&version) || version != 3 {
		return nil, fmt.Errorf("%w: no version-3 PFX sequence", ErrNotPFX)
	}
	if !pfx.ReadASN1(&authSafe, asn1.SEQUENCE) {
		return nil, fmt.Errorf("%w: no authSafe", ErrNotPFX)
	}
	content, err := dataContent(authSafe)
	if err != nil {
		return nil, fmt.Errorf("%w: authSafe: %v", ErrNotPFX, err)
	}
	f := &File{authSafe: content}
	if !pfx.Empty() {
		if f.mac, err = parseMac(pfx); err != nil {
			return nil, fmt.Errorf("%w: macData: %v", ErrNotPFX, err)
		}
	}
	if f.parts, err = parseAuthSafe(content); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotPFX, err)
	}
	return f, nil
}

// dataContent returns the octets of a ContentInfo of type data.
func dataContent(ci cryptobyte.String) ([]byte, error) {
	var oid encasn1.ObjectIdentifier
	var explicit, octets cryptobyte.String
	if !ci.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidData) {
		return nil, errors.New("content type is not data")
	}
	if !ci.ReadASN1(&explicit, asn1.Tag(0).Constructed().ContextSpecific()) || !explicit.ReadASN1(&octets, asn1.OCTET_STRING) {
		return nil, errors.New("no data octets")
	}
	return octets, nil
}

func parseMac(s cryptobyte.String) (*macData, error) {
	var md, digestInfo, alg cryptobyte.String
	m := &macData{iterations: 1}
	if !s.ReadASN1(&md, asn1.SEQUENCE) || !md.ReadASN1(&digestInfo, asn1.SEQUENCE) ||
		!digestInfo.ReadASN1(&alg, asn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&m.hash) ||
		!digestInfo.ReadASN1Bytes(&m.digest, asn1.OCTET_STRING) || !md.ReadASN1Bytes(&m.salt, asn1.OCTET_STRING) {
		return nil, errors.New("malformed")
	}
	if !md.Empty() && (!md.ReadASN1Integer(&m.iterations) || m.iterations < 1) {
		return nil, errors.New("bad iteration count")
	}
	return m, nil
}

// parseAuthSafe reads the AuthenticatedSafe: SEQUENCE OF ContentInfo.
func parseAuthSafe(der []byte) ([]part, error) {
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, asn1.SEQUENCE) {
		return nil, errors.New("authenticated safe is not a sequence")
	}
	var parts []part
	for !seq.Empty() {
		var ci cryptobyte.String
		var oid encasn1.ObjectIdentifier
		if !seq.ReadASN1(&ci, asn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid) {
			return nil, errors.New("malformed content info")
		}
		var explicit cryptobyte.String
		if !ci.ReadASN1(&explicit, asn1.Tag(0).Constructed().ContextSpecific()) {
			return nil, errors.New("content info without content")
		}
		switch {
		case oid.Equal(oidData):
			var octets []byte
			if !explicit.ReadASN1Bytes(&octets, asn1.OCTET_STRING) {
				return nil, errors.New("data without octets")
			}
			parts = append(parts, part{plain: octets})
		case oid.Equal(oidEncryptedData):
			p, err := parseEncrypted(explicit)
			if err != nil {
				return nil, err
			}
			parts = append(parts, p)
		default:
			parts = append(parts, part{}) // enveloped (public-key) data: unreadable here
		}
	}
	return parts, nil
}

// parseEncrypted reads EncryptedData { version, EncryptedContentInfo {
// contentType, contentEncryptionAlgorithm, [0] IMPLICIT encryptedContent } }.
func parseEncrypted(s cryptobyte.String) (part, error) {
	var ed, eci, alg cryptobyte.String
	var version int
	var p part
	var ctype encasn1.ObjectIdentifier
	if !s.ReadASN1(&ed, asn1.SEQUENCE) || !ed.ReadASN1Integer(&version) || !ed.ReadASN1(&eci, asn1.SEQUENCE) ||
		!eci.ReadASN1ObjectIdentifier(&ctype) || !eci.ReadASN1(&alg, asn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&p.alg) {
		return part{}, errors.New("malformed encrypted data")
	}
	p.algParams = alg
	// The content is primitive [0], or constructed [0] of OCTET STRING
	// pieces (BER, as some tools write).
	var c cryptobyte.String
	switch {
	case eci.PeekASN1Tag(asn1.Tag(0).ContextSpecific()):
		if !eci.ReadASN1(&c, asn1.Tag(0).ContextSpecific()) {
			return part{}, errors.New("malformed encrypted content")
		}
		p.cipher = c
	case eci.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()):
		if !eci.ReadASN1(&c, asn1.Tag(0).Constructed().ContextSpecific()) {
			return part{}, errors.New("malformed encrypted content")
		}
		for !c.Empty() {
			var piece []byte
			if !c.ReadASN1Bytes(&piece, asn1.OCTET_STRING) {
				return part{}, errors.New("malformed encrypted content")
			}
			p.cipher = append(p.cipher, piece...)
		}
	}
	return p, nil
}

// keyBagsIn reports whether SafeContents DER holds a private key bag,
// looking into nested SafeContents bags (depth-limited).
func keyBagsIn(der []byte, depth int) (bool, error) {
	if depth > 4 {
		return false, errors.New("safe contents nested too deep")
	}
	in := cryptobyte.String(der)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, asn1.SEQUENCE) {
		return false, errors.New("safe contents is not a sequence")
	}
	for !seq.Empty() {
		var bag, value cryptobyte.String
		var oid encasn1.ObjectIdentifier
		if !seq.ReadASN1(&bag, asn1.SEQUENCE) || !bag.ReadASN1ObjectIdentifier(&oid) {
			return false, errors.New("malformed safe bag")
		}
		switch {
		case oid.Equal(oidKeyBag), oid.Equal(oidShroudedKey):
			return true, nil
		case oid.Equal(oidSafeContents):
			if !bag.ReadASN1(&value, asn1.Tag(0).Constructed().ContextSpecific()) {
				return false, errors.New("malformed nested safe contents")
			}
			if found, err := keyBagsIn(value, depth+1); found || err != nil {
				return found, err
			}
		}
	}
	return false, nil
}
