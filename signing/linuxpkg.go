package signing

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
)

// AppImageSigned reports whether an AppImage carries an embedded
// signature: a non-empty .sha256_sig ELF section (appimagetool --sign).
func AppImageSigned(data []byte) bool {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return false
	}
	s := f.Section(".sha256_sig")
	if s == nil {
		return false
	}
	b, err := s.Data()
	return err == nil && len(bytes.Trim(b, "\x00")) > 0
}

// DebSigned reports whether a .deb (an ar archive) has a debsigs or
// dpkg-sig member (_gpgorigin, _gpgbuilder, …).
func DebSigned(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("!<arch>\n")) {
		return false
	}
	for off := 8; off+60 <= len(data); {
		name := string(bytes.TrimRight(data[off:off+16], " /"))
		size := atoiSpace(data[off+48 : off+58])
		if size < 0 {
			return false
		}
		if bytes.HasPrefix([]byte(name), []byte("_gpg")) {
			return true
		}
		off += 60 + size + size%2
	}
	return false
}

func atoiSpace(b []byte) int {
	n := 0
	for _, c := range bytes.TrimSpace(b) {
		if c < '0' || c > '9' || n > 1<<40 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// RPMSigned reports whether an RPM's signature header holds an OpenPGP
// signature tag (PGP 1002, GPG 1005, RSA 268, DSA 267).
func RPMSigned(data []byte) bool {
	const lead = 96
	if len(data) < lead+16 || !bytes.HasPrefix(data, []byte{0xed, 0xab, 0xee, 0xdb}) {
		return false
	}
	h := data[lead:]
	if !bytes.HasPrefix(h, []byte{0x8e, 0xad, 0xe8}) {
		return false
	}
	n := int(binary.BigEndian.Uint32(h[8:]))
	for i := 0; i < n && 16+i*16+16 <= len(h); i++ {
		switch binary.BigEndian.Uint32(h[16+i*16:]) {
		case 1002, 1005, 268, 267:
			return true
		}
	}
	return false
}
