package signing

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"
)

// Verifying the CMS signature of a Mach-O code signature, offline, the way
// Apple's Security framework does (SecStaticCode::loadCodeDirectories and
// verifySignature in libsecurity_codesigning's StaticCode.cpp):
//
//   - the CodeDirectory in slot 0 (cdCodeDirectorySlot) is mandatory; the
//     alternates sit in the consecutive slots from 0x1000
//     (cdAlternateCodeDirectorySlots) up to 0x1005 and end at the first
//     empty one; two CodeDirectories with the same hashType are invalid;
//   - the CMS SignedData in slot 0x10000 is detached, and its content is the
//     slot-0 CodeDirectory blob ("mBaseDir"), whatever the alternates: the
//     messageDigest attribute is the digest of those bytes;
//   - the alternates are bound by two signed attributes, checked when
//     present: 1.2.840.113635.100.9.1, an XML plist whose "cdhashes" array
//     must equal the cdhashes (truncated to 20 bytes) of all the
//     CodeDirectories ordered by hashType, and 1.2.840.113635.100.9.2, a
//     set of SEQUENCE {digest OID, OCTET STRING} with exactly one entry per
//     CodeDirectory, each the full cdhash for its hash algorithm;
//   - a cdhash is the digest of the whole CodeDirectory blob with its own
//     hashType (1 SHA-1, 2 SHA-256, 3 SHA-256 truncated, 4 SHA-384, as in
//     xnu's cs_blobs.h);
//   - a CodeDirectory flagged ad-hoc (CS_ADHOC) is valid by definition and
//     its CMS is never looked at.
//
// Not verified: the page hashes and special slots inside the CodeDirectory
// (the signed code itself), the team identifier of the CodeDirectory against
// the certificate, revocation, Apple's code-signing certificate policy and
// timestamps. Certificate expiry is not held against a signature, as codesign
// tolerates it.

// MachOSignature is the result of verifying one slice's code signature.
type MachOSignature struct {
	Signed    bool     // the CMS slot holds a signature
	SigValid  bool     // the CMS verifies over the CodeDirectory, and the cdhash attributes match
	Chained   bool     // the signer chains to one of the supplied roots
	Signer    string   // the signing certificate's common name
	TeamID    string   // its organizational unit: the Apple team ID on Developer ID certificates
	HashTypes []string // of the CodeDirectories, slot 0 first
	Weak      bool     // every CodeDirectory hashes with SHA-1
	Err       string   // why the signature does not verify
}

// The code-signing slots and the hash-agility attributes.
const (
	csSlotAltCodeDirectories = 0x1000
	csSlotAltCodeDirLimit    = 0x1005
	csAdHoc                  = 0x2
	cdMinSize                = 44 // through spare2
	maxCMSBlob               = 1 << 20
)

var (
	oidCDHashesPlist = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 9, 1}
	oidCDHashes2     = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 9, 2}
	oidSHA1          = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
)

// cdBlob is one CodeDirectory blob of a SuperBlob.
type cdBlob struct {
	raw      []byte
	hashType byte
	flags    uint32
}

// hashAlg gives the digest of a CodeDirectory hashType, its name and OID.
func hashAlg(t byte) (func() hash.Hash, string, asn1.ObjectIdentifier) {
	switch t {
	case 1:
		return sha1.New, "SHA-1", oidSHA1
	case 2:
		return sha256.New, "SHA-256", oidSHA256
	case 3:
		return sha256.New, "SHA-256 (truncated)", oidSHA256
	case 4:
		return sha512.New384, "SHA-384", oidSHA384
	}
	return nil, fmt.Sprintf("unknown (%d)", t), nil
}

// cdhash is the digest of the whole blob with the directory's own hash.
func (cd cdBlob) cdhash() []byte {
	h, _, _ := hashAlg(cd.hashType)
	if h == nil {
		return nil
	}
	d := h()
	d.Write(cd.raw)
	return d.Sum(nil)
}

