package checks

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
)

// dmgImage builds a disk image to the layout apple-codesign's dmg.rs
// writes (codesign cannot run here, so the images are synthetic): data
// fork, plist, the embedded-signature SuperBlob, and the 512-byte koly
// trailer whose code_signature_offset/size (bytes 296/304) point at it.
// blobs are (slot type, blob) pairs; none means unsigned.
func dmgImage(blobs ...[]byte) []byte {
	be := binary.BigEndian
	img := []byte(strings.Repeat("data fork ", 64) + `<plist version="1.0"><dict/></plist>`)
	koly := make([]byte, 512)
	copy(koly, "koly")
	be.PutUint32(koly[4:], 4)
	be.PutUint32(koly[8:], 512)
	if len(blobs) > 0 {
		n := len(blobs) / 2
		var idx, body []byte
		for i := 0; i < n; i++ {
			idx = be.AppendUint32(idx, be.Uint32(blobs[2*i]))
			idx = be.AppendUint32(idx, uint32(12+8*n+len(body)))
			body = append(body, blobs[2*i+1]...)
		}
		sig := be.AppendUint32(nil, 0xfade0cc0)
		sig = be.AppendUint32(sig, uint32(12+len(idx)+len(body)))
		sig = be.AppendUint32(sig, uint32(n))
		sig = append(append(sig, idx...), body...)
		be.PutUint64(koly[296:], uint64(len(img)))
		be.PutUint64(koly[304:], uint64(len(sig)))
		img = append(img, sig...)
	}
	return append(img, koly...)
}

func slot(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }

func csBlob(magic uint32, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	b = binary.BigEndian.AppendUint32(b, uint32(8+len(payload)))
	return append(b, payload...)
}

// TestMacDMGArtifacts checks TA-REL-008 on disk images: unsigned, ad-hoc,
// signed without and with a stapled ticket, a damaged trailer, and a file
// that is no UDIF image at all.
func TestMacDMGArtifacts(t *testing.T) {
	cd := func(flags uint32) []byte {
		return csBlob(0xfade0c02, append(binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, 0x20100), flags), make([]byte, 28)...))
	}
	cms := csBlob(0xfade0b01, []byte{0x30, 0x82, 0x01, 0x00})
	ticket := csBlob(0xfade0b01, []byte("s8ch"))
	req := csBlob(0xfade0c01, []byte{0, 0, 0, 0})
	dir := filepath.Join(t.TempDir(), "artifacts")
	os.MkdirAll(dir, 0o755)
	put := func(name string, data []byte) { os.WriteFile(filepath.Join(dir, name), data, 0o644) }
	put("unsigned.dmg", dmgImage())
	put("adhoc.dmg", dmgImage(slot(0), cd(2), slot(2), req, slot(0x10000), csBlob(0xfade0b01, nil)))
	put("signed.dmg", dmgImage(slot(0), cd(0), slot(2), req, slot(0x10000), cms))
	put("stapled.dmg", dmgImage(slot(0), cd(0), slot(2), req, slot(0x10000), cms, slot(0x10002), ticket))
	damaged := dmgImage(slot(0), cd(0), slot(0x10000), cms)
	binary.BigEndian.PutUint64(damaged[len(damaged)-512+304:], 1<<40)
	put("damaged.dmg", damaged)
	put("notes.dmg", []byte("not a disk image"))

	fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)}}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{Settings: rules.Settings{Artifacts: dir}})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), projects, []*rules.Rule{MacArtifactNotNotarized})
	var got []string
	for _, f := range res.Findings {
		got = append(got, string(f.Level)+" "+f.Location.File+": "+f.Message)
	}
	slices.Sort(got)
	want := []string{
		"note artifacts/signed.dmg: signed.dmg is signed but has no stapled notarization ticket of its own (xcrun stapler staple the .dmg)",
		"warning artifacts/adhoc.dmg: adhoc.dmg is only ad-hoc signed",
		"warning artifacts/damaged.dmg: damaged.dmg has an unreadable code signature: code signature at 676 (+1099511627776) lies outside the image",
		"warning artifacts/unsigned.dmg: unsigned.dmg is not code-signed",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
