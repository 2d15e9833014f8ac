// Package macsigtest builds signed Mach-O fixtures for tests. Apple's
// codesign (and rcodesign) cannot run here, so the signatures are
// synthetic: an embedded-signature SuperBlob holding CodeDirectories and a
// detached CMS SignedData over the slot-0 CodeDirectory, signed by a test
// CA made with crypto/x509 and github.com/smallstep/pkcs7, in the layout
// Apple's Security framework verifies (see signing/macho_sig.go).
package macsigtest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"debug/macho"
	"encoding/asn1"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/smallstep/pkcs7"
)

// CA is a test certificate authority.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	PEM  []byte // the root certificate, for --codesign-roots
}

// Identity is a code-signing certificate with its key and issuer chain.
type Identity struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate
}

var serial atomic.Int64

func certificate(tmpl, parent *x509.Certificate, pub crypto.PublicKey, key crypto.Signer) (*x509.Certificate, error) {
	tmpl.SerialNumber = big.NewInt(serial.Add(1))
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = time.Now().Add(365 * 24 * time.Hour)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// NewCA makes a self-signed root named cn.
func NewCA(cn string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: cn}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	cert, err := certificate(tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	return &CA{Cert: cert, Key: key, PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})}, nil
}

// Issue makes a code-signing leaf, like a Developer ID Application
// certificate: CN "Developer ID Application: <name> (<team>)", OU team.
func (ca *CA) Issue(cn, team string) (*Identity, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{Subject: pkix.Name{CommonName: cn, OrganizationalUnit: []string{team}},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}
	cert, err := certificate(tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return nil, err
	}
	return &Identity{Cert: cert, Key: key, Chain: []*x509.Certificate{ca.Cert}}, nil
}

// CodeDirectory builds a CodeDirectory blob (version 0x20400) with the
// given hash type (1 SHA-1, 2 SHA-256), flags and identifier, and one code
// slot whose hash is of "page".
func CodeDirectory(hashType byte, flags uint32, ident string) []byte {
	be := binary.BigEndian
	const hdr = 88 // through execSegFlags (version 0x20400)
	var page []byte
	switch hashType {
	case 1:
		s := sha1.Sum([]byte("page"))
		page = s[:]
	default:
		s := sha256.Sum256([]byte("page"))
		page = s[:]
	}
	identOff := hdr
	hashOff := identOff + len(ident) + 1
	total := hashOff + len(page)
	b := be.AppendUint32(nil, 0xfade0c02)
	b = be.AppendUint32(b, uint32(total))
	b = be.AppendUint32(b, 0x20400)
	b = be.AppendUint32(b, flags)
	b = be.AppendUint32(b, uint32(hashOff))
	b = be.AppendUint32(b, uint32(identOff))
	b = be.AppendUint32(b, 0) // nSpecialSlots
	b = be.AppendUint32(b, 1) // nCodeSlots
	b = be.AppendUint32(b, 4096)
	b = append(b, byte(len(page)), hashType, 0, 12) // hashSize, hashType, platform, pageSize
	b = append(b, make([]byte, hdr-len(b))...)
	b = append(append(b, ident...), 0)
	return append(b, page...)
}

// CDHash is the full digest of a CodeDirectory with its own hash type.
func CDHash(cd []byte) []byte {
	if cd[37] == 1 {
		s := sha1.Sum(cd)
		return s[:]
	}
	s := sha256.Sum256(cd)
	return s[:]
}

// HashAgility returns codesign's two signed attributes binding the
// CodeDirectories: the cdhashes plist (1.2.840.113635.100.9.1, truncated
// cdhashes ordered by hash type; cds must be given in that order) and
// 1.2.840.113635.100.9.2 (SEQUENCE {digest OID, full cdhash} per
// CodeDirectory, in one attribute).
func HashAgility(cds ...[]byte) []pkcs7.Attribute {
	var plist bytes.Buffer
	plist.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n" +
		"<plist version=\"1.0\">\n<dict>\n\t<key>cdhashes</key>\n\t<array>\n")
	var set []byte
	for _, cd := range cds {
		h := CDHash(cd)
		plist.WriteString("\t\t<data>\n\t\t" + base64.StdEncoding.EncodeToString(h[:20]) + "\n\t\t</data>\n")
		oid := asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
		if cd[37] == 1 {
			oid = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
		}
		e, _ := asn1.Marshal(struct {
			Alg    asn1.ObjectIdentifier
			Digest []byte
		}{oid, h})
		set = append(set, e...)
	}
	plist.WriteString("\t</array>\n</dict>\n</plist>\n")
	return []pkcs7.Attribute{
		{Type: asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 9, 1}, Value: plist.Bytes()},
		{Type: asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 9, 2}, Value: asn1.RawValue{FullBytes: set}},
	}
}

// SignCMS makes a detached CMS SignedData over content (SHA-256 digest),
// with the signer's certificate chain and the extra signed attributes.
func SignCMS(content []byte, id *Identity, attrs ...pkcs7.Attribute) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSignerChain(id.Cert, id.Key, id.Chain, pkcs7.SignerInfoConfig{ExtraSignedAttributes: attrs}); err != nil {
		return nil, err
	}
	sd.Detach()
	return sd.Finish()
}

// Slot is one entry of a SuperBlob.
type Slot struct {
	Type uint32
	Blob []byte
}

// Wrapper is a BlobWrapper (0xfade0b01) around payload, the CMS slot.
func Wrapper(payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, 0xfade0b01)
	b = binary.BigEndian.AppendUint32(b, uint32(8+len(payload)))
	return append(b, payload...)
}