func parseCodeDirectory(b []byte) (cdBlob, error) {
	be := binary.BigEndian
	if len(b) < cdMinSize || be.Uint32(b) != 0xfade0c02 {
		return cdBlob{}, errors.New("not a CodeDirectory")
	}
	cd := cdBlob{raw: b, flags: be.Uint32(b[12:]), hashType: b[37]}
	if h, name, _ := hashAlg(cd.hashType); h == nil {
		return cd, fmt.Errorf("CodeDirectory hash type %s", name)
	}
	return cd, nil
}

// codeDirectories returns slot 0's CodeDirectory, then the alternates.
func codeDirectories(slots map[uint32][]byte) ([]cdBlob, error) {
	b, ok := slots[csSlotCodeDirectory]
	if !ok {
		return nil, errors.New("no CodeDirectory in slot 0")
	}
	cd, err := parseCodeDirectory(b)
	if err != nil {
		return nil, err
	}
	cds := []cdBlob{cd}
	seen := map[byte]bool{cd.hashType: true}
	for s := uint32(csSlotAltCodeDirectories); s < csSlotAltCodeDirLimit; s++ {
		b, ok := slots[s]
		if !ok {
			break
		}
		cd, err := parseCodeDirectory(b)
		if err != nil {
			return nil, fmt.Errorf("alternate slot %#x: %w", s, err)
		}
		if seen[cd.hashType] {
			return nil, errors.New("two CodeDirectories with the same hash type")
		}
		seen[cd.hashType] = true
		cds = append(cds, cd)
	}
	return cds, nil
}

// VerifyMachOSignature checks the embedded-signature SuperBlob of one
// Mach-O slice: its CMS signature over the CodeDirectory and, with roots,
// the signer's chain. A SuperBlob without a CMS signature gives Signed
// false.
func VerifyMachOSignature(superBlob []byte, roots *x509.CertPool) (res MachOSignature) {
	defer func() {
		if v := recover(); v != nil { // hostile input must not stop the scan
			res.SigValid, res.Chained = false, false
			res.Err = "malformed code signature"
		}
	}()
	slots, err := superBlobSlots(superBlob)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	if n := binary.BigEndian.Uint32(superBlob[4:]); int64(n) > int64(len(superBlob)) {
		res.Err = fmt.Sprintf("SuperBlob truncated (%d of %d bytes)", len(superBlob), n)
		return res
	}
	cms := slots[csSlotCMS]
	if !wrapperHasData(cms) {
		return res
	}
	res.Signed = true
	cds, err := codeDirectories(slots)
	for _, cd := range cds {
		_, name, _ := hashAlg(cd.hashType)
		res.HashTypes = append(res.HashTypes, name)
	}
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.Weak = true
	for _, cd := range cds {
		res.Weak = res.Weak && cd.hashType == 1
	}
	if cds[0].flags&csAdHoc != 0 {
		res.Err = "the CodeDirectory is flagged ad-hoc, so its CMS signature is ignored"
		return res
	}
	if len(cms)-8 > maxCMSBlob {
		res.Err = "CMS signature too large"
		return res
	}
	p7, err := pkcs7.Parse(cms[8:])
	if err != nil {
		res.Err = "unreadable CMS signature: " + strings.TrimPrefix(err.Error(), "pkcs7: ")
		return res
	}
	leaf := p7.GetOnlySigner()
	if leaf == nil {
		res.Err = fmt.Sprintf("CMS signature has %d signers and no certificate for one", len(p7.Signers))
		return res
	}
	res.Signer = leaf.Subject.CommonName
	if len(leaf.Subject.OrganizationalUnit) > 0 {
		res.TeamID = leaf.Subject.OrganizationalUnit[0]
	}
	if len(p7.Signers[0].AuthenticatedAttributes) == 0 {
		res.Err = "CMS signature has no signed attributes"
		return res
	}
	p7.Content = cds[0].raw
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			res.Err = "the CMS message digest does not match the CodeDirectory"
		} else {
			res.Err = "CMS signature does not verify: " + strings.TrimPrefix(err.Error(), "pkcs7: ")
		}
		return res
	}
	if err := checkCDHashes(p7, cds); err != nil {
		res.Err = err.Error()
		return res
	}
	res.SigValid = true
	if roots != nil {
		res.Chained = chainsTo(leaf, p7.Certificates, roots, cmsSigningTime(p7, leaf))
	}
	return res
}

