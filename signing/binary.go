package signing

import (
	"bytes"
	"crypto/x509"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
)

// BinKind is the executable format of a file.
type BinKind uint8

// The formats.
const (
	BinUnknown BinKind = iota
	BinPE
	BinMachO
	BinELF
)

func (k BinKind) String() string {
	return [...]string{"unknown", "PE", "Mach-O", "ELF"}[k]
}

// BinaryInfo is what the headers of an executable say about signing.
type BinaryInfo struct {
	Kind BinKind
	// PE: the certificate table (IMAGE_DIRECTORY_ENTRY_SECURITY) and its
	// first WIN_CERTIFICATE type (2 = PKCS#7 SignedData).
	CertTable bool
	CertType  uint16
	// Mach-O, per architecture of a fat file (one entry for a thin file).
	Slices []MachOSlice
	Fat    bool
}

// MachOSlice is one architecture of a Mach-O file.
type MachOSlice struct {
	Arch   string
	Signed bool // has LC_CODE_SIGNATURE
	AdHoc  bool // CodeDirectory flag 0x2 (CS_ADHOC)
	CMS    bool // a CMS blob (0xfade0b01) with content: a real identity

	sig []byte // a copy of the embedded-signature SuperBlob
}

// VerifySignature verifies the slice's CMS signature and, with roots, the
// signer's chain (see VerifyMachOSignature).
func (s *MachOSlice) VerifySignature(roots *x509.CertPool) MachOSignature {
	if !s.CMS {
		return MachOSignature{}
	}
	return VerifyMachOSignature(s.sig, roots)
}

// Signed reports a signature of any kind: a PE certificate table, or
// LC_CODE_SIGNATURE in every Mach-O slice.
func (b *BinaryInfo) Signed() bool {
	switch b.Kind {
	case BinPE:
		return b.CertTable
	case BinMachO:
		for _, s := range b.Slices {
			if !s.Signed {
				return false
			}
		}
		return len(b.Slices) > 0
	}
	return false
}

// AdHocOnly reports a Mach-O whose slices are signed but none with an
// identity (the Go linker and `codesign -s -` make these).
func (b *BinaryInfo) AdHocOnly() bool {
	if b.Kind != BinMachO || !b.Signed() {
		return false
	}
	for _, s := range b.Slices {
		if s.CMS {
			return false
		}
	}
	return true
}

// Inspect reads the executable headers of data. Files that are not PE,
// Mach-O or ELF give BinUnknown and no error.
func Inspect(data []byte) (*BinaryInfo, error) {
	r := bytes.NewReader(data)
	switch {
	case len(data) >= 2 && data[0] == 'M' && data[1] == 'Z':
		return inspectPE(r)
	case len(data) >= 4 && bytes.Equal(data[:4], []byte("\x7fELF")):
		if _, err := elf.NewFile(r); err != nil {
			return nil, err
		}
		return &BinaryInfo{Kind: BinELF}, nil
	case len(data) >= 4 && isMachOMagic(binary.BigEndian.Uint32(data)):
		return inspectMachO(data)
	}
	return &BinaryInfo{Kind: BinUnknown}, nil
}

func inspectPE(r *bytes.Reader) (*BinaryInfo, error) {
	f, err := pe.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("PE: %w", err)
	}
	var dirs []pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader32:
		dirs = oh.DataDirectory[:oh.NumberOfRvaAndSizes]
	case *pe.OptionalHeader64:
		dirs = oh.DataDirectory[:oh.NumberOfRvaAndSizes]
	}
	info := &BinaryInfo{Kind: BinPE}
	if len(dirs) <= pe.IMAGE_DIRECTORY_ENTRY_SECURITY {
		return info, nil
	}
	// The security directory's address is a file offset, not an RVA.
	sec := dirs[pe.IMAGE_DIRECTORY_ENTRY_SECURITY]
	if sec.VirtualAddress == 0 || sec.Size < 8 {
		return info, nil
	}
	var hdr [8]byte
	if _, err := r.ReadAt(hdr[:], int64(sec.VirtualAddress)); err != nil {
		return info, errors.New("PE: certificate table outside the file")
	}
	info.CertTable = true
	info.CertType = binary.LittleEndian.Uint16(hdr[6:])
	return info, nil
}

func isMachOMagic(m uint32) bool {
	switch m {
	case 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe:
		return true
	}
	return false
}

func inspectMachO(data []byte) (*BinaryInfo, error) {
	info := &BinaryInfo{Kind: BinMachO}
	if binary.BigEndian.Uint32(data) == 0xcafebabe {
		ff, err := macho.NewFatFile(bytes.NewReader(data))
		if err != nil {
			// 0xcafebabe also starts Java class files, whose next word (the
			// class version, 45 and up) is far above any slice count.
			if len(data) >= 8 && binary.BigEndian.Uint32(data[4:]) >= 40 {
				return &BinaryInfo{Kind: BinUnknown}, nil
			}
			return nil, fmt.Errorf("universal Mach-O: %w", err)
		}
		info.Fat = true
		for _, a := range ff.Arches {
			info.Slices = append(info.Slices, machoSlice(a.File, data[a.Offset:min(int(a.Offset+a.Size), len(data))]))
		}
		return info, nil
	}
	f, err := macho.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("Mach-O: %w", err)
	}
	info.Slices = []MachOSlice{machoSlice(f, data)}
	return info, nil
}

// lcCodeSignature is LC_CODE_SIGNATURE; debug/macho has no constant.
const lcCodeSignature = 0x1d

// machoSlice finds LC_CODE_SIGNATURE and reads its SuperBlob: a
// CodeDirectory with the ad-hoc flag, and a CMS blob with content.
func machoSlice(f *macho.File, data []byte) MachOSlice {
	s := MachOSlice{Arch: f.Cpu.String()}
	for _, l := range f.Loads {
		raw := l.Raw()
		if len(raw) < 16 || f.ByteOrder.Uint32(raw) != lcCodeSignature {
			continue
		}
		s.Signed = true
		off, size := f.ByteOrder.Uint32(raw[8:]), f.ByteOrder.Uint32(raw[12:])
		if int64(off)+int64(size) <= int64(len(data)) {
			s.AdHoc, s.CMS = parseSuperBlob(data[off : off+size])
			if s.CMS {
				s.sig = bytes.Clone(data[off : off+size])
			}
		}
	}
	return s
}

// parseSuperBlob reads the embedded signature (big-endian, always).
func parseSuperBlob(b []byte) (adhoc, cms bool) {
	be := binary.BigEndian
	if len(b) < 12 || be.Uint32(b) != 0xfade0cc0 {
		return false, false
	}
	count := int(be.Uint32(b[8:]))
	for i := 0; i < count && 12+i*8+8 <= len(b); i++ {
		off := int(be.Uint32(b[12+i*8+4:]))
		if off+12 > len(b) {
			continue
		}
		switch be.Uint32(b[off:]) {
		case 0xfade0c02: // CodeDirectory: flags at offset 12
			if off+16 <= len(b) && be.Uint32(b[off+12:])&0x2 != 0 {
				adhoc = true
			}
		case 0xfade0b01: // CMS wrapper: length includes the 8-byte header
			if be.Uint32(b[off+4:]) > 8 {
				cms = true
			}
		}
	}
	return adhoc, cms
}