// SuperBlob builds an embedded-signature SuperBlob (0xfade0cc0).
func SuperBlob(slots ...Slot) []byte {
	be := binary.BigEndian
	hdr := 12 + 8*len(slots)
	var idx, body []byte
	for _, s := range slots {
		idx = be.AppendUint32(idx, s.Type)
		idx = be.AppendUint32(idx, uint32(hdr+len(body)))
		body = append(body, s.Blob...)
	}
	b := be.AppendUint32(nil, 0xfade0cc0)
	b = be.AppendUint32(b, uint32(hdr+len(body)))
	b = be.AppendUint32(b, uint32(len(slots)))
	return append(append(b, idx...), body...)
}

// Signed builds the usual codesign layout: a SHA-1 CodeDirectory in slot
// 0, a SHA-256 one in slot 0x1000, and a CMS over slot 0 binding both.
func Signed(id *Identity, flags uint32, ident string) ([]byte, error) {
	cd1, cd256 := CodeDirectory(1, flags, ident), CodeDirectory(2, flags, ident)
	cms, err := SignCMS(cd1, id, HashAgility(cd1, cd256)...)
	if err != nil {
		return nil, err
	}
	return SuperBlob(Slot{0, cd1}, Slot{0x1000, cd256}, Slot{0x10000, Wrapper(cms)}), nil
}

// BuildDarwin builds a small Go program for darwin/arch (arm64 is ad-hoc
// signed by the Go linker, amd64 unsigned) in dir and returns it.
func BuildDarwin(dir, arch string) ([]byte, error) {
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	cmd := exec.Command("go", "build", "-o", "out-"+arch, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=darwin", "GOARCH="+arch, "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, errors.New(err.Error() + "\n" + string(out))
	}
	return os.ReadFile(filepath.Join(dir, "out-"+arch))
}

// lcCodeSignature is LC_CODE_SIGNATURE.
const lcCodeSignature = 0x1d

// ExistingCodeDirectory returns the slot-0 CodeDirectory of a signed thin
// Mach-O (the Go linker's ad-hoc one), or nil.
func ExistingCodeDirectory(exe []byte) []byte {
	f, err := macho.NewFile(bytes.NewReader(exe))
	if err != nil {
		return nil
	}
	for _, l := range f.Loads {
		raw := l.Raw()
		if f.ByteOrder.Uint32(raw) != lcCodeSignature {
			continue
		}
		off, size := f.ByteOrder.Uint32(raw[8:]), f.ByteOrder.Uint32(raw[12:])
		sb := exe[off : off+size]
		be := binary.BigEndian
		for i := range int(be.Uint32(sb[8:])) {
			if be.Uint32(sb[12+8*i:]) == 0 {
				o := be.Uint32(sb[16+8*i:])
				return bytes.Clone(sb[o : o+be.Uint32(sb[o+4:])])
			}
		}
	}
	return nil
}

// ReplaceSignature writes superBlob as exe's code signature: the old one
// (at the end of __LINKEDIT, as ld and the Go linker put it) is cut off,
// or, for an unsigned exe, the blob goes at the end of the file, which is
// the end of __LINKEDIT too; LC_CODE_SIGNATURE (replacing the old one or
// added in the header padding) and __LINKEDIT's sizes are updated. Page
// hashes are not recomputed.
func ReplaceSignature(exe, superBlob []byte) ([]byte, error) {
	f, err := macho.NewFile(bytes.NewReader(exe))
	if err != nil {
		return nil, err
	}
	if f.Magic != macho.Magic64 || f.ByteOrder != binary.LittleEndian {
		return nil, errors.New("only little-endian 64-bit Mach-O")
	}
	le := binary.LittleEndian
	out := bytes.Clone(exe)
	hdrEnd := 32 + int(f.Cmdsz)
	var sigCmd, linkedit = -1, -1
	var linkOff uint64
	pos := 32
	for _, l := range f.Loads {
		raw := l.Raw()
		switch cmd := le.Uint32(raw); {
		case cmd == lcCodeSignature:
			sigCmd = pos
		case cmd == uint32(macho.LoadCmdSegment64):
			if seg, ok := l.(*macho.Segment); ok && seg.Name == "__LINKEDIT" {
				linkedit, linkOff = pos, seg.Offset
			}
		}
		pos += len(raw)
	}
	if linkedit < 0 {
		return nil, errors.New("no __LINKEDIT")
	}
	dataOff := len(out)
	if sigCmd >= 0 {
		dataOff = int(le.Uint32(out[sigCmd+8:]))
	} else {
		// Add LC_CODE_SIGNATURE in the padding after the load commands.
		for _, c := range out[hdrEnd : hdrEnd+16] {
			if c != 0 {
				return nil, errors.New("no room for LC_CODE_SIGNATURE")
			}
		}
		sigCmd = hdrEnd
		le.PutUint32(out[sigCmd:], lcCodeSignature)
		le.PutUint32(out[sigCmd+4:], 16)
		le.PutUint32(out[16:], f.Ncmd+1)
		le.PutUint32(out[20:], f.Cmdsz+16)
	}
	for dataOff%16 != 0 { // codesign aligns the signature to 16 bytes
		dataOff++
	}
	out = append(out[:min(dataOff, len(out))], make([]byte, max(0, dataOff-len(out)))...)
	out = append(out, superBlob...)
	le.PutUint32(out[sigCmd+8:], uint32(dataOff))
	le.PutUint32(out[sigCmd+12:], uint32(len(superBlob)))
	// segment_command_64: cmd, cmdsize, segname[16], vmaddr, vmsize,
	// fileoff, filesize (u64 each)…
	fileSize := uint64(len(out)) - linkOff
	le.PutUint64(out[linkedit+48:], fileSize)
	le.PutUint64(out[linkedit+32:], (fileSize+0x3fff)&^0x3fff)
	return out, nil
}
