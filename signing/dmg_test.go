package signing

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// synthDMG builds a disk image to the layout apple-codesign writes (the
// test cannot run codesign): data fork, XML plist, the embedded signature
// SuperBlob at offset_after_plist, then the 512-byte koly trailer pointing
// at it. slots maps slot types to blobs; nil means unsigned.
func synthDMG(slots map[uint32][]byte, order []uint32) []byte {
	be := binary.BigEndian
	data := bytes.Repeat([]byte("data fork "), 100)
	plist := []byte(`<?xml version="1.0"?><plist version="1.0"><dict/></plist>`)
	img := append(append([]byte{}, data...), plist...)
	var sig []byte
	if slots != nil {
		hdr := 12 + 8*len(order)
		var body []byte
		idx := make([]byte, 0, 8*len(order))
		for _, typ := range order {
			idx = be.AppendUint32(idx, typ)
			idx = be.AppendUint32(idx, uint32(hdr+len(body)))
			body = append(body, slots[typ]...)
		}
		sig = be.AppendUint32(nil, 0xfade0cc0)
		sig = be.AppendUint32(sig, uint32(hdr+len(body)))
		sig = be.AppendUint32(sig, uint32(len(order)))
		sig = append(append(sig, idx...), body...)
	}
	sigOff := len(img)
	img = append(img, sig...)
	koly := make([]byte, 512)
	copy(koly, "koly")
	be.PutUint32(koly[4:], 4)
	be.PutUint32(koly[8:], 512)
	be.PutUint64(koly[32:], uint64(len(data)))   // data_fork_length
	be.PutUint64(koly[216:], uint64(len(data)))  // plist_offset
	be.PutUint64(koly[224:], uint64(len(plist))) // plist_length
	if sig != nil {
		be.PutUint64(koly[296:], uint64(sigOff))   // code_signature_offset
		be.PutUint64(koly[304:], uint64(len(sig))) // code_signature_size
	}
	return append(img, koly...)
}

// codeDirectory is a CodeDirectory blob header with the given flags.
func codeDirectory(flags uint32) []byte {
	be := binary.BigEndian
	b := be.AppendUint32(nil, 0xfade0c02)
	b = be.AppendUint32(b, 44)
	b = be.AppendUint32(b, 0x20100)
	b = be.AppendUint32(b, flags)
	return append(b, make([]byte, 28)...)
}

// wrapper is a BlobWrapper around payload (empty: codesign's ad-hoc CMS).
func wrapper(payload []byte) []byte {
	be := binary.BigEndian
	b := be.AppendUint32(nil, 0xfade0b01)
	b = be.AppendUint32(b, uint32(8+len(payload)))
	return append(b, payload...)
}

// requirements is an empty requirement set, as codesign writes for DMGs.
func requirements() []byte {
	be := binary.BigEndian
	b := be.AppendUint32(nil, 0xfade0c01)
	b = be.AppendUint32(b, 12)
	return be.AppendUint32(b, 0)
}

func TestInspectDMG(t *testing.T) {
	cms := wrapper([]byte{0x30, 0x82, 0x01, 0x00, 0x06, 0x09}) // the start of a DER SignedData
	ticket := wrapper([]byte("s8ch ticket bytes"))
	signed := map[uint32][]byte{0: codeDirectory(0), 2: requirements(), 0x10000: cms}
	stapled := map[uint32][]byte{0: codeDirectory(0), 2: requirements(), 0x10000: cms, 0x10002: ticket}
	adhoc := map[uint32][]byte{0: codeDirectory(0x2), 2: requirements(), 0x10000: wrapper(nil)}
	for _, c := range []struct {
		name string
		img  []byte
		want DMGInfo
		err  bool
	}{
		{"not a disk image", []byte("dmg"), DMGInfo{}, false},
		{"raw image without trailer", bytes.Repeat([]byte{0}, 4096), DMGInfo{}, false},
		{"unsigned", synthDMG(nil, nil), DMGInfo{UDIF: true}, false},
		{"ad-hoc", synthDMG(adhoc, []uint32{0, 2, 0x10000}), DMGInfo{UDIF: true, Signed: true, AdHoc: true}, false},
		{"developer id", synthDMG(signed, []uint32{0, 2, 0x10000}), DMGInfo{UDIF: true, Signed: true, CMS: true}, false},
		{"stapled", synthDMG(stapled, []uint32{0, 2, 0x10000, 0x10002}), DMGInfo{UDIF: true, Signed: true, CMS: true, Stapled: true}, false},
	} {
		got, err := InspectDMG(bytes.NewReader(c.img), int64(len(c.img)))
		if (err != nil) != c.err || got != c.want {
			t.Errorf("%s: got %+v, %v; want %+v (error %v)", c.name, got, err, c.want, c.err)
		}
	}

	// A trailer pointing past the image, and a signature that is no
	// SuperBlob, are errors; the image still counts as UDIF.
	img := synthDMG(signed, []uint32{0, 2, 0x10000})
	binary.BigEndian.PutUint64(img[len(img)-512+304:], uint64(len(img)))
	if info, err := InspectDMG(bytes.NewReader(img), int64(len(img))); err == nil || !info.UDIF {
		t.Errorf("signature past the end: %+v, %v", info, err)
	}
	img = synthDMG(signed, []uint32{0, 2, 0x10000})
	sigOff := binary.BigEndian.Uint64(img[len(img)-512+296:])
	img[sigOff] = 0
	if _, err := InspectDMG(bytes.NewReader(img), int64(len(img))); err == nil {
		t.Error("a damaged SuperBlob magic was accepted")
	}
}

func FuzzInspectDMG(f *testing.F) {
	f.Add(synthDMG(map[uint32][]byte{0: codeDirectory(2)}, []uint32{0}))
	f.Fuzz(func(t *testing.T, b []byte) {
		InspectDMG(bytes.NewReader(b), int64(len(b)))
	})
}
