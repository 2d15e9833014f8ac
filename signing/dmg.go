package signing

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A UDIF disk image (.dmg) ends with a 512-byte big-endian "koly" trailer.
// Layout as apple-codesign's KolyTrailer reads and writes it
// (apple-codesign/src/dmg.rs): signature[4], version, header_size, flags
// (u32), running_data_fork_offset, data_fork_offset, data_fork_length,
// rsrc_fork_offset, rsrc_fork_length (u64), segment_number,
// segment_count (u32), segment_id[16], data_fork_digest_type,
// data_fork_digest_size (u32), data_fork_digest[128], plist_offset,
// plist_length (u64), reserved1[64], code_signature_offset,
// code_signature_size (u64), … — so the code signature pointer is at
// bytes 296 and 304. codesign writes an embedded-signature SuperBlob
// there (CodeDirectory, requirements, CMS slot 0x10000), and stapling adds
// the notarization ticket as slot 0x10002.
const (
	kolySize          = 512
	kolyCodeSigOffset = 296
	kolyCodeSigSize   = 304
	maxDMGSignature   = 16 << 20

	csSlotCodeDirectory = 0
	csSlotCMS           = 0x10000
	csSlotTicket        = 0x10002
)

// DMGInfo is what a disk image says about its code signature.
type DMGInfo struct {
	UDIF    bool // the file ends with a koly trailer
	Signed  bool // the trailer points at an embedded signature
	AdHoc   bool // the CodeDirectory carries the ad-hoc flag
	CMS     bool // the CMS slot holds a signature (a real identity)
	Stapled bool // a notarization ticket is stapled (ticket slot)
}

// InspectDMG reads the koly trailer of the size-byte image r and the code
// signature it points at. A file without the trailer is not an error:
// UDIF is false.
func InspectDMG(r io.ReaderAt, size int64) (DMGInfo, error) {
	var info DMGInfo
	if size < kolySize {
		return info, nil
	}
	var koly [kolySize]byte
	if _, err := r.ReadAt(koly[:], size-kolySize); err != nil {
		return info, err
	}
	if string(koly[:4]) != "koly" {
		return info, nil
	}
	info.UDIF = true
	be := binary.BigEndian
	off, n := be.Uint64(koly[kolyCodeSigOffset:]), be.Uint64(koly[kolyCodeSigSize:])
	if off == 0 || n == 0 {
		return info, nil
	}
	if n > maxDMGSignature || off > uint64(size-kolySize) || n > uint64(size-kolySize)-off {
		return info, fmt.Errorf("code signature at %d (+%d) lies outside the image", off, n)
	}
	blob := make([]byte, n)
	if _, err := r.ReadAt(blob, int64(off)); err != nil {
		return info, err
	}
	info.Signed = true
	slots, err := superBlobSlots(blob)
	if err != nil {
		return info, err
	}
	if cd, ok := slots[csSlotCodeDirectory]; ok && len(cd) >= 16 && be.Uint32(cd) == 0xfade0c02 {
		info.AdHoc = be.Uint32(cd[12:])&0x2 != 0
	}
	info.CMS = wrapperHasData(slots[csSlotCMS])
	info.Stapled = wrapperHasData(slots[csSlotTicket])
	return info, nil
}

// superBlobSlots maps the slot types of an embedded-signature SuperBlob
// (0xfade0cc0) to their blobs.
func superBlobSlots(b []byte) (map[uint32][]byte, error) {
	be := binary.BigEndian
	if len(b) < 12 || be.Uint32(b) != 0xfade0cc0 {
		return nil, errors.New("code signature is not an embedded-signature SuperBlob")
	}
	count := int(be.Uint32(b[8:]))
	if count > (len(b)-12)/8 {
		return nil, errors.New("SuperBlob index runs past its end")
	}
	out := map[uint32][]byte{}
	for i := range count {
		typ, off := be.Uint32(b[12+i*8:]), int(be.Uint32(b[16+i*8:]))
		if off < 0 || off+8 > len(b) {
			continue
		}
		l := int(be.Uint32(b[off+4:]))
		if l < 8 || off+l > len(b) {
			continue
		}
		out[typ] = b[off : off+l]
	}
	return out, nil
}

// wrapperHasData reports a BlobWrapper (0xfade0b01) with a payload: codesign
// leaves an empty wrapper in the CMS slot of ad-hoc signatures.
func wrapperHasData(b []byte) bool {
	return len(b) > 8 && binary.BigEndian.Uint32(b) == 0xfade0b01
}