// cmsSigningTime is when the chain is checked: the signed signing time, else
// now, moved into the leaf's validity (expiry is tolerated).
func cmsSigningTime(p7 *pkcs7.PKCS7, leaf *x509.Certificate) time.Time {
	var t time.Time
	if p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t) != nil {
		t = time.Now()
	}
	if t.Before(leaf.NotBefore) {
		t = leaf.NotBefore
	}
	if t.After(leaf.NotAfter) {
		t = leaf.NotAfter
	}
	return t
}

func chainsTo(leaf *x509.Certificate, certs []*x509.Certificate, roots *x509.CertPool, at time.Time) bool {
	inter := x509.NewCertPool()
	for _, c := range certs {
		if c != leaf {
			inter.AddCert(c)
		}
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err == nil
}

// checkCDHashes compares the hash-agility attributes, when present, with
// the CodeDirectories.
func checkCDHashes(p7 *pkcs7.PKCS7, cds []cdBlob) error {
	for _, a := range p7.Signers[0].AuthenticatedAttributes {
		switch {
		case a.Type.Equal(oidCDHashesPlist):
			var plist []byte
			if _, err := asn1.Unmarshal(a.Value.Bytes, &plist); err != nil {
				return errors.New("unreadable cdhashes plist attribute")
			}
			got, err := plistCDHashes(plist)
			if err != nil {
				return err
			}
			sorted := append([]cdBlob(nil), cds...)
			sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].hashType < sorted[j].hashType })
			var want [][]byte
			for _, cd := range sorted {
				if h := cd.cdhash(); h != nil {
					want = append(want, h[:min(len(h), 20)])
				}
			}
			if len(got) != len(want) {
				return errors.New("the signed cdhashes do not match the CodeDirectories")
			}
			for i := range got {
				if !bytes.Equal(got[i], want[i]) {
					return errors.New("the signed cdhashes do not match the CodeDirectories")
				}
			}
		case a.Type.Equal(oidCDHashes2):
			got := map[string][]byte{}
			rest := a.Value.Bytes
			for len(rest) > 0 {
				var e struct {
					Alg    asn1.ObjectIdentifier
					Digest []byte
				}
				var err error
				if rest, err = asn1.Unmarshal(rest, &e); err != nil {
					return errors.New("unreadable cdhashes attribute")
				}
				got[e.Alg.String()] = e.Digest
			}
			if len(got) != len(cds) {
				return errors.New("the signed cdhashes do not cover every CodeDirectory")
			}
			for _, cd := range cds {
				_, _, oid := hashAlg(cd.hashType)
				if !bytes.Equal(got[oid.String()], cd.cdhash()) {
					return errors.New("the signed cdhashes do not match the CodeDirectories")
				}
			}
		}
	}
	return nil
}

// plistCDHashes reads the "cdhashes" array of <data> from an XML plist.
func plistCDHashes(b []byte) ([][]byte, error) {
	bad := errors.New("unreadable cdhashes plist")
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var out [][]byte
	state := 0 // 0 looking for the key, 1 after it, 2 in its array
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, bad
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "key" && state == 0:
				var k string
				if d.DecodeElement(&k, &t) != nil {
					return nil, bad
				}
				if k == "cdhashes" {
					state = 1
				}
			case t.Name.Local == "array" && state == 1:
				state = 2
			case t.Name.Local == "data" && state == 2:
				var s string
				if d.DecodeElement(&s, &t) != nil {
					return nil, bad
				}
				v, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
				if err != nil {
					return nil, bad
				}
				out = append(out, v)
			case state == 1:
				return nil, bad
			}
		case xml.EndElement:
			if t.Name.Local == "array" && state == 2 {
				return out, nil
			}
		}
	}
	return nil, errors.New("cdhashes plist has no cdhashes array")
}
